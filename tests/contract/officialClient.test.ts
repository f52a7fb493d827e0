import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import {
  filled,
  VARIANT_NAMES,
  variantChoices,
  type VariantName,
  type VariantPicks,
  type Variants,
} from "../../emulator/variants";
import { cachedBuild } from "../../testing/serverProcess";
import { huaweiErrors } from "../../provider/huawei/api";
import { fixtureCredentials as fx } from "../../testing/fixture";

jest.setTimeout(10 * 60 * 1000);

/** tools/huawei-sdk-client, built on Huawei's official Go SDK (scripts/huawei-sdk-client.sh). */
const huaweiSdkClientBin = cachedBuild("PULUMI_BCS_HUAWEI_SDK_CLIENT_BIN", "huawei-sdk-client.sh");

/** One line of the program's output: what the official SDK made of one answer. */
interface Step {
  step: string;
  ok: boolean;
  status?: number;
  result?: string;
  entries?: string[];
  refusal?: { status_code: number; error_code: string; error_message: string };
  error?: string;
}

/** Every choice of every dimension of emulator/variants.ts, the others at their documented default. */
const cases = VARIANT_NAMES.flatMap((name) =>
  (variantChoices[name] as readonly unknown[]).map((_, index) => ({ name, index })),
);

const defaults = () => Object.fromEntries(VARIANT_NAMES.map((n) => [n, 0])) as VariantPicks;

/**
 * Huawei's own client as the referee of the emulator (issue 20): under each variant, every request the
 * official Go SDK sends for a certificate's life (CreateBlockchainCertByUserName, FreezeCert,
 * UnfreezeCert), signed with AK/SK and with an IAM token it got from IAM itself, is accepted, and every answer, the refusals
 * included, is one the SDK parses: its response model, or a ServiceResponseError with the code.
 */
describe.each(cases)("the official Go SDK against the emulator, variant $name #$index", ({ name, index }) => {
  let emulator: RunningEmulator;
  let scratch: string;
  let variants: Variants;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-official-"));
    emulator = await startEmulator({
      port: 0,
      dataDir: join(scratch, "emulator"),
      variants: { seed: 0, pick: { ...defaults(), [name as VariantName]: index } },
    });
    variants = emulator.variants.values;
  });
  afterAll(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function run(user: string, auth: string[]): Promise<Record<string, Step>> {
    const { stdout } = await promisify(execFile)(
      join(huaweiSdkClientBin(), "huawei-sdk-client"),
      [
        ...["-endpoint", emulator.url, "-project", fx.huawei.projectId, "-work", scratch],
        ...["-blockchain", fx.huawei.blockchainId, "-org", "org1", "-user", user, ...auth],
      ],
      { encoding: "utf8" },
    );
    const steps = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Step);
    return Object.fromEntries(steps.map((s) => [s.step, s]));
  }

  function expectAccepted(steps: Record<string, Step>, user: string): void {
    const { create, freeze, unfreeze } = steps;
    expect(create).toEqual(expect.objectContaining({ ok: true, status: variants.certificateStatus }));
    expect(create.entries).toEqual(expect.arrayContaining([expect.stringMatching(/signcerts\/[^/]+$/)]));
    expect(create.entries).toEqual(expect.arrayContaining([expect.stringMatching(/keystore\/[^/]+$/)]));
    const result = variants.freezeResult === undefined ? {} : { result: variants.freezeResult };
    for (const answer of [freeze, unfreeze])
      expect(answer).toEqual({ step: answer.step, ok: true, status: 200, ...result });
    const taken = variants.nameTaken;
    expect(steps["create again"]).toEqual({
      step: "create again",
      ok: false,
      refusal: expect.objectContaining({
        status_code: taken.status,
        error_code: taken.code,
        error_message: filled(taken.message, { user }),
      }),
    });
  }

  it("with AK/SK: every request accepted, every answer and refusal parsed", async () => {
    const steps = await run("officialaksk", ["-ak", fx.huawei.accessKey, "-sk", fx.huawei.secretKey]);
    expectAccepted(steps, "officialaksk");
    expect(steps["wrong credentials"].refusal).toEqual(
      expect.objectContaining({ status_code: 401, error_code: expect.stringMatching(/^APIGW?\.\d{4}$/) }),
    );
  });

  it("with an IAM token (the SDK's own Keystone login): every request accepted, every answer parsed", async () => {
    const steps = await run("officialtoken", [
      ...["-iam-user", fx.huawei.userName, "-iam-password", fx.huawei.password],
      ...["-iam-domain", fx.huawei.domainName],
    ]);
    expect(steps["iam login"]).toEqual({ step: "iam login", ok: true, status: 201 });
    // Keystone's shape carries a number as its code, which the SDK leaves out: the status and body remain.
    const iamCode = variants.iamErrorShape === "documented" ? huaweiErrors.iamBadCredentials.code : "";
    expect(steps["iam wrong password"].refusal).toEqual(
      expect.objectContaining({ status_code: 401, error_code: iamCode, error_message: expect.any(String) }),
    );
    expectAccepted(steps, "officialtoken");
    const { status, code, message } = variants.tokenError;
    expect(steps["wrong credentials"].refusal).toEqual(
      expect.objectContaining({ status_code: status, error_code: code, error_message: message }),
    );
  });
});
