import { apiTransport } from "../provider/http/apiTransport";
import { checkEndpoint } from "../provider/http/endpoint";
import { notice } from "../provider/common/notice";
import { ApiError } from "../provider/http/errors";
import { fillPath } from "../provider/http/pathTemplate";
import { sendingThrough, type ApiTransport, type Middleware } from "../provider/http/transport";
import { huaweiRoutes, SDK_DATE_WINDOW_MS } from "../provider/huawei/api";
import { akskSigning, requestIamToken, tokenAuth, type HuaweiCredentials } from "../provider/huawei/auth";
import { huaweiCredentials } from "../provider/huawei/connect";
import { huaweiError } from "../provider/huawei/errors";
import { bcsRegionProblem } from "../provider/huawei/settings";
import { transportOptions, type Settings } from "../provider/settings";
import { reach, type CheckOptions, type Row } from "./rows";

type PasswordCredentials = Extract<HuaweiCredentials, { kind: "password" }>;

const PROJECT_SOURCES =
  "pass --huawei-project <project id>, or set bcs:huaweiProjectId (HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID)";

/**
 * Reachability, TLS and clock of the BCS endpoint, then the credentials and the project, by read-only
 * calls (an IAM token, ListBlockchains). A check that cannot run is `skipped` with what to add, and
 * `pulumi-bcs check` fails on it: it is never reported as a pass.
 */
export async function huaweiChecks(
  settings: Settings,
  { huaweiProjectId: projectId, now }: CheckOptions,
): Promise<Row[]> {
  const regionProblem = bcsRegionProblem(settings);
  if (regionProblem) {
    const fix =
      "set bcs:huaweiRegion to a region with BCS, or bcs:huaweiEndpoint to your region's BCS endpoint";
    return [{ check: "endpoint reachable", outcome: "FAIL", detail: regionProblem, fix }];
  }
  const endpoint = settings.huaweiEndpoint ?? `https://bcs.${settings.huaweiRegion}.myhuaweicloud.com`;
  const rows = await reach(
    settings,
    checkEndpoint("bcs:huaweiEndpoint", endpoint, settings, notice),
    SDK_DATE_WINDOW_MS,
    now,
  );
  if (rows.some((r) => r.outcome === "FAIL")) return rows;
  if (!projectId) {
    const detail = "no project id to check the credentials against";
    return [...rows, { check: "credentials accepted", outcome: "skipped", detail, fix: PROJECT_SOURCES }];
  }
  let credentials: HuaweiCredentials;
  try {
    credentials = huaweiCredentials(settings);
  } catch (err) {
    const detail = (err as Error).message;
    return [
      ...rows,
      { check: "credentials accepted", outcome: "FAIL", detail, fix: "set the Huawei credentials" },
    ];
  }
  const transport = apiTransport({ ...transportOptions(settings), maxRetries: 0 });
  let auth: Middleware;
  if (credentials.kind === "aksk") auth = akskSigning(credentials, projectId, now);
  else {
    const scoped =
      credentials.kind === "token"
        ? { token: credentials.token }
        : await projectToken(transport, credentials, projectId);
    if ("rows" in scoped) return [...rows, ...scoped.rows];
    auth = tokenAuth({ get: async () => scoped.token });
  }
  try {
    const response = await sendingThrough(
      transport,
      auth,
    )({
      method: huaweiRoutes.listBlockchains.method,
      url:
        endpoint.replace(/\/+$/, "") + fillPath(huaweiRoutes.listBlockchains.path, { project_id: projectId }),
      headers: { "Content-Type": "application/json" },
    });
    if (response.status !== 200) throw huaweiError("Huawei BCS", response);
    return [
      ...rows,
      {
        check: "credentials accepted",
        outcome: "ok",
        detail: `${credentials.kind === "aksk" ? "AK/SK" : "IAM token"} accepted`,
      },
      { check: "project id known", outcome: "ok", detail: `${projectId}: its blockchains can be listed` },
    ];
  } catch (err) {
    return [...rows, ...bcsRefusal(err, projectId)];
  }
}

/**
 * The project-scoped token, or the rows of its refusal. IAM (Keystone) refuses a project that does not
 * exist with 401 and the same message as a wrong password (keystone/auth/core.py
 * AuthInfo._lookup_project; keystone/exception.py SecurityError), and an undocumented 400 is also
 * possible: so a refused scope is told from a refused password by asking for a token of the account
 * (domain) with the same password.
 */
async function projectToken(
  transport: ApiTransport,
  credentials: PasswordCredentials,
  projectId: string,
): Promise<{ token: string } | { rows: Row[] }> {
  const send = sendingThrough(transport);
  try {
    return { token: await requestIamToken(send, credentials, { project: { id: projectId } }) };
  } catch (err) {
    if (!(err instanceof ApiError && (err.status === 400 || err.status === 401)))
      return { rows: refused(err) };
    try {
      await requestIamToken(send, credentials, { domain: { name: credentials.domainName } });
    } catch (accountErr) {
      return { rows: refused(accountErr) };
    }
    const detail = "user name, password and account accepted (an account-scoped token was issued)";
    return {
      rows: [
        { check: "credentials accepted", outcome: "ok", detail },
        projectRefused(`IAM refused a token for this project: ${err.message}`, projectId),
      ],
    };
  }
}

function projectRefused(detail: string, projectId: string): Row {
  const fix = `check the project id ${projectId} (console: My Credentials → Projects) and that the credentials belong to it`;
  return { check: "project id known", outcome: "FAIL", detail, fix };
}

function refused(err: unknown): Row[] {
  const detail = (err as Error).message;
  const fix =
    err instanceof ApiError
      ? err.hint || "check the Huawei credentials"
      : "check the endpoints and the network";
  return [{ check: "credentials accepted", outcome: "FAIL", detail, fix }];
}

/** Which row a refusal of ListBlockchains fails: 403 means the project; any other answer, the credentials. */
function bcsRefusal(err: unknown, projectId: string): Row[] {
  if (err instanceof ApiError && err.status === 403) {
    return [
      { check: "credentials accepted", outcome: "ok", detail: "accepted, but not for this project" },
      projectRefused(err.message, projectId),
    ];
  }
  return refused(err);
}
