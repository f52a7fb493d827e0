import { execFileSync } from "node:child_process";
import { join } from "node:path";

const repo = join(__dirname, "../..");

/**
 * Serializes the built shim (dist/, compiled by `npm test` before jest) in a Node.js process of its
 * own: Pulumi's closure serializer loads every built-in module, `node:test` among them, whose reporter
 * would keep the jest worker from exiting.
 */
function serializedShim(sdkModule: string): string {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const { shim } = require(${JSON.stringify(join(repo, "dist/sdk", sdkModule))});
    pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true }).then(
      (serialized) => process.stdout.write(serialized.text),
      (err) => { console.error(err); process.exit(1); });`;
  return execFileSync(process.execPath, ["-e", script], { cwd: repo, encoding: "utf8" });
}

/**
 * What Pulumi stores twice per resource (`__provider` in inputs and outputs) is the serialized shim.
 * It must stay small, hold no data, and reach the implementation by package path.
 */
describe.each([
  ["UserCertificate", "userCertificate.js"],
  ["FabricCaUserCertificate", "fabricCaUserCertificate.js"],
])("the serialized %s provider", (_name, sdkModule) => {
  let text: string;
  beforeAll(() => {
    text = serializedShim(sdkModule);
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
