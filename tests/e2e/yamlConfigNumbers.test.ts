import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { languageYamlBin } from "../../scripts/languageYamlBin";
import { emulatorCertificates } from "../support/emulatorInspection";
import { fixtureCredentials as fx } from "../support/fixture";
import { closeFaceContext, startFaceContext, workspaceOptions, type FaceContext } from "./faces/context";

jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
const USER_NAME = "20261207";

/**
 * A YAML program that uses stack config values, one declared `type: string` (`${caId}`) and one not
 * declared (`${userName}`), as pulumi-yaml's users write them: a value that looks like a number
 * reaches the plugin as one
 * (package/declaredStrings.ts says where pulumi-yaml does it), and where the schema says string it is
 * the text the user wrote.
 */
describe("the package face from YAML: config values that look like numbers, given to string inputs", () => {
  let ctx: FaceContext | undefined;
  let stack: Stack | undefined;
  const emulatorUrl = () => ctx!.emulator.url;

  beforeAll(async () => {
    // The faces' servers, backend and `bcs:` settings (a Fabric CA too, which this program leaves alone).
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
        "    type: bcs:index:UserCertificate",
        "    properties:",
        "      projectId: ${projectId}",
        "      blockchainId: ${blockchainId}",
        "      orgName: org1",
        "      userName: ${userName}",
        "      securityMode: true",
        "outputs:",
        "  clientsByType: ${clients.summary.countByType}",
        "  subject: ${numbered.subject}",
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
      userName: { value: USER_NAME },
      caId: { value: fx.ncloud.caId },
    });
  }, 300_000);

  afterAll(async () => {
    if (ctx) await closeFaceContext(ctx, stack);
  });

  it("up reads the CA's identities and issues the certificate for the name as written", async () => {
    const up = await stack!.up();
    expect(up.summary.resourceChanges).toEqual({ create: 1 });
    expect(up.outputs.clientsByType.value).toEqual({ CLIENT: 2 });
    expect(up.outputs.subject.value).toBe(`CN=${USER_NAME},OU=client,O=org1,C=CN`);
    const issued = await emulatorCertificates(emulatorUrl(), { userName: USER_NAME });
    expect(issued.map((c) => c.frozen)).toEqual([false]);
  });

  it("a second preview shows no change, and destroy freezes it", async () => {
    await stack!.preview({ expectNoChanges: true });
    await stack!.destroy();
    const held = await emulatorCertificates(emulatorUrl(), { userName: USER_NAME });
    expect(held.map((c) => c.frozen)).toEqual([true]);
  });
});
