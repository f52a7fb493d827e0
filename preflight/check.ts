import type { Settings } from "../provider/settings";
import { huaweiChecks } from "./huaweiCheck";
import { ncloudChecks } from "./ncloudCheck";
import type { CheckOptions, CheckRow } from "./rows";

export type { CheckOptions, CheckRow };

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

/** The table as printed: one row per check, then the fixes of those that failed or could not run. */
export function formatRows(rows: CheckRow[]): string {
  const width = (pick: (r: CheckRow) => string) => Math.max(...rows.map((r) => pick(r).length));
  const [c1, c2, c3] = [width((r) => r.cloud), width((r) => r.check), width((r) => r.outcome)];
  const lines = rows.map(
    (r) => `${r.cloud.padEnd(c1)}  ${r.check.padEnd(c2)}  ${r.outcome.padEnd(c3)}  ${r.detail}`,
  );
  const fixes = rows
    .filter((r) => r.outcome !== "ok" && r.fix)
    .map((r) => `fix (${r.cloud}, ${r.check}): ${r.fix}`);
  return [...lines, ...(fixes.length ? ["", ...fixes] : [])].join("\n");
}

/** Whether the table is a pass: nothing failed, and the credentials and project were really checked. */
export function passed(rows: CheckRow[]): boolean {
  return rows.every(
    (r) =>
      r.outcome === "ok" ||
      (r.outcome === "skipped" && r.check !== "credentials accepted" && r.check !== "project id known"),
  );
}
