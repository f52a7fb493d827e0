import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

const PEM_PRIVATE_KEY = /-----BEGIN (EC |RSA |ENCRYPTED )?PRIVATE KEY-----/;

export interface BucketScan {
  /** Every object key in the bucket. */
  keys: string[];
  /** `<what> in <key>` for each known secret value, or PEM private key, found in an object's text. */
  hits: string[];
}

/**
 * Reads every object of a bucket (gzip-compressed ones unpacked, as the diy backend may write them)
 * and looks for each secret value, and for any PEM private key, in its text.
 */
export async function scanBucket(
  client: S3Client,
  bucket: string,
  secrets: ReadonlyMap<string, string>,
): Promise<BucketScan> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);

  const hits: string[] = [];
  for (const key of keys) {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    let bytes = Buffer.from(await object.Body!.transformToByteArray());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const text = bytes.toString("utf8");
    for (const [what, value] of secrets) if (text.includes(value)) hits.push(`${what} in ${key}`);
    if (PEM_PRIVATE_KEY.test(text)) hits.push(`a PEM private key in ${key}`);
  }
  return { keys, hits };
}
