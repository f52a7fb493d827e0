import { fillPath } from "../../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../../emulator/routes";
import { variantChoices } from "../../../emulator/variants";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { certificatesConfig, startE2e, type E2eContext, type LifecycleResult } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };
const results = (o: OutputMap) => o.results.value as Record<string, LifecycleResult>;

/**
 * What the sources leave open about the freeze upload, pinned to the strictest reading, through the real
 * engine: BCS matches the upload by its exact bytes ("the zip file of the generated certificate"), and
 * refuses a second freeze of a certificate already frozen (variants freezeMatch and repeatedFreeze).
 */
describe.each([1, 2])("destroy freezes by the zip BCS answered (repeated freeze: choice %i)", (repeated) => {
  let ctx: E2eContext;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);

  beforeAll(async () => {
    ctx = await startE2e(
      `freeze-upload-${repeated}`,
      certificatesConfig({
        open: { ...base, userName: `bytesopen0${repeated}` },
        console: { ...base, userName: `bytesconsole${repeated}` },
        safe: { ...base, userName: `bytessafe0${repeated}`, securityMode: true },
      }),
      "tests/e2e/program",
      { pick: { freezeMatch: 1, repeatedFreeze: repeated } },
    );
  });
  afterAll(async () => ctx?.close());

  it("up, one certificate frozen in the console, then destroy: every certificate frozen", async () => {
    expect(variantChoices.freezeMatch[ctx.emulator.variants.picks.freezeMatch]).toBe("bytes");
    const certs = results((await ctx.stack.up({ onOutput: log })).outputs);
    const route = inspectionRoutes.freezeCertificate;
    await fetch(ctx.emulator.url + fillPath(route.path, { serial: certs.console.serialNumber }), {
      method: route.method,
    });
    const destroy = await ctx.stack.destroy({ onOutput: log });
    // The three certificates and the stack.
    expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
    const held = await emulatorCertificates(ctx.emulator.url, { blockchainId: base.blockchainId });
    for (const name of ["open", "console", "safe"])
      expect(held.find((c) => c.serialNumber === certs[name].serialNumber)?.frozen).toBe(true);
    expect(printed.join("")).toContain(`certificate ${certs.console.serialNumber} was frozen already`);
  });
});
