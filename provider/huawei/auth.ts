import { fillPath } from "../http/pathTemplate";
import { sendingThrough, type ApiTransport, type Handler, type Middleware } from "../http/transport";
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

/** Where `X-Auth-Token` comes from; `drop` (a fetched token only) forgets one the cloud stopped accepting. */
export interface TokenSource {
  get(): Promise<string>;
  drop?(stale: string): void;
}

/**
 * Adds `X-Auth-Token`, fetching it first from IAM when only a user and password are configured. A
 * fetched token that gets 401 (revoked, its user's password changed, expired early: IAM invalidates
 * tokens on such changes) is dropped and fetched once more, and the request sent once more with it. A
 * 401 says the request was not carried out, so even the certificate POST may be re-sent.
 */
export function tokenAuth(source: TokenSource): Middleware {
  return (next) => async (request) => {
    const withToken = (token: string) => ({
      ...request,
      headers: { ...request.headers, "X-Auth-Token": token },
    });
    const token = await source.get();
    const response = await next(withToken(token));
    if (response.status !== 401 || !source.drop) return response;
    source.drop(token);
    return next(withToken(await source.get()));
  };
}

/** The IAM base URL: the Terraform provider's `auth_url` ends in `/v3`, ours need not; both are accepted. */
export function iamBaseUrl(iamEndpoint: string): string {
  return iamEndpoint.replace(/\/+$/, "").replace(/\/v3$/i, "");
}

/**
 * POST /v3/auth/tokens with the password method: the token, or the refusal as a {@link huaweiError}.
 * The scope is the project (every BCS call), or the account (domain), which `pulumi-bcs check` uses to
 * tell a wrong password from a project IAM refuses (Keystone answers both 401 alike).
 */
export async function requestIamToken(
  send: Handler,
  credentials: { userName: string; password: string; domainName: string; iamEndpoint: string },
  scope: TokenRequestBody["auth"]["scope"],
): Promise<string> {
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
      scope,
    },
  };
  const response = await send({
    method: huaweiRoutes.createToken.method,
    url: `${iamBaseUrl(credentials.iamEndpoint)}${fillPath(huaweiRoutes.createToken.path, {})}?nocatalog=true`,
    headers: { "Content-Type": "application/json;charset=utf8" },
    body: Buffer.from(JSON.stringify(body)),
    idempotent: true, // another token is as good as the first
  });
  const token = response.headers["x-subject-token"];
  if (response.status !== 201 || !token) throw huaweiError("Huawei IAM", response);
  holdSecret(token);
  return token;
}

/** Obtains a project-scoped IAM token (valid 24 h; reused for 23 h, and shared while being fetched). */
export function iamTokenSource(
  transport: ApiTransport,
  credentials: { userName: string; password: string; domainName: string; iamEndpoint: string },
  projectId: string,
  clock: () => Date,
): TokenSource {
  let cached: { token: Promise<string>; until: number; value?: string } | undefined;
  const send = sendingThrough(transport);
  const fetchToken = () => requestIamToken(send, credentials, { project: { id: projectId } });
  const get = (): Promise<string> => {
    if (!cached || cached.until <= clock().getTime()) {
      const token = fetchToken();
      const entry: NonNullable<typeof cached> = { token, until: clock().getTime() + 23 * 3600 * 1000 };
      cached = entry;
      // A failure is not remembered: the next call asks again.
      token.then(
        (value) => (entry.value = value),
        () => {
          if (cached === entry) cached = undefined;
        },
      );
    }
    return cached.token;
  };
  // Only the token that was refused: requests that already hold a newer one keep it.
  const drop = (stale: string): void => {
    if (cached?.value === stale) cached = undefined;
  };
  return { get, drop };
}
