import { apiTransport } from "../provider/http/apiTransport";
import { bodyExcerpt, jsonBody } from "../provider/http/errors";
import { sendingThrough, TransportError, type HttpResponse } from "../provider/http/transport";
import { ncloudRegionPrefixes, TIMESTAMP_WINDOW_MS, type NcloudRegion } from "../provider/ncloud/api";
import { ncloudSigning } from "../provider/ncloud/client";
import { ncloudEndpoint } from "../provider/ncloud/connect";
import { transportOptions, type Settings } from "../provider/settings";
import { reach, type CheckOptions, type Row } from "./rows";

/**
 * Reachability, TLS and clock of the NAVER gateway, then the keys, by listing the identities of a CA
 * that does not exist: the gateway checks the signature first, then the service answers.
 */
export async function ncloudChecks(settings: Settings, { now }: CheckOptions): Promise<Row[]> {
  const endpoint = ncloudEndpoint(settings);
  const rows = await reach(settings, endpoint, TIMESTAMP_WINDOW_MS, now);
  if (rows.some((r) => r.outcome === "FAIL")) return rows;
  if (!settings.ncloudAccessKey || !settings.ncloudSecretKey) {
    const fix =
      "set bcs:ncloudAccessKey and bcs:ncloudSecretKey (NCLOUD_ACCESS_KEY_ID, NCLOUD_SECRET_ACCESS_KEY)";
    return [...rows, { check: "credentials accepted", outcome: "FAIL", detail: "no NAVER keys", fix }];
  }
  const prefix = ncloudRegionPrefixes[settings.ncloudRegion as NcloudRegion];
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
  return [...rows, probeRow(response)];
}

/**
 * Only an answer NAVER documents counts as the keys accepted: the service's error body
 * `{"error":{"errorCode","message"}}` with a status other than 401/403 (api.ncloud-docs.com, the
 * Blockchain Service overview and the API gateway's error table), or a 200 `{"content":[…]}` (Get CA
 * identity). A 502 page, a captive portal's 200 or any other body is not NAVER's answer, so it says
 * nothing about the keys.
 */
function probeRow(response: HttpResponse): Row {
  const { status } = response;
  if (status === 401 || status === 403)
    return {
      check: "credentials accepted",
      outcome: "FAIL",
      detail: `the gateway answered ${status}`,
      fix: "check bcs:ncloudAccessKey / bcs:ncloudSecretKey and this machine's clock",
    };
  const body = jsonBody(response) as {
    error?: { errorCode?: unknown; message?: unknown };
    content?: unknown;
  };
  const code = body?.error?.errorCode;
  const documented =
    status === 200
      ? Array.isArray(body?.content)
      : status >= 400 &&
        (typeof code === "string" || typeof code === "number") &&
        typeof body?.error?.message === "string";
  if (documented)
    return {
      check: "credentials accepted",
      outcome: "ok",
      detail: `signature accepted (a test query answered ${status} in NAVER's documented form)`,
    };
  return {
    check: "credentials accepted",
    outcome: "FAIL",
    detail: `the answer is not one NAVER documents (${status}: ${bodyExcerpt(response)}), so the keys could not be checked`,
    fix: "check bcs:ncloudEndpoint and any proxy in between (a gateway error page or a captive portal answered), then run the check again",
  };
}
