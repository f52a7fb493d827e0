import { apiTransport } from "../provider/http/apiTransport";
import { checkEndpoint } from "../provider/http/endpoint";
import { ApiError } from "../provider/http/errors";
import { fillPath } from "../provider/http/pathTemplate";
import {
  fetchTransport,
  sendingThrough,
  TransportError,
  type HttpResponse,
} from "../provider/http/transport";
import { huaweiRoutes, SDK_DATE_WINDOW_MS } from "../provider/huawei/api";
import { akskSigning, iamTokenSource, tokenAuth } from "../provider/huawei/auth";
import { huaweiCredentials } from "../provider/huawei/connect";
import { huaweiError } from "../provider/huawei/errors";
import { ncloudRegionPrefixes, TIMESTAMP_WINDOW_MS, type NcloudRegion } from "../provider/ncloud/api";
import { ncloudSigning } from "../provider/ncloud/client";
import { transportOptions, type Settings } from "../provider/common/settings";

/** One line of the preflight table; `fix` says what to do when it failed. */
export interface CheckRow {
  cloud: "Huawei BCS" | "NAVER Cloud";
  check: "endpoint reachable" | "TLS" | "clock skew" | "credentials accepted" | "project id known";
  outcome: "ok" | "FAIL" | "skipped";
  detail: string;
  fix?: string;
}

type Row = Omit<CheckRow, "cloud">;

/** What the checks read besides the settings: the project to try, and this machine's clock. */
export interface CheckOptions {
  huaweiProjectId?: string;
  now: () => Date;
}

/**
 * The preflight: per configured cloud, whether its endpoint answers (and over valid TLS), how far
 * this machine's clock is from the server's `Date`, whether the credentials are accepted and the
 * project is known, by read-only calls only (an IAM token, ListBlockchains, a NAVER identity listing
 * of a CA that does not exist). Creates nothing.
 */
export async function runChecks(settings: Settings, options: CheckOptions): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  const huaweiConfigured = Boolean(
    settings.huaweiAccessKey ||
    settings.huaweiAuthToken ||
    settings.huaweiUserName ||
    settings.huaweiEndpoint,
  );
  if (huaweiConfigured)
    rows.push(
      ...(await huaweiChecks(settings, options)).map((r) => ({ cloud: "Huawei BCS" as const, ...r })),
    );
  if (settings.ncloudAccessKey || settings.ncloudEndpoint)
    rows.push(
      ...(await ncloudChecks(settings, options)).map((r) => ({ cloud: "NAVER Cloud" as const, ...r })),
    );
  return rows;
}

/** Reachability, TLS and clock, from one unauthenticated GET of the endpoint's root. */
async function reach(settings: Settings, url: string, windowMs: number, now: () => Date): Promise<Row[]> {
  const origin = new URL(url).origin;
  let answer: HttpResponse;
  try {
    answer = await fetchTransport(10_000, { caPem: settings.caBundle })({
      method: "GET",
      url: `${origin}/`,
      headers: {},
    });
  } catch (err) {
    const message = (err as Error).message;
    const tls = /certificate|self[- ]signed|TLS|SSL/i.test(message);
    return [
      tls
        ? {
            check: "TLS",
            outcome: "FAIL",
            detail: message,
            fix: "trust the server's CA with bcs:caBundle (BCS_CA_BUNDLE), or check the endpoint",
          }
        : {
            check: "endpoint reachable",
            outcome: "FAIL",
            detail: message,
            fix: "check the endpoint setting, DNS, the proxy and the firewall",
          },
    ];
  }
  const rows: Row[] = [
    { check: "endpoint reachable", outcome: "ok", detail: `${origin} answered ${answer.status}` },
  ];
  if (origin.startsWith("https:")) rows.push({ check: "TLS", outcome: "ok", detail: "certificate verified" });
  const serverDate = Date.parse(answer.headers["date"] ?? "");
  if (Number.isNaN(serverDate)) {
    rows.push({ check: "clock skew", outcome: "skipped", detail: "the server sent no Date header" });
  } else {
    const skew = now().getTime() - serverDate;
    const seconds = Math.round(skew / 1000);
    const shown = `${seconds >= 0 ? "+" : ""}${seconds} s against the server's Date`;
    rows.push(
      Math.abs(skew) > windowMs
        ? {
            check: "clock skew",
            outcome: "FAIL",
            detail: shown,
            fix: `signatures are refused beyond ±${windowMs / 60_000} minutes: synchronise this machine's clock (NTP)`,
          }
        : { check: "clock skew", outcome: "ok", detail: shown },
    );
  }
  return rows;
}

async function huaweiChecks(
  settings: Settings,
  { huaweiProjectId: projectId, now }: CheckOptions,
): Promise<Row[]> {
  const endpoint = settings.huaweiEndpoint ?? `https://bcs.${settings.huaweiRegion}.myhuaweicloud.com`;
  const rows = await reach(
    settings,
    checkEndpoint("bcs:huaweiEndpoint", endpoint, settings),
    SDK_DATE_WINDOW_MS,
    now,
  );
  if (rows.some((r) => r.outcome === "FAIL")) return rows;
  if (!projectId) {
    const detail = "pass --huawei-project <project id> to check the credentials against it";
    return [...rows, { check: "credentials accepted", outcome: "skipped", detail }];
  }
  let credentials;
  try {
    credentials = huaweiCredentials(settings);
  } catch (err) {
    return [
      ...rows,
      {
        check: "credentials accepted",
        outcome: "FAIL",
        detail: (err as Error).message,
        fix: "set the Huawei credentials",
      },
    ];
  }
  const transport = apiTransport({ ...transportOptions(settings), maxRetries: 0 });
  const auth =
    credentials.kind === "aksk"
      ? akskSigning(credentials, projectId, now)
      : tokenAuth(
          credentials.kind === "token"
            ? { get: async () => credentials.token }
            : iamTokenSource(transport, credentials, projectId, now),
        );
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
    if (response.status === 200) {
      return [
        ...rows,
        {
          check: "credentials accepted",
          outcome: "ok",
          detail: `${credentials.kind === "aksk" ? "AK/SK" : "IAM token"} accepted`,
        },
        { check: "project id known", outcome: "ok", detail: `${projectId}: its blockchains can be listed` },
      ];
    }
    throw huaweiError("Huawei BCS", response);
  } catch (err) {
    return [...rows, ...huaweiRefusal(err, projectId)];
  }
}

/** Which row a refusal fails: 403 and IAM's refused scope mean the project; other 4xx, the credentials. */
function huaweiRefusal(err: unknown, projectId: string): Row[] {
  const detail = (err as Error).message;
  if (
    err instanceof ApiError &&
    (err.status === 403 || (err.status === 400 && err.code.startsWith("IAM.")))
  ) {
    return [
      {
        check: "credentials accepted",
        outcome: err.status === 403 ? "ok" : "skipped",
        detail:
          err.status === 403 ? "accepted, but not for this project" : "the token request names the project",
      },
      {
        check: "project id known",
        outcome: "FAIL",
        detail,
        fix: `check the project id ${projectId} (console: My Credentials → Projects) and that the credentials belong to it`,
      },
    ];
  }
  const fix =
    err instanceof ApiError
      ? err.hint || "check the Huawei credentials"
      : "check the endpoints and the network";
  return [{ check: "credentials accepted", outcome: "FAIL", detail, fix }];
}

async function ncloudChecks(settings: Settings, { now }: CheckOptions): Promise<Row[]> {
  const endpoint = checkEndpoint(
    "bcs:ncloudEndpoint",
    settings.ncloudEndpoint ?? "https://blockchainservice.apigw.ntruss.com",
    settings,
  );
  const rows = await reach(settings, endpoint, TIMESTAMP_WINDOW_MS, now);
  if (rows.some((r) => r.outcome === "FAIL")) return rows;
  if (!settings.ncloudAccessKey || !settings.ncloudSecretKey) {
    const fix =
      "set bcs:ncloudAccessKey and bcs:ncloudSecretKey (NCLOUD_ACCESS_KEY_ID, NCLOUD_SECRET_ACCESS_KEY)";
    return [...rows, { check: "credentials accepted", outcome: "FAIL", detail: "no NAVER keys", fix }];
  }
  const prefix = ncloudRegionPrefixes[settings.ncloudRegion as NcloudRegion];
  // A CA that does not exist: the gateway checks the signature first, then the service answers 404.
  const response = await sendingThrough(
    apiTransport({ ...transportOptions(settings), maxRetries: 0 }),
    ncloudSigning({ accessKey: settings.ncloudAccessKey, secretKey: settings.ncloudSecretKey }, now),
  )({
    method: "GET",
    url: `${endpoint.replace(/\/+$/, "")}${prefix}/networks/0/cas/0/identity`,
    headers: { "Content-Type": "application/json" },
  }).catch((err: TransportError) => err);
  if (response instanceof Error)
    return [
      ...rows,
      { check: "credentials accepted", outcome: "FAIL", detail: response.message, fix: "check the network" },
    ];
  return [
    ...rows,
    response.status === 401 || response.status === 403
      ? {
          check: "credentials accepted",
          outcome: "FAIL",
          detail: `the gateway answered ${response.status}`,
          fix: "check bcs:ncloudAccessKey / bcs:ncloudSecretKey and this machine's clock",
        }
      : {
          check: "credentials accepted",
          outcome: "ok",
          detail: `signature accepted (a test query answered ${response.status})`,
        },
  ];
}

/** The table as printed: one row per check, then the fixes of the failed ones. */
export function formatRows(rows: CheckRow[]): string {
  const width = (pick: (r: CheckRow) => string) => Math.max(...rows.map((r) => pick(r).length));
  const [c1, c2, c3] = [width((r) => r.cloud), width((r) => r.check), width((r) => r.outcome)];
  const lines = rows.map(
    (r) => `${r.cloud.padEnd(c1)}  ${r.check.padEnd(c2)}  ${r.outcome.padEnd(c3)}  ${r.detail}`,
  );
  const fixes = rows
    .filter((r) => r.outcome === "FAIL" && r.fix)
    .map((r) => `fix (${r.cloud}, ${r.check}): ${r.fix}`);
  return [...lines, ...(fixes.length ? ["", ...fixes] : [])].join("\n");
}
