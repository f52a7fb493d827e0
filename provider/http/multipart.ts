import { randomBytes } from "node:crypto";

/**
 * A one-part multipart/form-data body holding a file. Built by hand (a few lines) rather than with a
 * form-data library, as one buffer that every retry resends unchanged.
 */
export function multipartFile(
  field: string,
  filename: string,
  data: Buffer,
  boundary = `----pulumi-bcs-${randomBytes(12).toString("hex")}`,
): { contentType: string; body: Buffer } {
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    `Content-Type: application/zip\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}
