import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import type { FabricCaIdentity } from "../../../provider/fabricCa/token";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { enrolledFabricCaCli } from "../../support/fabricCaCli";
import { fabricCertificatesConfig, lookupsConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(20 * 60 * 1000);

const REGISTRAR = { id: "registrar3", secret: "registrar3-S3cret" };
const RUNS = 10;

/**
 * What runs cost the CA, against a real fabric-ca-server: a registrar allowed 3 enrollments drives ten
 * runs (previews, each with a Fabric CA lookup in the program, and updates that re-enroll a user), and
 * the CA holds as many valid registrar certificates after the tenth as after the first.
 */
describe("runs do not use up the registrar's enrollments, through the real Pulumi engine", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  let client: FabricCaClient;
  let bootstrap: FabricCaIdentity;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);
  const program = (run: number) => ({
    ...fabricCertificatesConfig({
      user: {
        caUrl: ca.url,
        enrollmentId: "tenruns01",
        affiliation: "org1",
        attributes: { run: String(run) },
      },
    }),
    ...lookupsConfig({ identities: { fabricCa: { url: ca.url } } }),
  });
  const validRegistrarCertificates = async () =>
    (await client.certificates(bootstrap, { id: REGISTRAR.id, notrevoked: true })).length;

  beforeAll(async () => {
    ca = await startFabricCaServer();
    client = new FabricCaClient({ url: ca.url });
    const request = newEnrollmentRequest(ca.bootstrap.id);
    const enrolled = await client.enroll(ca.bootstrap.id, ca.bootstrap.secret, request.csrPem);
    bootstrap = { certificatePem: enrolled.certificatePem, privateKey: request.privateKey };
    enrolledFabricCaCli(ca).run(
      ["register", "--id.name", REGISTRAR.id, "--id.secret", REGISTRAR.secret, "--id.type", "client"].concat([
        "--id.maxenrollments",
        "3",
        "--id.attrs",
        "hf.Registrar.Roles=*,hf.Registrar.Attributes=*,hf.Revoker=true,hf.GenCRL=true",
      ]),
    );
    ctx = await startE2e("registrar-enrollments", {
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: REGISTRAR.id },
      "bcs:fabricCaRegistrarSecret": { value: REGISTRAR.secret, secret: true },
      ...program(1),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  it(`keeps working for ${RUNS} runs and leaves no more valid registrar certificates than one run`, async () => {
    await ctx.stack.up({ onOutput: log });
    const afterOne = await validRegistrarCertificates();
    expect(afterOne).toBe(1);
    for (let run = 2; run <= RUNS; run++) {
      if (run % 2 === 0) {
        await ctx.stack.preview({ onOutput: log });
      } else {
        await ctx.stack.setAllConfig(program(run));
        const up = await ctx.stack.up({ onOutput: log });
        expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
      }
    }
    expect(await validRegistrarCertificates()).toBe(afterOne);
    const { identities } = (await ctx.stack.outputs()).results.value.identities as {
      identities: { identityName: string }[];
    };
    expect(identities.map((i) => i.identityName)).toEqual(
      expect.arrayContaining([REGISTRAR.id, "tenruns01"]),
    );
  });

  it("printed no registrar secret", () => {
    expect(printed.join("")).not.toContain(REGISTRAR.secret);
  });
});
