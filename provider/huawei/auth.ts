import { fillPath } from "../http/pathTemplate";
import { sendingThrough, type ApiTransport, type Middleware } from "../http/transport";
import { huaweiRoutes, type TokenRequestBody } from "./api";
import { huaweiError } from "./errors";
import { holdSecret } from "../http/scrub";
import { signRequest, UNSIGNED_PAYLOAD } from "./signer";

/** How requests to BCS are authenticated: an IAM token (given, or fetched with a password) or AK/SK. */
export type HuaweiCredentials =
  | { kind: "token"; token: string }
  | { kind: "password"; userName: string; password: string; domainName: string; iamEndpoint: string }
  | { kind: "aksk"; accessKey: string; secretKey: string; securityToken?: string };

/**
 * Signs every request with AK/SK (`SDK-HMAC-SHA256`), signing every header the request carries. As
 * the Go and Python SDK cores do, a body that is not JSON (the freeze upload) is signed as
 * `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` instead of by its hash.
 */
export function akskSigning(
  credentials: { accessKey: string; secretKey: string; securityToken?: string },
  projectId: string,
  clock: () => Date,
): Middleware {
  return (next) => (request) => {
    const headers: Record<string, string> = { ...request.headers, "X-Project-Id": projectId };
    if (credentials.securityToken) headers["X-Security-Token"] = credentials.securityToken;
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
    if (contentType !== undefined && !contentType.includes("application/json")) {
      headers["X-Sdk-Content-Sha256"] = UNSIGNED_PAYLOAD;
    }
    return next({ ...request, headers: signRequest({ ...request, headers }, credentials, clock()) });
  };
}

/** Adds `X-Auth-Token`, fetching it first from IAM when only a user and password are configured. */
export function tokenAuth(token: () => Promise<string>): Middleware {
  return (next) => async (request) =>
    next({ ...request, headers: { ...request.headers, "X-Auth-Token": await token() } });
}

/** Obtains a project-scoped IAM token (valid 24 h; reused for 23 h, and shared while being fetched). */
export function iamTokenSource(
  transport: ApiTransport,
  credentials: { userName: string; password: string; domainName: string; iamEndpoint: string },
  projectId: string,
  clock: () => Date,
): () => Promise<string> {
  let cached: { token: Promise<string>; until: number } | undefined;
  const send = sendingThrough(transport);
  const fetchToken = async (): Promise<string> => {
    const body: TokenRequestBody = {
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: {
              name: credentials.userName,
              password: credentials.password,
              domain: { name: credentials.domainName },
            },
          },
        },
        scope: { project: { id: projectId } },
      },
    };
    const response = await send({
      method: huaweiRoutes.createToken.method,
      url: `${credentials.iamEndpoint.replace(/\/+$/, "")}${fillPath(huaweiRoutes.createToken.path, {})}?nocatalog=true`,
      headers: { "Content-Type": "application/json;charset=utf8" },
      body: Buffer.from(JSON.stringify(body)),
      idempotent: true, // another token is as good as the first
    });
    const token = response.headers["x-subject-token"];
    if (response.status !== 201 || !token) throw huaweiError("Huawei IAM", response);
    holdSecret(token);
    return token;
  };
  return () => {
    if (!cached || cached.until <= clock().getTime()) {
      const token = fetchToken();
      cached = { token, until: clock().getTime() + 23 * 3600 * 1000 };
      // A failure is not remembered: the next call asks again.
      token.catch(() => {
        if (cached?.token === token) cached = undefined;
      });
    }
    return cached.token;
  };
}
