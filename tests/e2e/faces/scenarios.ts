import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { secretHits } from "../../support/secretHits";
import { exportState, type CreateStack, type FaceContext } from "./context";
import { secretInputsOnFileBackend, secretInputsOnS3Backend } from "./secretInputs";

const DAY = 86_400_000;

/** One face's stack and what its engine runs showed so far; the scenarios run on it in order. */
export interface FaceRun {
  ctx: FaceContext;
  stack: Stack;
  /** The face's driver, to make another stack of its program (another backend, other config). */
  createStack: CreateStack;
  events: EngineEvent[];
  printed: string[];
  /** What earlier scenarios' previews printed, by scenario, for the later ones that read it. */
  said: Record<string, string>;
  /** Options every engine command of a scenario passes, so events and output are collected. */
  watch: { onEvent: (e: EngineEvent) => void; onOutput: (s: string) => void };
}

export interface Scenario {
  name: string;
  run(r: FaceRun): Promise<void>;
  /** Faces (by driver name) that cannot do it, each with why: said in the suite's title, not skipped. */
  cannot?: Record<string, string>;
}

interface ResourceState {
  type: string;
  urn: string;
  outputs: Record<string, unknown>;
}

/** The decrypted state of the contract's resource `name` (appUser, fabricUser). */
async function resourceState(stack: Stack, name: string): Promise<Record<string, unknown>> {
  const resources = (await stack.exportStack()).deployment.resources as ResourceState[];
  const found = resources.find((r) => r.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no resource ${name} in the state`);
  return found.outputs;
}

const identityListed = (r: FaceRun) =>
  new RegExp(`Name: ${r.ctx.enrollmentId},`).test(r.ctx.caCli.run(["identity", "list"]));

/** Serials as fabric-ca-client lists them: lower-case hex without leading zeros. */
const caSerial = (serial: unknown) => String(serial).toLowerCase().replace(/^0+/, "");

const notRevoked = (r: FaceRun) =>
  r.ctx.caCli.run(["certificate", "list", "--id", r.ctx.enrollmentId, "--notrevoked"]);

/**
 * Moves the providers' clock (`PULUMI_BCS_NOW` in every later engine command); the servers keep real
 * time, so only a preview, which decides renewal from the state, may run on it.
 */
function setProviderClock(r: FaceRun, date: Date | undefined): void {
  if (date) r.stack.workspace.envVars.PULUMI_BCS_NOW = date.toISOString();
  else delete r.stack.workspace.envVars.PULUMI_BCS_NOW;
}

/** A config change that a scenario undoes whatever happens. */
async function withConfig(r: FaceRun, key: string, value: string, body: () => Promise<void>): Promise<void> {
  const before = (await r.stack.getConfig(key)).value;
  await r.stack.setConfig(key, { value });
  try {
    await body();
  } finally {
    await r.stack.setConfig(key, { value: before });
  }
}

const NOTICES_UNATTACHED =
  "the dynamic provider's notices are lines on its stderr, which the engine shows attached to no " +
  "resource (a dynamic provider is not told which resource it works on)";

const JAVA_DEBUG_LOG =
  "the Java SDK (com.pulumi:pulumi 1.16.0, as 1.36.1, the newest on Maven Central) sends the engine " +
  "every RegisterResource request and result as a debug message, secret values in plain text " +
  "(pulumi/pulumi-java#618), and the engine keeps its debug messages in the event log";

/** The URNs of the diagnostics the engine showed whose message contains `text`. */
const diagnosticUrns = (r: FaceRun, text: string) =>
  r.events.flatMap((e) => (e.diagnosticEvent?.message.includes(text) ? [e.diagnosticEvent.urn ?? ""] : []));

/**
 * The end-to-end scenarios every face of pulumi-bcs (the dynamic resources, the bcs package from
 * YAML, …) must pass the same way: a user's day on one stack, in order.
 */
export const scenarios: Scenario[] = [
  {
    name: "preview shows the creates and sends nothing: the emulator and the CA hold nothing new",
    async run(r) {
      const preview = await r.stack.preview(r.watch);
      expect(preview.changeSummary).toEqual({ create: 3 });
      expect(await emulatorCertificates(r.ctx.emulator.url)).toEqual([]);
      expect(identityListed(r)).toBe(false);
    },
  },
  {
    name: "up issues the Huawei certificate, enrolls the Fabric CA identity and reads NAVER's identities",
    async run(r) {
      const up = await r.stack.up(r.watch);
      expect(up.summary.resourceChanges).toEqual({ create: 3 });
      const { subject, key, fabricSubject, fabricKey, clientsByType } = up.outputs;
      expect(subject).toEqual({ value: `CN=${r.ctx.userName},OU=client,O=org1,C=CN`, secret: false });
      expect(fabricSubject!.value).toMatch(new RegExp(`^CN=${r.ctx.enrollmentId}(,|$)`));
      for (const k of [key!, fabricKey!]) {
        expect(k.secret).toBe(true);
        expect(k.value).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      }
      expect(clientsByType!.value).toEqual({ CLIENT: 2 });
      const issued = await emulatorCertificates(r.ctx.emulator.url);
      expect(issued.map((c) => [c.userName, c.frozen])).toEqual([[r.ctx.userName, false]]);
      expect(identityListed(r)).toBe(true);
    },
  },
  {
    name: "a second preview shows no change",
    async run(r) {
      const preview = await r.stack.preview({ ...r.watch, expectNoChanges: true });
      expect(preview.changeSummary).toEqual({ same: 3 });
    },
  },
  {
    name: "refresh of a healthy stack changes nothing",
    async run(r) {
      const refresh = await r.stack.refresh(r.watch);
      expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
      await r.stack.preview({ ...r.watch, expectNoChanges: true });
    },
  },
  {
    name: "a userName change previews as a replace, and the preview issues nothing",
    async run(r) {
      await withConfig(r, "userName", "faceuser02", async () => {
        const preview = await r.stack.preview(r.watch);
        expect(preview.changeSummary).toEqual({ replace: 1, same: 2 });
      });
      expect(await emulatorCertificates(r.ctx.emulator.url, { userName: "faceuser02" })).toEqual([]);
    },
  },
  {
    name: "a bad input fails at preview, naming the field and the rule",
    async run(r) {
      await withConfig(r, "userName", "Face_User", () =>
        expect(r.stack.preview(r.watch)).rejects.toThrow(
          /userName may contain only lowercase letters a-z and digits 0-9/,
        ),
      );
      await withConfig(r, "caUrl", "ca.org1 port 7054", () =>
        expect(r.stack.preview(r.watch)).rejects.toThrow(/caUrl must be an absolute URL/),
      );
    },
  },
  {
    name: "inside renewBefore, a plain preview shows the renewals; back in real time, nothing",
    async run(r) {
      const appUser = await resourceState(r.stack, "appUser");
      const fabricUser = await resourceState(r.stack, "fabricUser");
      const notAfter = Math.min(
        Date.parse(String(appUser.notAfter)),
        Date.parse(String(fabricUser.notAfter)),
      );
      setProviderClock(r, new Date(notAfter - 9.5 * DAY));
      try {
        const preview = await r.stack.preview({ ...r.watch, diff: true });
        expect(preview.changeSummary).toEqual({ replace: 1, update: 1, same: 1 });
        r.said.renewal = preview.stdout + preview.stderr;
      } finally {
        setProviderClock(r, undefined);
      }
      await r.stack.preview({ ...r.watch, expectNoChanges: true });
    },
  },
  {
    name: "refresh finds the Fabric CA certificate revoked out of band; up enrolls again",
    async run(r) {
      const before = await resourceState(r.stack, "fabricUser");
      r.ctx.caCli.run([
        "revoke",
        "-s",
        caSerial(before.serialNumber),
        "-a",
        String(before.authorityKeyId),
        "-r",
        "keycompromise",
      ]);
      const refresh = await r.stack.refresh(r.watch);
      expect(refresh.summary.resourceChanges).toEqual({ update: 1, same: 2 });
      expect((await resourceState(r.stack, "fabricUser")).status).toBe("revoked");
      const preview = await r.stack.preview({ ...r.watch, diff: true });
      expect(preview.changeSummary).toEqual({ update: 1, same: 2 });
      r.said.drift = preview.stdout + preview.stderr;
      await r.stack.up(r.watch);
      const after = await resourceState(r.stack, "fabricUser");
      expect(after.status).toBe("valid");
      expect(notRevoked(r)).toContain(caSerial(after.serialNumber));
      await r.stack.preview({ ...r.watch, expectNoChanges: true });
    },
  },
  {
    name: "those previews say why: the renewals' reasons and the revocation refresh found",
    async run(r) {
      expect(r.said.renewal).toMatch(
        new RegExp(`${r.ctx.userName}: expires in \\d+ days, renewBefore 30d: replace: freeze the old one`),
      );
      expect(r.said.renewal).toMatch(
        new RegExp(
          `${r.ctx.enrollmentId}: expires in \\d+ days, renewBefore 30d: re-enroll the same identity`,
        ),
      );
      expect(r.said.drift).toContain(
        `${r.ctx.enrollmentId}: revoked at the CA (found by refresh): enroll the identity again`,
      );
    },
  },
  {
    name: "each notice is attached to the resource it is about",
    cannot: { dynamic: NOTICES_UNATTACHED },
    async run(r) {
      const renewal = diagnosticUrns(r, `${r.ctx.userName}: expires in`);
      const drift = diagnosticUrns(r, `${r.ctx.enrollmentId}: revoked at the CA (found by refresh)`);
      expect(renewal).not.toEqual([]);
      expect(drift).not.toEqual([]);
      for (const urn of renewal) expect(urn).toMatch(/::appUser$/);
      for (const urn of drift) expect(urn).toMatch(/::fabricUser$/);
    },
  },
  {
    name: "the keys are secrets in the state, and in plain text nowhere: state, event log, output",
    cannot: { java: JAVA_DEBUG_LOG },
    async run(r) {
      const state = exportState(r.ctx, r.stack);
      const resources = (JSON.parse(state) as { deployment: { resources: ResourceState[] } }).deployment
        .resources;
      // Which outputs hold the key depends on the face (the dynamic one derives some in the program).
      const keyOutputs = ["privateKeyPem", "mspSecret", "archive", "msp", "gatewayIdentity"];
      for (const name of ["appUser", "fabricUser"]) {
        const outputs = resources.find((res) => res.urn.endsWith(`::${name}`))!.outputs;
        const stored = keyOutputs.filter((k) => k in outputs && outputs[k] !== null);
        expect(stored).not.toEqual([]);
        for (const secret of stored)
          expect([name, secret, outputs[secret]]).toEqual([
            name,
            secret,
            expect.objectContaining({ ciphertext: expect.any(String) }),
          ]);
      }
      const outputs = await r.stack.outputs();
      const secrets = new Map([
        ["a line of the Huawei private key", (outputs.key!.value as string).split("\n")[1]!],
        ["a line of the Fabric CA private key", (outputs.fabricKey!.value as string).split("\n")[1]!],
        ["the Huawei secret key", fx.huawei.secretKey],
        ["the registrar's secret", r.ctx.ca.bootstrap.secret],
      ]);
      expect(
        secretHits(secrets, {
          state,
          "event log": JSON.stringify(r.events),
          output: r.printed.join(""),
        }),
      ).toEqual([]);
    },
  },
  {
    name: "an input the stack declares secret (mspId) is ciphertext in the state and plain in no backend file",
    cannot: { java: JAVA_DEBUG_LOG },
    async run(r) {
      secretInputsOnFileBackend(r.ctx, r.stack, {
        "event log": JSON.stringify(r.events),
        output: r.printed.join(""),
      });
    },
  },
  {
    name: "the same on an S3 backend (MinIO): the state and every object of the bucket",
    run: (r) => secretInputsOnS3Backend(r.ctx, r.createStack),
  },
  {
    name: "destroy freezes the Huawei certificate and revokes the Fabric CA one",
    async run(r) {
      const serial = caSerial((await resourceState(r.stack, "fabricUser")).serialNumber);
      expect(notRevoked(r)).toContain(serial);
      const destroy = await r.stack.destroy(r.watch);
      expect(destroy.summary.resourceChanges).toEqual({ delete: 3 });
      const held = await emulatorCertificates(r.ctx.emulator.url, { userName: r.ctx.userName });
      expect(held.map((c) => c.frozen)).toEqual([true]);
      expect(notRevoked(r)).not.toContain(serial);
      expect(r.ctx.caCli.run(["certificate", "list", "--id", r.ctx.enrollmentId])).toContain(serial);
    },
  },
];
