import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { secretHits } from "./secretHits";

export interface BucketScan {
  /** Every object key in the bucket. */
  keys: string[];
  /** `<what> in <key>` for each known secret value, or PEM private key, found in an object's text. */
  hits: string[];
}

/** Stored bytes as text, gzip-compressed ones unpacked (as the diy backend may write them). */
function storedText(stored: Buffer): string {
  return (stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored).toString("utf8");
}

/** Every object of a bucket, by key, as text: what a diy backend on S3 wrote. */
export async function bucketTexts(client: S3Client, bucket: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const texts: Record<string, string> = {};
  for (const key of keys) {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    texts[key] = storedText(Buffer.from(await object.Body!.transformToByteArray()));
  }
  return texts;
}

/** Every file under `dir`, by path relative to it, as text: what a diy backend on disk wrote. */
export function directoryTexts(dir: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      texts[relative(dir, path)] = storedText(readFileSync(path));
    }
  return texts;
}

/** Reads every object of a bucket and looks for each secret value, and for any PEM private key, in its text. */
export async function scanBucket(
  client: S3Client,
  bucket: string,
  secrets: ReadonlyMap<string, string>,
): Promise<BucketScan> {
  const texts = await bucketTexts(client, bucket);
  return { keys: Object.keys(texts), hits: secretHits(secrets, texts) };
}
