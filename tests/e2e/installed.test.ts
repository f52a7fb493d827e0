import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { emulatorCertificates } from "../support/emulatorInspection";
import { storedSerialNumber } from "../../provider/huawei/stateShape";
import { enrolledFabricCaCli } from "../support/fabricCaCli";
import { certificatesConfig, fabricCertificatesConfig, startE2e, type E2eContext } from "./harness";

jest.setTimeout(10 * 60 * 1000);

const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };

interface StateResource {
  urn: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/**
 * The program runs beside pulumi-bcs installed in node_modules, as users' programs do. Pulumi then
 * stores each provider as a `require` of its shim module (sdk/shims/) instead of the shim's code: this
 * proves that form loads in the provider process for every operation.
 */
describe("pulumi-bcs installed in node_modules, through the real Pulumi engine", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  const log = () => undefined;

  const config = (frozen: boolean) => ({
    ...certificatesConfig({ safe: { ...base, userName: "installed01", securityMode: true, frozen } }),
    ...fabricCertificatesConfig({
      fabric: { caUrl: ca.url, enrollmentId: "installed02", affiliation: "org1" },
    }),
  });

  beforeAll(async () => {
    ca = await startFabricCaServer();
    ctx = await startE2e(
      "installed",
      {
        "bcs:fabricCaUrl": { value: ca.url },
        "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
        "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
        ...config(false),
      },
      "tests/e2e/program",
      { installed: true },
    );
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  const resources = async () =>
    ((await ctx.stack.exportStack()).deployment.resources ?? []) as StateResource[];
  const resource = async (name: string) => (await resources()).find((r) => r.urn.endsWith(`::${name}`))!;

  it("stores each provider as a one-line require of its shim module", async () => {
    await ctx.stack.up({ onOutput: log });
    for (const [name, module] of [
      ["safe", "userCertificate"],
      ["fabric", "fabricCaCertificate"],
    ]) {
      const r = await resource(name);
      const provider = r.outputs.__provider as string;
      expect(provider).toContain(`require("pulumi-bcs/dist/sdk/shims/${module}.js")`);
      expect(provider.length).toBeLessThan(400);
      expect(r.inputs.__provider).toBe(provider);
    }
  });

  it("that provider serves preview, refresh, update and destroy", async () => {
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    await ctx.stack.refresh({ onOutput: log });
    await ctx.stack.setAllConfig(config(true));
    await ctx.stack.up({ onOutput: log });
    const serial = storedSerialNumber((await resource("safe")).outputs);
    const fabricSerial = (await resource("fabric")).outputs.serialNumber as string;
    expect(
      (await emulatorCertificates(ctx.emulator.url)).find((c) => c.serialNumber === serial)?.frozen,
    ).toBe(true);
    await ctx.stack.destroy({ onOutput: log });
    expect(await resources()).toHaveLength(0);
    const cli = enrolledFabricCaCli(ca);
    const serialText = fabricSerial.toLowerCase().replace(/^0+/, "");
    expect(cli.run(["certificate", "list", "--id", "installed02"])).toContain(serialText);
    expect(cli.run(["certificate", "list", "--id", "installed02", "--notrevoked"])).not.toContain(serialText);
  });
});
