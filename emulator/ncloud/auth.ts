import { timingSafeEqual } from "node:crypto";
import { TIMESTAMP_WINDOW_MS } from "../../provider/ncloud/api";
import { NCP_HEADERS, ncloudSignature } from "../../provider/ncloud/signer";
import { ncloudRefusal } from "../errors";
import { header, type HandlerContext } from "../http";

/**
 * Verifies NAVER API Gateway signature v2 over the request target as sent (path with the region
 * prefix, plus the query). The failure detail says which check failed, never what was expected.
 */
export function authenticateNcloud(ctx: HandlerContext): void {
  const { headers, method, target } = ctx.request;
  const timestamp = header(headers, NCP_HEADERS.timestamp);
  const accessKey = header(headers, NCP_HEADERS.accessKey);
  const given = header(headers, NCP_HEADERS.signature);
  if (timestamp === undefined || !/^\d{1,15}$/.test(timestamp)) {
    throw ncloudRefusal(
      "authFailed",
      `${NCP_HEADERS.timestamp} is missing or not milliseconds since the epoch`,
    );
  }
  if (Math.abs(Number(timestamp) - ctx.clock().getTime()) >= TIMESTAMP_WINDOW_MS) {
    throw ncloudRefusal(
      "authFailed",
      `${NCP_HEADERS.timestamp} is 5 minutes or more away from the gateway clock`,
    );
  }
  const key = ctx.store.state.fixture.ncloud.apiKeys.find((k) => k.accessKey === accessKey);
  if (!key) throw ncloudRefusal("authFailed", `${NCP_HEADERS.accessKey} is missing or unknown`);
  if (given === undefined) throw ncloudRefusal("authFailed", `${NCP_HEADERS.signature} is missing`);
  const expected = Buffer.from(ncloudSignature(method, target, timestamp, key.accessKey, key.secretKey));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw ncloudRefusal("authFailed", `${NCP_HEADERS.signature} does not match the request`);
  }
}
