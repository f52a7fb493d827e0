import type { ServerResponse } from "node:http";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { startHostileServer, type HostileServer, type RecordedRequest } from "../../support/hostileServer";
import { certificatesConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

/**
 * Issue 11 through the real engine, where a user meets it: a misspelt or missing input is refused at
 * preview, naming the property, and what a hostile server echoes (the IAM token the provider obtained,
 * a password from HW_USER_PASSWORD, JSON-escaped) is in no output, event or state.
 */
describe("careless inputs and a hostile server, through the engine", () => {
  let ctx: E2eContext;
  let server: HostileServer;
  const printed: string[] = [];
  const events: EngineEvent[] = [];
  const errors: string[] = [];
  const exports: string[] = [];
  const opts = { onOutput: (s: string) => printed.push(s), onEvent: (e: EngineEvent) => events.push(e) };
  /** Needs JSON escaping: IAM's echo of the token request shows it as e2e\"pa\\ss… */
  const PASSWORD = 'e2e"pa\\ss/wörd-11';
  const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };

  beforeAll(async () => {
    ctx = await startE2e("careless", {});
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.close();
  });

  const failing = async (run: Promise<unknown>): Promise<string> => {
    const message = await run.then(
      () => "succeeded",
      (e: Error) => e.message,
    );
    errors.push(message);
    return message;
  };

  it("refuses securitymode (a typo) at preview, naming securityMode, and issues nothing", async () => {
    const before = await emulatorCertificates(ctx.emulator.url);
    await ctx.stack.setAllConfig(
      certificatesConfig({ typo: { ...base, userName: "typo01", securitymode: true } }),
    );
    const message = await failing(ctx.stack.preview(opts));
    expect(message).toContain('unknown property "securitymode": did you mean securityMode?');
    expect(await failing(ctx.stack.up(opts))).toContain("did you mean securityMode?");
    expect(await emulatorCertificates(ctx.emulator.url)).toEqual(before);
  });

  it("names a missing input at preview instead of 'Unexpected struct type.'", async () => {
    const withoutProject = { blockchainId: base.blockchainId, orgName: base.orgName, userName: "missing01" };
    await ctx.stack.setAllConfig(certificatesConfig({ missing: withoutProject }));
    const message = await failing(ctx.stack.preview(opts));
    expect(message).toContain("resource 'missing' has a problem: projectId is required");
    expect(message).not.toContain("Unexpected struct type");
  });

  it("never shows the value of an invalid secret input", async () => {
    const secretName = "Secret_User-Name42";
    await ctx.stack.setAllConfig({
      "pulumi-bcs-e2e:leakyUserName": { value: secretName, secret: true },
      ...certificatesConfig({ leaky: { ...base, secretInputs: { userName: "leakyUserName" } } }),
    });
    const message = await failing(ctx.stack.preview(opts));
    expect(message).toContain("resource 'leaky' has a problem: userName may contain only lowercase letters");
    expect(`${message}${printed.join("")}${JSON.stringify(events)}`).not.toContain(secretName);
  });

  /** Relays a request to the emulator (the IAM token request), so the token is real. */
  async function proxy(request: RecordedRequest, response: ServerResponse): Promise<void> {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([n]) => !["host", "content-length", "connection"].includes(n)),
    ) as Record<string, string>;
    const answer = await fetch(ctx.emulator.url + request.url, {
      method: request.method,
      headers,
      body: request.body,
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  }
  const echo = (response: ServerResponse, status: number, body: object) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };

  it("scrubs the IAM token it obtained when BCS echoes the request headers", async () => {
    server.answer((request, response) =>
      request.url.startsWith("/v3/auth/tokens")
        ? void proxy(request, response)
        : echo(response, 400, {
            error_code: "BCS.4000001",
            error_msg: `refused ${JSON.stringify(request.headers)}`,
          }),
    );
    await ctx.stack.setAllConfig({
      "bcs:huaweiEndpoint": { value: server.url },
      "bcs:huaweiIamEndpoint": { value: server.url },
      ...certificatesConfig({ echoed: { ...base, userName: "echoed01" } }),
    });
    const message = await failing(ctx.stack.up(opts));
    expect(message).toContain('"x-auth-token":"[secret]"');
    exports.push(ctx.cli(["stack", "export"]));
  });

  it("scrubs a password from HW_USER_PASSWORD when IAM echoes it JSON-escaped", async () => {
    server.answer((request, response) =>
      echo(response, 401, {
        error: { code: "IAM.0001", message: `denied ${request.body.toString("utf8")}` },
      }),
    );
    await ctx.stack.removeAllConfig(["bcs:huaweiPassword"]);
    ctx.stack.workspace.envVars.HW_USER_PASSWORD = PASSWORD;
    const message = await failing(ctx.stack.up(opts));
    expect(message).toMatch(/IAM\.0001: denied .*"password":"\[secret\]"/);
    exports.push(ctx.cli(["stack", "export"]));
  });

  it("leaves no token or password in the output, the event log, the errors or the state", () => {
    const tokens = server.requests.map((r) => r.headers["x-auth-token"]).filter((t) => typeof t === "string");
    expect(tokens.length).toBeGreaterThan(0);
    const secrets = [...new Set(tokens as string[]), PASSWORD, JSON.stringify(PASSWORD).slice(1, -1)];
    const haystacks = {
      "printed output": printed.join(""),
      "event log": JSON.stringify(events),
      "error messages": errors.join("\n"),
      "state export": exports.join("\n"),
    };
    const hits: string[] = [];
    for (const [where, text] of Object.entries(haystacks))
      for (const secret of secrets)
        if (text.includes(secret)) hits.push(`${secret.slice(0, 6)}… in ${where}`);
    expect(hits).toEqual([]);
    expect(haystacks["printed output"]).toContain("[secret]");
  });
});
