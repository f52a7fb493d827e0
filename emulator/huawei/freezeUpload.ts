import { createHash, X509Certificate } from "node:crypto";
import busboy from "busboy";
import { unzipSync } from "fflate";
import { FREEZE_FILE_MAX_BYTES } from "../../provider/huawei/api";
import { huaweiRefusal } from "../errors";
import { header, type EmulatorRequest } from "../http";

/**
 * What a freeze/unfreeze request names: a certificate by the zip uploaded (its serials, and the SHA-256
 * of its bytes), or the hosted one.
 */
export type FreezeTarget = { kind: "serials"; serials: string[]; sha256: string } | { kind: "hosted" };

interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

const SIGNCERT_ENTRY = /(^|\/)msp\/signcerts\/[^/]+\.pem$/;

/**
 * Reads what the official SDKs send: a multipart form with the optional part `file` (Java, Python),
 * or no body at all (Go, with a JSON content type). Any other body is refused.
 */
export async function readFreezeTarget(request: EmulatorRequest): Promise<FreezeTarget> {
  const contentType = header(request.headers, "content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) {
    const file = await multipartFile(request, contentType);
    if (!file) return { kind: "hosted" };
    const sha256 = createHash("sha256").update(file.data).digest("hex");
    return { kind: "serials", serials: serialsInArchive(file), sha256 };
  }
  if (request.body.length > 0) {
    throw huaweiRefusal("badRequest", "send the zip as the multipart part file, or no body");
  }
  return { kind: "hosted" };
}

function multipartFile(request: EmulatorRequest, contentType: string): Promise<UploadedFile | undefined> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        limits: { files: 1, fileSize: FREEZE_FILE_MAX_BYTES },
      });
    } catch (err) {
      reject(huaweiRefusal("badRequest", `bad multipart body: ${(err as Error).message}`));
      return;
    }
    let file: UploadedFile | undefined;
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      const upload: UploadedFile = { filename: info.filename ?? "", data: Buffer.alloc(0), truncated: false };
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => (upload.truncated = true));
      stream.on("end", () => {
        upload.data = Buffer.concat(chunks);
        file = upload;
      });
    });
    parser.on("error", (err: Error) =>
      reject(huaweiRefusal("badRequest", `bad multipart body: ${err.message}`)),
    );
    parser.on("close", () => resolve(file));
    parser.end(request.body);
  });
}

function serialsInArchive(file: UploadedFile): string[] {
  if (file.truncated || file.data.length > FREEZE_FILE_MAX_BYTES)
    throw huaweiRefusal("badRequest", "file exceeds 30 KB");
  if (!file.filename.toLowerCase().endsWith(".zip")) throw huaweiRefusal("badRequest", "file must be a .zip");
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.data);
  } catch {
    throw huaweiRefusal("badRequest", "file is not a readable zip");
  }
  const serials: string[] = [];
  for (const [path, data] of Object.entries(entries)) {
    if (!SIGNCERT_ENTRY.test(path)) continue;
    try {
      serials.push(new X509Certificate(Buffer.from(data)).serialNumber.toUpperCase());
    } catch {
      throw huaweiRefusal("badRequest", `${path} is not a PEM certificate`);
    }
  }
  if (serials.length === 0)
    throw huaweiRefusal("badRequest", "file holds no msp/signcerts/*.pem certificate");
  return serials;
}
