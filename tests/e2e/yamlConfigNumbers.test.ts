import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { languageYamlBin } from "../../testing/languageYamlBin";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { closeFaceContext, startFaceContext, workspaceOptions, type FaceContext } from "./faces/context";

jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
/** A numeric enrollment ID, such as an employee number: valid for a Fabric CA, and a number to pulumi-yaml. */
const ENROLLMENT_ID = "20261207";

/**
 * A YAML program that uses stack config values, one declared `type: string` (`${caId}`) and one not
 * declared (`${enrollmentId}`), as pulumi-yaml's users write them: a value that looks like a number
 * reaches the plugin as one
 * (package/declaredStrings.ts says where pulumi-yaml does it), and where the schema says string it is
 * the text the user wrote.
 */
describe("the package face from YAML: config values that look like numbers, given to string inputs", () => {
  let ctx: FaceContext | undefined;
  let stack: Stack | undefined;

  beforeAll(async () => {
    // The faces' servers (the emulator's NAVER API, a real fabric-ca-server), backend and `bcs:` settings.
    ctx = await startFaceContext("numbers");
    const workDir = join(ctx.scratch, "program");
    mkdirSync(workDir);
    writeFileSync(
      join(workDir, "Pulumi.yaml"),
      [
        "name: bcs-yaml-numbers",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: bcs",
        `      path: ${join(repo, "package/bin")}`,
        // Declared a string, as the user did; pulumi-yaml still hands it over as a number.
        "config:",
        "  caId:",
        "    type: string",
        "variables:",
        "  clients:",
        "    fn::invoke:",
        "      function: bcs:index:getCaIdentities",
        "      arguments:",
        "        networkId: ${networkId}",
        "        caId: ${caId}",
        "        identityType: CLIENT",
        "resources:",
        "  numbered:",
        "    type: bcs:index:FabricCaUserCertificate",
        "    properties:",
        "      caUrl: ${caUrl}",
        "      enrollmentId: ${enrollmentId}",
        "outputs:",
        "  clientsByType: ${clients.summary.countByType}",
        "  subject: ${numbered.subject}",
        "  serial: ${numbered.serialNumber}",
        "",
      ].join("\n"),
    );
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: ctx.stackName, workDir },
      await workspaceOptions(ctx, [languageYamlBin()]),
    );
    // As `pulumi config set caId 25728700` writes it: the stack file says "25728700", a string.
    await stack.setAllConfig({
      ...ctx.config,
      enrollmentId: { value: ENROLLMENT_ID },
      caId: { value: fx.ncloud.caId },
    });
  }, 300_000);

  afterAll(async () => {
    if (ctx) await closeFaceContext(ctx, stack);
  });

  const notRevoked = () =>
    ctx!.caCli.run(["certificate", "list", "--id", ENROLLMENT_ID, "--notrevoked"]).toLowerCase();
  let serial = "";

  it("up reads the CA's identities and enrolls the identity under the name as written", async () => {
    const up = await stack!.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 }); // the stack and the certificate
    expect(up.outputs.clientsByType.value).toEqual({ CLIENT: 2 });
    expect(up.outputs.subject.value).toMatch(new RegExp(`^CN=${ENROLLMENT_ID}(,|$)`));
    expect(ctx!.caCli.run(["identity", "list"])).toContain(`Name: ${ENROLLMENT_ID},`);
    serial = String(up.outputs.serial.value).toLowerCase().replace(/^0+/, "");
    expect(notRevoked()).toContain(serial);
  });

  it("a second preview shows no change, and destroy revokes the certificate", async () => {
    await stack!.preview({ expectNoChanges: true });
    await stack!.destroy();
    expect(serial).not.toBe("");
    expect(notRevoked()).not.toContain(serial);
  });
});
