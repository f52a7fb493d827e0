import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { BcsPackageProvider } from "../../package/provider";
import { packageSchema } from "../../package/schema";
import { settingSources } from "../../provider/settings";
import { FABRIC_REPLACE_ON_CHANGE } from "../../provider/fabricCa/inputs";
import { REPLACE_ON_CHANGE } from "../../provider/huawei/inputs";
import { fixtureCredentials as fx } from "../../testing/fixture";

type Properties = Record<string, { secret?: boolean; replaceOnChanges?: boolean; type?: string }>;
interface ResourceSchema {
  inputProperties: Properties;
  requiredInputs: string[];
  properties: Properties;
}
const schema = packageSchema() as {
  name: string;
  functions: Record<string, { inputs: { properties: Properties }; outputs: { properties: Properties } }>;
  types: Record<string, { properties: Properties }>;
  config: { variables: Properties };
  resources: Record<string, ResourceSchema>;
};
const userCertificate = schema.resources["bcs:index:UserCertificate"]!;
const fabricCa = schema.resources["bcs:index:FabricCaUserCertificate"]!;
const named = (props: Properties, flag: "secret" | "replaceOnChanges") =>
  Object.keys(props)
    .filter((k) => props[k]![flag])
    .sort();

describe("the bcs package schema", () => {
  it("names the package and both resources", () => {
    expect(schema.name).toBe("bcs");
    expect(Object.keys(schema.resources).sort()).toEqual([
      "bcs:index:FabricCaUserCertificate",
      "bcs:index:UserCertificate",
    ]);
  });

  it("declares the provider's replace-on-change inputs, and only those", () => {
    expect(named(userCertificate.inputProperties, "replaceOnChanges")).toEqual([...REPLACE_ON_CHANGE].sort());
    expect(named(fabricCa.inputProperties, "replaceOnChanges")).toEqual([...FABRIC_REPLACE_ON_CHANGE].sort());
  });

  it("marks the key and everything holding it secret", () => {
    expect(named(userCertificate.properties, "secret")).toEqual(["mspSecret", "privateKeyPem"]);
    expect(named(fabricCa.properties, "secret")).toEqual(["privateKeyPem", "tls"]);
  });

  it("marks every credential in the config secret", () => {
    const secretSettings = Object.keys(settingSources).filter((k) => "secret" in settingSources[k as never]);
    expect(secretSettings).toContain("huaweiSecretKey");
    expect(named(schema.config.variables, "secret")).toEqual(secretSettings.sort());
  });

  it("stores only the derived outputs a program without our code needs, not the views of them", () => {
    for (const resource of [userCertificate, fabricCa]) {
      expect(Object.keys(resource.properties)).toEqual(
        expect.arrayContaining([
          "certificatePem",
          "privateKeyPem",
          "caCertificatePem",
          "subject",
          "notAfter",
        ]),
      );
      for (const view of ["archive", "msp", "gatewayIdentity"])
        expect(resource.properties).not.toHaveProperty(view);
    }
  });

  it("says package.json's version", () => {
    expect((packageSchema() as { version: string }).version).toBe(
      (JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string })
        .version,
    );
  });

  it("requires the inputs the provider's check requires", () => {
    expect(userCertificate.requiredInputs).toEqual(["projectId", "blockchainId", "orgName", "userName"]);
    expect(fabricCa.requiredInputs).toEqual(["caUrl", "enrollmentId"]);
  });
});

describe("the bcs package provider against the emulator", () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "package-test-"));
    emulator = await startEmulator({ port: 0, dataDir });
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const urn = "urn:pulumi:dev::p::bcs:index:UserCertificate::cert";

  it("creates a UserCertificate whose outputs are exactly the schema's, secrets wrapped", async () => {
    const provider = new BcsPackageProvider({
      BCS_HUAWEI_ENDPOINT: emulator.url,
      BCS_HUAWEI_IAM_ENDPOINT: emulator.url,
      HW_ACCESS_KEY: fx.huawei.accessKey,
      HW_SECRET_KEY: fx.huawei.secretKey,
    });
    const news = {
      projectId: fx.huawei.projectId,
      blockchainId: fx.huawei.blockchainId,
      orgName: "org1",
      // The engine sends an input the program marked secret wrapped; the provider must see the value.
      userName: { [specialSigKey]: specialSecretSig, value: "pkguser01" },
      securityMode: true,
      mspId: "org1MSP",
    };
    const checked = await provider.check(urn, {}, news);
    expect(checked.failures).toEqual([]);
    const { id, outs } = await provider.create(urn, checked.inputs);
    expect(id).toContain("/pkguser01/");
    expect(Object.keys(outs).sort()).toEqual(Object.keys(userCertificate.properties).sort());
    const wrapped = Object.keys(outs)
      .filter((k) => outs[k]?.[specialSigKey] === specialSecretSig)
      .sort();
    expect(wrapped).toEqual(named(userCertificate.properties, "secret"));
    expect(outs.privateKeyPem.value).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(outs.subject).toContain("CN=pkguser01");
    // A derived output added to the model (docs/decisions/0033-one-model-per-resource.md) reaches the package face.
    expect(outs.publicKeyPem).toBe(
      new X509Certificate(outs.certificatePem).publicKey.export({ type: "spki", format: "pem" }),
    );

    // The stored outputs come back wrapped on the next operations: the same certificate reads back.
    const read = await provider.read(id, urn, outs);
    expect(read.props.serialNumber).toBe(outs.serialNumber);
    const diff = await provider.diff(id, urn, outs, checked.inputs);
    expect(diff.changes).toBe(false);
    const replace = await provider.diff(id, urn, outs, { ...checked.inputs, userName: "pkguser02" });
    expect(replace.replaces).toEqual(["userName"]);
    await provider.delete(id, urn, outs);
  });

  it("serves getCaIdentities as a function whose answer has the schema's fields", async () => {
    expect(Object.keys(schema.functions)).toEqual(["bcs:index:getCaIdentities"]);
    const provider = new BcsPackageProvider({
      BCS_NCLOUD_ENDPOINT: emulator.url,
      NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
      NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
      PULUMI_BCS_NOW: "2025-07-20T00:00:00Z",
    });
    const { outputs } = await provider.invoke("bcs:index:getCaIdentities", {
      networkId: fx.ncloud.networkId,
      caId: fx.ncloud.caId,
      identityType: "CLIENT",
    });
    expect(Object.keys(outputs).sort()).toEqual(
      Object.keys(schema.functions["bcs:index:getCaIdentities"]!.outputs.properties).sort(),
    );
    expect(outputs.identities.length).toBe(2);
    const identityFields = Object.keys(schema.types["bcs:index:CaIdentity"]!.properties).sort();
    for (const identity of outputs.identities) expect(Object.keys(identity).sort()).toEqual(identityFields);
    expect(Object.keys(outputs.summary).sort()).toEqual(
      Object.keys(schema.types["bcs:index:CaIdentitiesSummary"]!.properties).sort(),
    );
    await expect(provider.invoke("bcs:index:getCaIdentities", { networkId: -1, caId: "x" })).rejects.toThrow(
      /networkId must be a positive whole number/,
    );
  });

  it("refuses a bad input at check, naming the field", async () => {
    const provider = new BcsPackageProvider({});
    const checked = await provider.check(urn, {}, { projectId: "nope", blockchainId: "b", orgName: "o" });
    // The reason names the field (no property path: see forEngine in provider/common/validation.ts).
    const reasons = checked.failures?.map((f) => f.reason).join("\n");
    expect(reasons).toMatch(/projectId must be a 32-character/);
    expect(reasons).toMatch(/userName is required/);
  });
});
