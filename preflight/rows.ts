import { fetchTransport, type HttpResponse } from "../provider/http/transport";
import type { Settings } from "../provider/settings";

/** One line of the preflight table; `fix` says what to do when it failed. */
export interface CheckRow {
  cloud: "Huawei BCS" | "NAVER Cloud";
  check: "endpoint reachable" | "TLS" | "clock skew" | "credentials accepted" | "project id known";
  outcome: "ok" | "FAIL" | "skipped";
  detail: string;
  fix?: string;
}

export type Row = Omit<CheckRow, "cloud">;

/** What the checks read besides the settings: the project to try, and this machine's clock. */
export interface CheckOptions {
  /** `--huawei-project`, else bcs:huaweiProjectId (HW_PROJECT_ID, OS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID). */
  huaweiProjectId?: string;
  now: () => Date;
}

/** Reachability, TLS and clock, from one unauthenticated GET of the endpoint's root. */
export async function reach(
  settings: Settings,
  url: string,
  windowMs: number,
  now: () => Date,
): Promise<Row[]> {
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
