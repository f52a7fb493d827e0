import { tokenBody, requestToken, createCert, hw, startTestEmulator, type TestEmulator } from "./helpers";

/**
 * A token of the account (domain scope, which `pulumi-bcs check` asks for to tell a refused project
 * from a wrong password): IAM issues it to the right password only, and no BCS project accepts it.
 */
let emu: TestEmulator;
beforeEach(async () => (emu = await startTestEmulator()));
afterEach(() => emu.stop());

const domainScoped = (overrides: Parameters<typeof tokenBody>[0] = {}) => {
  const body = tokenBody(overrides);
  return { auth: { ...body.auth, scope: { domain: { name: overrides.domain ?? hw.user.domainName } } } };
};

it("issues an account-scoped token to the right password, naming the domain and no project", async () => {
  const response = await requestToken(emu.url, domainScoped());
  expect(response.status).toBe(201);
  const { token } = response.json<{ token: { domain?: { name: string }; project?: unknown } }>();
  expect(token.domain).toEqual({ name: hw.user.domainName });
  expect(token.project).toBeUndefined();
});

it("refuses it to a wrong password as any token (401 IAM.0001)", async () => {
  const response = await requestToken(emu.url, domainScoped({ password: "wrong" }));
  expect(response.status).toBe(401);
  expect(response.headers.get("x-subject-token")).toBeNull();
});

it("no BCS project accepts it", async () => {
  const token = (await requestToken(emu.url, domainScoped())).headers.get("x-subject-token")!;
  const answer = await createCert(emu.url, { kind: "token", token }, { user_name: "domaintoken01" });
  expect(answer.status).toBe(403);
});
