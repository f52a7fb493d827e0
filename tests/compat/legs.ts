import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** A tested combination of Node.js and @pulumi/pulumi, as declared in tools/compat/legs.json. */
export interface DeclaredLeg {
  node: string;
  pulumi: string;
}

/** A declared leg as scripts/compat.sh prepared it. */
export interface CompatLeg extends DeclaredLeg {
  /** `node<major>-pulumi<version>` */
  name: string;
  /** The directory holding that Node.js's `node`, first on PATH for the leg's engine runs. */
  nodeBin: string;
  /** The directory of that version's Pulumi CLI and language host (scripts/engine.sh). */
  engineBin: string;
  /** A fresh project of that @pulumi/pulumi with the packed pulumi-bcs installed by npm. */
  project: string;
}

const repo = resolve(__dirname, "../..");

/** The tested combinations, oldest first. */
export function declaredLegs(): DeclaredLeg[] {
  return (JSON.parse(readFileSync(join(repo, "tools/compat/legs.json"), "utf8")) as { legs: DeclaredLeg[] })
    .legs;
}

/** Every leg scripts/compat.sh prepared (PULUMI_BCS_COMPAT_LEGS names its list). */
export function preparedLegs(): CompatLeg[] {
  const file = process.env.PULUMI_BCS_COMPAT_LEGS;
  if (!file) throw new Error("PULUMI_BCS_COMPAT_LEGS is not set: run `npm run test:compat`");
  return JSON.parse(readFileSync(file, "utf8")) as CompatLeg[];
}

/** The leg this run tests (PULUMI_BCS_COMPAT_LEG names it). */
export function legUnderTest(): CompatLeg {
  const name = process.env.PULUMI_BCS_COMPAT_LEG;
  const leg = preparedLegs().find((l) => l.name === name);
  if (!leg) throw new Error(`PULUMI_BCS_COMPAT_LEG=${name} is not a prepared leg`);
  return leg;
}
