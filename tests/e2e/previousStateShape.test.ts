import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { certificateInfo } from "../../provider/common/certificateInfo";
import { packMsp, storedArchive, type PackedMsp } from "../../provider/huawei/stateShape";
import { filesOf } from "../support/mspZip";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { emulatorCertificates } from "../support/emulatorInspection";
import { certificatesConfig, startE2e, type E2eContext } from "./harness";

jest.setTimeout(10 * 60 * 1000);

/** The key Pulumi marks a secret value with in a deployment. */
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

interface ExportedResource {
  urn: string;
  outputs: Record<string, unknown>;
}

const FOLLOWED = [
  "serialNumber",
  "subject",
  "issuer",
  "notBefore",
  "notAfter",
  "fingerprintSha256",
  "certificatePem",
  "privateKeyPem",
  "caCertificatePem",
  "archive",
  "msp",
] as const;

function followed(outputs: OutputMap): Record<string, unknown> {
  const cert = (outputs.results.value as Record<string, Record<string, unknown>>).shape;
  return Object.fromEntries(FOLLOWED.map((k) => [k, cert[k]]));
}

/** Rewrites the certificate's packed zip (this release's shape) into an older release's outputs. */
type Rewrite = (resource: ExportedResource, packed: PackedMsp) => void;

/** pulumi-bcs 0.1.0: the zip as `archive`, and the certificate facts. */
const asArchive: Rewrite = (resource, packed) => {
  const { zip, certificatePem } = storedArchive(packed);
  delete resource.outputs.mspPublic;
  delete resource.outputs.mspSecret;
  Object.assign(resource.outputs, certificateInfo(certificatePem), {
    archive: { ...SECRET_SIG, plaintext: JSON.stringify(zip.toString("base64")) },
  });
};

/** Issue 13: the msp/ folder packed (format 1), which kept no zip. */
const asFolder: Rewrite = (resource, packed) => {
  const folder = packMsp(storedArchive(packed).msp);
  resource.outputs.mspPublic = folder.mspPublic;
  resource.outputs.mspSecret = { ...SECRET_SIG, plaintext: JSON.stringify(folder.mspSecret) };
};

/**
 * A state written by an earlier release: pulumi-bcs 0.1.0 stored the zip as `archive` and the
 * certificate facts; issue 13 stored the msp/ folder packed and read the facts in the program; this
 * release stores the zip BCS answered, packed. The test turns a fresh state into an older shape with
 * `stack export`/`stack import`, as the old release would have left it, and checks that this release
 * sees no change, gives the same outputs, and destroys it. Issue 13's folder has only a rebuilt zip to
 * upload: under byte-matched freeze uploads (pinned here) the safe-mode certificate is frozen by name.
 */
describe.each([
  ["0.1.0: archive and certificate facts stored", asArchive, {}],
  ["issue 13: the msp/ folder packed", asFolder, { securityMode: true }],
] as const)("a state in an earlier release's shape (%s)", (_shape, rewrite, mode) => {
  let ctx: E2eContext;
  beforeAll(async () => {
    ctx = await startE2e(
      rewrite === asArchive ? "previousshape" : "foldershape",
      certificatesConfig({
        shape: {
          projectId: fx.huawei.projectId,
          blockchainId: fx.huawei.blockchainId,
          orgName: "org1",
          userName: rewrite === asArchive ? "shape0001" : "shape0002",
          ...mode,
        },
      }),
      "tests/e2e/program",
      rewrite === asFolder ? { pick: { freezeMatch: 1 } } : {},
    );
  });
  afterAll(async () => ctx?.close());

  it("previews with no change, gives the same outputs, and destroys", async () => {
    const before = followed((await ctx.stack.up()).outputs);

    const exported = JSON.parse(ctx.cli(["stack", "export", "--show-secrets"]));
    const resource = (exported.deployment.resources as ExportedResource[]).find((r) =>
      r.urn.endsWith("::shape"),
    )!;
    const plain = (v: unknown) => JSON.parse((v as { plaintext: string }).plaintext) as string;
    const packed: PackedMsp = {
      mspPublic: resource.outputs.mspPublic as string,
      mspSecret: plain(resource.outputs.mspSecret),
    };
    rewrite(resource, packed);
    const file = join(mkdtempSync(join(tmpdir(), "previous-shape-")), "state.json");
    writeFileSync(file, JSON.stringify(exported));
    ctx.cli(["stack", "import", "--file", file]);
    const imported = JSON.parse(ctx.cli(["stack", "export"]));
    const old = (imported.deployment.resources as ExportedResource[]).find((r) => r.urn.endsWith("::shape"))!;
    if (rewrite === asArchive) {
      expect(old.outputs).toHaveProperty("archive.ciphertext");
      expect(old.outputs).not.toHaveProperty("mspPublic");
    } else {
      expect(old.outputs.mspPublic).not.toBe(packed.mspPublic);
    }

    const preview = await ctx.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });
    const after = followed((await ctx.stack.up({ expectNoChanges: true })).outputs);
    if (rewrite === asFolder) {
      // Issue 13 kept only the msp/ folder's text files: the zip rebuilt from them (sorted, stored,
      // msp/ at its root) holds exactly those, whatever folder, tls/ or binary entry the answer had.
      const rebuilt = filesOf(Buffer.from(after.archive as string, "base64"));
      const kept = Object.entries(before.msp as Record<string, string>).map(([path, text]) => [
        `msp/${path}`,
        text,
      ]);
      expect(rebuilt).toEqual(Object.fromEntries(kept));
      after.archive = before.archive;
    }
    expect(after).toEqual(before);

    const destroy = await ctx.stack.destroy();
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.map((c) => [c.serialNumber, c.frozen])).toEqual([[before.serialNumber, true]]);
    if (rewrite === asFolder)
      expect(destroy.stdout + destroy.stderr).toContain("BCS refused the zip rebuilt from an older state");
  });
});
