import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { certificateInfo } from "../../provider/common/certificateInfo";
import { storedArchive, type PackedMsp } from "../../provider/huawei/stateShape";
import { fixtureCredentials as fx } from "../support/fixture";
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

/**
 * A state written by the previous release (pulumi-bcs 0.1.0) stores the zip as `archive` and the
 * certificate facts; this release stores the packed folder and reads the facts in the program. The
 * test turns a fresh state into the previous shape with `stack export`/`stack import`, as the old
 * release would have left it, and checks that this release sees no change, gives the same outputs,
 * and destroys it (the freeze uploads the old state's zip).
 */
describe("a state in the previous release's shape (archive and certificate facts stored)", () => {
  let ctx: E2eContext;
  beforeAll(async () => {
    ctx = await startE2e(
      "previousshape",
      certificatesConfig({
        shape: {
          projectId: fx.huawei.projectId,
          blockchainId: fx.huawei.blockchainId,
          orgName: "org1",
          userName: "shape0001",
        },
      }),
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
    const { zip, certificatePem } = storedArchive(packed);
    delete resource.outputs.mspPublic;
    delete resource.outputs.mspSecret;
    Object.assign(resource.outputs, certificateInfo(certificatePem), {
      archive: { ...SECRET_SIG, plaintext: JSON.stringify(zip.toString("base64")) },
    });
    const file = join(mkdtempSync(join(tmpdir(), "previous-shape-")), "state.json");
    writeFileSync(file, JSON.stringify(exported));
    ctx.cli(["stack", "import", "--file", file]);
    const imported = JSON.parse(ctx.cli(["stack", "export"]));
    const old = (imported.deployment.resources as ExportedResource[]).find((r) => r.urn.endsWith("::shape"))!;
    expect(old.outputs).toHaveProperty("archive.ciphertext");
    expect(old.outputs).not.toHaveProperty("mspPublic");

    const preview = await ctx.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });
    const after = await ctx.stack.up({ expectNoChanges: true });
    expect(followed(after.outputs)).toEqual(before);

    await ctx.stack.destroy();
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.map((c) => [c.serialNumber, c.frozen])).toEqual([[before.serialNumber, true]]);
  });
});
