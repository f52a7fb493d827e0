import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { fixtureCredentials as fx } from "../../testing/fixture";
import {
  certificatesConfig,
  fabricCertificatesConfig,
  installedProgramDir,
  legPath,
  lookupsConfig,
  startE2e,
  type E2eContext,
} from "../e2e/harness";
import { preparedLegs, type CompatLeg } from "./legs";

jest.setTimeout(20 * 60 * 1000);

const legs = preparedLegs();
const stackName = "crossleg";
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId };

/**
 * One stack, one state: each leg in turn writes it with `pulumi up`, and every other leg must then
 * preview it with no change. This is what a team meets when one member upgrades Node.js or
 * @pulumi/pulumi before the others, or CI runs another version than a laptop.
 */
describe("a state written under one leg previews with no change under the others", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  let scratch: string;
  const stacks = new Map<string, Stack>();
  const log = () => undefined;

  /** The same stack and backend, driven from a program directory installed for `leg`. */
  async function stackOn(leg: CompatLeg): Promise<Stack> {
    const dir = installedProgramDir("tests/e2e/program", join(scratch, leg.name), leg);
    const configFile = `Pulumi.${stackName}.yaml`;
    copyFileSync(join(ctx.stack.workspace.workDir, configFile), join(dir, configFile));
    const pulumiCommand = await PulumiCommand.get({ root: resolve(leg.engineBin, "..") });
    return LocalWorkspace.selectStack(
      { stackName, workDir: dir },
      { pulumiCommand, pulumiHome: ctx.env.PULUMI_HOME, envVars: { ...ctx.env, ...legPath(leg) } },
    );
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-crossleg-"));
    ca = await startFabricCaServer({ bootstrap: { id: "admin", secret: "crossleg-registrar-S3cret" } });
    ctx = await startE2e(
      stackName,
      {
        "bcs:fabricCaUrl": { value: ca.url },
        "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
        "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
        ...certificatesConfig({
          safe: { ...base, orgName: "org1", userName: "cross01", securityMode: true, renewBefore: "30d" },
          hosted: { ...base, orgName: "org2", userName: "cross02", securityMode: false },
        }),
        ...fabricCertificatesConfig({
          fabric: { caUrl: ca.url, enrollmentId: "cross03", affiliation: "org1" },
        }),
        ...lookupsConfig({ naver: { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId } }),
      },
      "tests/e2e/program",
      { leg: legs[0] },
    );
    for (const leg of legs) stacks.set(leg.name, await stackOn(leg));
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("covers at least the oldest and the newest combination", () => {
    expect(legs.length).toBeGreaterThanOrEqual(2);
  });

  for (const [index, writer] of legs.entries()) {
    it(`written by ${writer.name}, read by the others`, async () => {
      const up = await stacks.get(writer.name)!.up({ onOutput: log });
      expect(up.summary.resourceChanges).toEqual(index === 0 ? { create: 4 } : { same: 4 });
      expect((up.outputs.runtime.value as { pulumi: string }).pulumi).toBe(writer.pulumi);
      for (const reader of legs.filter((l) => l !== writer)) {
        const preview = await stacks.get(reader.name)!.preview({ expectNoChanges: true, onOutput: log });
        expect({ reader: reader.name, changes: preview.changeSummary }).toEqual({
          reader: reader.name,
          changes: { same: 4 },
        });
      }
    });
  }

  it("destroys from the oldest leg what the newest wrote", async () => {
    await stacks.get(legs[0].name)!.destroy({ onOutput: log });
    const state = await stacks.get(legs[legs.length - 1].name)!.exportStack();
    expect(state.deployment.resources ?? []).toHaveLength(0);
  });
});
