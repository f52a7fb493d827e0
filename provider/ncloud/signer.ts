import { createHmac } from "node:crypto";

/**
 * NAVER Cloud API Gateway signature v2:
 * base64(HMAC-SHA256(secretKey, `${METHOD} ${pathAndQuery}\n${timestampMs}\n${accessKey}`)).
 * The path includes the region prefix (`/api/v1/...`); the body is not signed.
 */
export function ncloudSignature(
  method: string,
  pathAndQuery: string,
  timestampMs: string,
  accessKey: string,
  secretKey: string,
): string {
  const message = `${method.toUpperCase()} ${pathAndQuery}\n${timestampMs}\n${accessKey}`;
  return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(message, "utf8").digest("base64");
}

export const NCP_HEADERS = {
  timestamp: "x-ncp-apigw-timestamp",
  accessKey: "x-ncp-iam-access-key",
  signature: "x-ncp-apigw-signature-v2",
} as const;

/** The three signature headers for one request. */
export function ncloudSignedHeaders(
  method: string,
  pathAndQuery: string,
  credentials: { accessKey: string; secretKey: string },
  at: Date,
): Record<string, string> {
  const timestamp = String(at.getTime());
  return {
    [NCP_HEADERS.timestamp]: timestamp,
    [NCP_HEADERS.accessKey]: credentials.accessKey,
    [NCP_HEADERS.signature]: ncloudSignature(
      method,
      pathAndQuery,
      timestamp,
      credentials.accessKey,
      credentials.secretKey,
    ),
  };
}
