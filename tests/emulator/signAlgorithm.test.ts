import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultFixture, type Fixture } from "../../emulator/fixture";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { signatureAlgorithmOf, SM2_WITH_SM3 } from "../../provider/common/certificateSignature";
import { emulatorCaPem } from "../support/emulatorInspection";
import { createCert, zipEntries } from "./helpers";

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const algorithmOf = (pem: string) => signatureAlgorithmOf(new X509Certificate(pem));

describe("a blockchain's sign algorithm", () => {
  let dir: string;
  let emulator: RunningEmulator;
  const [ecdsaChain, sm2Chain] = defaultFixture.huawei.blockchains;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bcs-emulator-sm2-"));
    const fixture: Fixture = structuredClone(defaultFixture);
    fixture.huawei.blockchains[1].signAlgorithm = "SM2";
    await writeFile(join(dir, "fixture.json"), JSON.stringify(fixture));
    // The variants' default is ECDSA: the fixture entry decides for its blockchain.
    emulator = await startEmulator({
      port: 0,
      dataDir: join(dir, "data"),
      fixturePath: join(dir, "fixture.json"),
    });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["ECDSA", ecdsaChain.id, ECDSA_WITH_SHA256],
    ["SM2", sm2Chain.id, SM2_WITH_SM3],
  ])(
    "is the fixture's choice per blockchain (%s), for the CA and its users",
    async (_name, blockchainId, oid) => {
      const answer = await createCert(
        emulator.url,
        { kind: "aksk" },
        { blockchain_id: blockchainId, user_name: "algo01" },
      );
      expect(answer.status).toBe(200);
      const entries = zipEntries(answer.body);
      const signcert = Object.keys(entries).find((p) => p.startsWith("msp/signcerts/"))!;
      expect(algorithmOf(entries[signcert])).toBe(oid);
      expect(algorithmOf(await emulatorCaPem(emulator.url, blockchainId, "org1"))).toBe(oid);
    },
  );
});
