import * as pulumi from "@pulumi/pulumi";
import { shim as userCertificateShim } from "../../sdk/userCertificate";
import { shim as fabricCaShim } from "../../sdk/fabricCaUserCertificate";

/**
 * What Pulumi stores twice per resource (`__provider` in inputs and outputs) is the serialized shim.
 * It must stay small, hold no data, and reach the implementation by package path.
 */
describe.each([
  ["UserCertificate", userCertificateShim],
  ["FabricCaUserCertificate", fabricCaShim],
])("the serialized %s provider", (_name, shim) => {
  let text: string;
  beforeAll(async () => {
    text = (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })).text;
  });

  it("stays within its size budget", () => {
    console.log(`${_name}: ${text.length} bytes`);
    // Each method costs about 230 bytes; `read` (refresh asks the backend) brought it from ~1.9 KB.
    expect(text.length).toBeLessThanOrEqual(2200);
  });

  it("loads the implementation by package path and captures no values", () => {
    expect(text).toContain('require("pulumi-bcs/provider")');
    expect(text).not.toMatch(/settings|Secret|password|BEGIN/);
  });
});
