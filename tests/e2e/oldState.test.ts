import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CertificateRecord } from "../../emulator/state";
import { emulatorCertificates } from "../support/emulatorInspection";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { certificatesConfig, fabricCertificatesConfig, setClock, startE2e, type E2eContext } from "./harness";

jest.setTimeout(10 * 60 * 1000);

/**
 * A state written by an earlier release (tests/fixtures/oldState/README.md says which commit), loaded
 * by this one: `provider/index.ts` and `sdk/shims/*` are part of the state format, and every provider
 * method must handle state that older versions wrote.
 */
const fixtures = join(__dirname, "../fixtures/oldState");
const stackName = "oldstate";
const written = JSON.parse(readFileSync(join(fixtures, "emulator.json"), "utf8")) as {
  writtenAt: string;
  emulatorUrl: string;
  certificates: CertificateRecord[];
};
const exported = readFileSync(join(fixtures, "stack.json"), "utf8");
const fabricCaUrl = /"caUrl": "(http:\/\/127\.0\.0\.1:\d+)"/.exec(exported)![1];
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId };

describe("a state written by the previous release", () => {
  let ctx: E2eContext;
  const log = () => undefined;

  beforeAll(async () => {
    // The program as it was run then. The Fabric CA certificate retains on delete, so no CA server is
    // needed: preview compares with the stored state and destroy only reports what it leaves.
    ctx = await startE2e(
      stackName,
      {
        ...certificatesConfig({
          safe: {
            ...base,
            orgName: "org1",
            userName: "oldstate01",
            securityMode: true,
            renewBefore: "30d",
            mspId: "Org1MSP",
          },
          hosted: { ...base, orgName: "org2", userName: "oldstate02" },
        }),
        ...fabricCertificatesConfig({
          fabric: {
            caUrl: fabricCaUrl,
            enrollmentId: "oldstate03",
            affiliation: "org1",
            onDelete: "retain",
            attributes: { role: "app" },
          },
        }),
      },
      "tests/e2e/program",
      { emulatorCertificates: written.certificates },
    );
    // The certificates' validity is fixed, the test's date is not: run at the hour the state was written.
    await setClock(ctx, new Date(Date.parse(written.writtenAt) + 3_600_000));
    // The emulator listens on another port than when the state was written; destroy configures the
    // provider from the config recorded in the state, so point that record at this emulator.
    const file = join(ctx.env.PULUMI_HOME, "..", "oldstate.json");
    writeFileSync(file, exported.split(written.emulatorUrl).join(ctx.emulator.url));
    ctx.cli(["stack", "import", "--file", file]);
  });
  afterAll(() => ctx?.close());

  it("holds its secrets encrypted, so the fixture is safe to keep in the repository", () => {
    expect(exported).not.toContain("PRIVATE KEY");
    expect(exported).not.toContain(fx.huawei.password);
    expect(exported).toContain('"ciphertext"');
  });

  it("without bcs:fabricCaUrl, which it did not need, the preview says which setting to add and why", async () => {
    const error = String(await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e));
    expect(error).toContain(
      `caUrl ${fabricCaUrl}: bcs:fabricCaUrl (BCS_FABRIC_CA_URL) is not set. The Fabric CA registrar is sent only to the CAs`,
    );
    expect(error).toContain(`run \`pulumi config set bcs:fabricCaUrl ${fabricCaUrl}\``);
    await ctx.stack.setConfig("bcs:fabricCaUrl", { value: fabricCaUrl });
  });

  it("previews with no change", async () => {
    const preview = await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    expect(preview.changeSummary).toEqual({ same: 4 });
  });

  it("destroys: freezes the Huawei certificates, retains the Fabric CA one", async () => {
    const destroy = await ctx.stack.destroy({ onOutput: log });
    expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
    const held = await emulatorCertificates(ctx.emulator.url, { blockchainId: base.blockchainId });
    expect(held.map((c) => [c.userName, c.frozen]).sort()).toEqual([
      ["oldstate01", true],
      ["oldstate02", true],
    ]);
    expect(destroy.stdout + destroy.stderr).toContain('oldstate03: onDelete "retain"');
  });
});
