import { randomBytes } from "node:crypto";
import type { TokenRequestBody } from "../../provider/huawei/api";
import { huaweiRefusal, type HuaweiErrorKey } from "../errors";
import { huaweiErrors } from "../../provider/huawei/api";
import { jsonReply, Refusal, type HandlerContext, type Reply } from "../http";
import { sha256Hex } from "./auth";

const TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
const INVALID_BODY = "Request body is invalid.";

/** POST /v3/auth/tokens: the password method with a project scope (by id or by name) or the account's (domain). */
export async function createToken(ctx: HandlerContext): Promise<Reply> {
  let request: TokenRequestBody;
  try {
    request = parseTokenRequest(ctx.request.body);
  } catch {
    throw iamRefusal(ctx, "iamBadRequest", INVALID_BODY);
  }
  const { huawei } = ctx.store.state.fixture;
  const { user } = request.auth.identity.password;
  const account = huawei.iamUsers.find(
    (u) => u.domainName === user.domain.name && u.name === user.name && u.password === user.password,
  );
  if (!account) {
    throw iamRefusal(ctx, "iamBadCredentials", "The request you have made requires authentication.");
  }
  const { scope } = request.auth;
  let projectId = ""; // a domain-scoped token: good for IAM, refused by every BCS project
  if ("domain" in scope) {
    if (scope.domain.name !== account.domainName) throw unknownProjectRefusal(ctx);
  } else {
    const wanted = scope.project;
    const project = huawei.projects.find((p) =>
      "id" in wanted ? p.id === wanted.id : p.name === wanted.name,
    );
    if (!project || !account.projectIds.includes(project.id)) throw unknownProjectRefusal(ctx);
    projectId = project.id;
  }
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  const token = "MII" + randomBytes(48).toString("base64url");
  ctx.store.state.tokens.push({
    tokenSha256: sha256Hex(token),
    projectId,
    expiresAt: expiresAt.toISOString(),
  });
  await ctx.store.save(now);

  return jsonReply(
    201,
    {
      token: {
        expires_at: expiresAt.toISOString(),
        issued_at: now.toISOString(),
        methods: ["password"],
        ...(projectId
          ? { project: { id: projectId, name: huawei.projects.find((p) => p.id === projectId)!.name } }
          : { domain: { name: account.domainName } }),
        user: { name: account.name, domain: { name: account.domainName } },
      },
    },
    { "X-Subject-Token": token },
  );
}

function parseTokenRequest(body: Buffer): TokenRequestBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw huaweiRefusal("iamBadRequest", INVALID_BODY);
  }
  const auth = (parsed as Partial<TokenRequestBody> | null)?.auth;
  const methods: unknown = auth?.identity?.methods;
  const user = auth?.identity?.password?.user;
  const scope = auth?.scope as { project?: unknown; domain?: { name?: unknown } } | undefined;
  const valid =
    Array.isArray(methods) &&
    methods.includes("password") &&
    typeof user?.name === "string" &&
    typeof user.password === "string" &&
    typeof user.domain?.name === "string" &&
    (isProjectScope(scope?.project) || typeof scope?.domain?.name === "string");
  if (!valid) throw huaweiRefusal("iamBadRequest", INVALID_BODY);
  return parsed as TokenRequestBody;
}

function isProjectScope(value: unknown): value is { id: string } | { name: string } {
  const scope = value as { id?: unknown; name?: unknown } | null | undefined;
  return (
    typeof scope === "object" &&
    scope !== null &&
    (typeof scope.id === "string" || typeof scope.name === "string")
  );
}

/** A scope IAM refuses, answered as the `unknownProject` variant says (400 IAM.0011, or Keystone's 401). */
function unknownProjectRefusal(ctx: HandlerContext): Refusal {
  const { status, message } = ctx.variants.unknownProject;
  return iamRefusal(ctx, status === 401 ? "iamBadCredentials" : "iamBadRequest", message);
}

/** IAM's documented `{error_code, error_msg}`, or, in the `keystone` variant, Keystone's own shape. */
function iamRefusal(ctx: HandlerContext, key: HuaweiErrorKey, message: string): Refusal {
  if (ctx.variants.iamErrorShape === "documented") return huaweiRefusal(key, message);
  const { status } = huaweiErrors[key];
  const title = status === 401 ? "Unauthorized" : "Bad Request";
  return new Refusal(jsonReply(status, { error: { code: status, message, title } }));
}
