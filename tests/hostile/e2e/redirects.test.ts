import { fixtureCredentials as fx } from "../../../testing/fixture";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import { certificatesConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

/**
 * The Huawei endpoints point at a server on 127.0.0.1 that redirects everything to another origin, as
 * a compromised or spoofed endpoint would: through the real engine, `pulumi up` fails naming that
 * origin, and neither the IAM password nor the token ever reaches it.
 */
describe("a redirecting Huawei API, through the real engine", () => {
  let ctx: E2eContext;
  let api: HostileServer;
  let elsewhere: HostileServer;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);
  const TOKEN = "hostile-e2e-token-must-stay-home";

  beforeAll(async () => {
    api = await startHostileServer((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}/v3/auth/tokens` });
      res.end();
    });
    elsewhere = await startHostileServer((_req, res) => res.end("{}"));
    ctx = await startE2e("hostile", {
      "bcs:huaweiEndpoint": { value: api.url },
      "bcs:huaweiIamEndpoint": { value: api.url },
      ...certificatesConfig({
        one: {
          projectId: fx.huawei.projectId,
          blockchainId: fx.huawei.blockchainId,
          orgName: "org1",
          userName: "hostile01",
          securityMode: true,
        },
      }),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await api?.close();
    await elsewhere?.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  it("IAM answers 307: up fails naming the Location's origin, and the password is not re-sent there", async () => {
    const error = (await ctx.stack.up({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`the server answered 307, a redirect to ${elsewhere.url};`);
    expect(elsewhere.requests).toEqual([]);
    expect(api.requests.map((r) => r.url)).toEqual(["/v3/auth/tokens?nocatalog=true"]);
    expect(api.requests[0].body.toString()).toContain(fx.huawei.password);
    expect(error.message).not.toContain(fx.huawei.password);
  });

  it("the certificate POST answers 307: X-Auth-Token is not forwarded", async () => {
    await ctx.stack.removeAllConfig(["bcs:huaweiUserName", "bcs:huaweiDomainName", "bcs:huaweiPassword"]);
    await ctx.stack.setConfig("bcs:huaweiAuthToken", { value: TOKEN, secret: true });
    const error = (await ctx.stack.up({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`a redirect to ${elsewhere.url};`);
    expect(elsewhere.requests).toEqual([]);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].headers["x-auth-token"]).toBe(TOKEN);
    expect(printed.join("")).not.toContain(TOKEN);
  });

  it("a setting out of range fails the preview, naming the setting and the rule, before any request", async () => {
    await ctx.stack.setConfig("bcs:requestTimeoutMs", { value: "99999999999" });
    const error = (await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      "bcs:requestTimeoutMs (or BCS_REQUEST_TIMEOUT_MS) must be a whole number of milliseconds from 1000 to 600000",
    );
    expect(api.requests).toEqual([]);
  });
});
