import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GENERATED, generatedModule, sdkDescriptions } from "../../scripts/schemaDescriptions";
import { packageSchema } from "../../package/schema";

const repo = resolve(__dirname, "../..");

describe("the schema's descriptions are the SDK's TSDoc", () => {
  it("package/descriptions.generated.ts is current: run `npm run descriptions` after editing a TSDoc", () => {
    expect(readFileSync(join(repo, GENERATED), "utf8")).toBe(generatedModule(repo));
  });

  it("a property's description in the schema is its TSDoc", () => {
    const docs = sdkDescriptions(repo);
    const resource = (packageSchema().resources as Record<string, unknown>)[
      "bcs:index:FabricCaUserCertificate"
    ] as {
      inputProperties: Record<string, { description: string }>;
      properties: Record<string, { description: string }>;
    };
    expect(resource.inputProperties.caUrl.description).toBe(docs["FabricCaUserCertificateArgs.caUrl"]);
    expect(resource.properties.hasPrivateKey.description).toBe(docs["FabricCaUserCertificate.hasPrivateKey"]);
  });
});
