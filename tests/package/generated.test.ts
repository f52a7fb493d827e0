import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generatedFiles, registered, secretOutputs } from "../../scripts/sdkModels";
import { MODELS } from "../../provider/models";
import { FabricCaUserCertificate, UserCertificate } from "../../sdk";

const repo = resolve(__dirname, "../..");

describe("the TypeScript SDK's generated part is the models'", () => {
  it.each(generatedFiles())("%s is current: run `npm run generate` after editing a model", (path, text) => {
    expect(readFileSync(join(repo, path), "utf8")).toBe(text);
  });

  it("each class has one secret list, the model's secret outputs it registers", () => {
    expect(secretOutputs(MODELS["bcs:index:UserCertificate"])).toEqual(["mspSecret", "archive"]);
    expect(secretOutputs(MODELS["bcs:index:FabricCaUserCertificate"])).toEqual(["privateKeyPem"]);
  });

  it("each class registers every stored output, and the outputs an earlier release stored", () => {
    const huawei = MODELS["bcs:index:UserCertificate"];
    expect(registered(huawei)).toEqual(
      expect.arrayContaining([
        ...Object.keys(huawei.outputs),
        "archive",
        "serialNumber",
        "fingerprintSha256",
      ]),
    );
    expect(registered(huawei)).not.toContain("certificatePem");
  });

  it("names the engine's type token as the generated SDKs do, for isInstance", () => {
    expect(UserCertificate.__pulumiType).toBe("pulumi-nodejs:dynamic/bcs:UserCertificate");
    expect(FabricCaUserCertificate.__pulumiType).toBe("pulumi-nodejs:dynamic/bcs:FabricCaUserCertificate");
    const lookalike = { __pulumiType: "pulumi-nodejs:dynamic/bcs:UserCertificate" };
    expect(UserCertificate.isInstance(lookalike)).toBe(true);
    expect(FabricCaUserCertificate.isInstance(lookalike)).toBe(false);
    expect(UserCertificate.isInstance(undefined)).toBe(false);
  });
});
