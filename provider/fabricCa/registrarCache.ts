import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * An id-and-secret registrar's enrollment, kept between runs so that a run does not enroll the
 * registrar again (each enrollment uses one of its `max_enrollments` and leaves a valid admin
 * certificate at the CA). One file per CA URL, CA name, registrar id and secret, named by an HMAC
 * under the secret (the name tells nothing without it), encrypted with AES-256-GCM under a key scrypt
 * draws from the secret: whoever can read the file and decrypt it holds the secret already, and the
 * scrypt cost slows a guess of a weak secret from the file as the CA's lockout slows one online.
 */

export interface RegistrarBinding {
  url: string;
  caName: string;
  id: string;
  secret: string;
}

export interface CachedEnrollment {
  certificatePem: string;
  privateKeyPem: string;
}

interface SealedFile {
  version: 1;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

const scryptAsync = promisify(scrypt) as (
  secret: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
/** scrypt's interactive-login cost (2^15, r 8): about 0.1 s and 32 MiB once per process. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** A lock older than this is broken (its holder makes one request under it, bounded by the request timeout). */
const STALE_LOCK_MS = 2 * 60 * 1000;
const LOCK_POLL_MS = 100;

/** `bcs:fabricCaRegistrarCacheDir`, else `$XDG_CACHE_HOME/pulumi-bcs-registrar` or `~/.cache/pulumi-bcs-registrar`. */
export function registrarCacheDir(configured: string | undefined): string {
  return configured ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pulumi-bcs-registrar");
}

const context = (b: RegistrarBinding) => `${b.url}|${b.caName}|${b.id}`;

export class RegistrarCache {
  constructor(private readonly dir: string) {}

  private file(b: RegistrarBinding): string {
    const name = createHmac("sha256", b.secret)
      .update(`pulumi-bcs registrar ${context(b)}`)
      .digest("hex");
    return join(this.dir, `${name}.json`);
  }

  /** The enrollment kept for `b`; undefined when none is kept or it cannot be read (it is then replaced). */
  async read(b: RegistrarBinding): Promise<CachedEnrollment | undefined> {
    let sealed: SealedFile;
    try {
      sealed = JSON.parse(readFileSync(this.file(b), "utf8")) as SealedFile;
    } catch {
      return undefined;
    }
    try {
      const key = await scryptAsync(b.secret, Buffer.from(sealed.salt, "base64"), 32, SCRYPT);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
      decipher.setAAD(Buffer.from(context(b)));
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64")), decipher.final()]);
      const value = JSON.parse(plain.toString("utf8")) as CachedEnrollment;
      return typeof value.certificatePem === "string" && typeof value.privateKeyPem === "string"
        ? value
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps `enrollment` for `b`, readable by this user only, replacing the file in one step. */
  async write(b: RegistrarBinding, enrollment: CachedEnrollment): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = await scryptAsync(b.secret, salt, 32, SCRYPT);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(context(b)));
    const data = Buffer.concat([cipher.update(JSON.stringify(enrollment), "utf8"), cipher.final()]);
    const sealed: SealedFile = {
      version: 1,
      salt: salt.toString("base64"),
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      data: data.toString("base64"),
    };
    const file = this.file(b);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(sealed), { mode: 0o600 });
    renameSync(partial, file);
  }

  /**
   * Runs `work` holding the lock of `b`'s file, so that the program (the lookup) and the provider
   * process of one run, which start together, do not both enroll.
   */
  async withLock<T>(b: RegistrarBinding, work: () => Promise<T>): Promise<T> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock = `${this.file(b)}.lock`;
    for (;;) {
      try {
        const fd = openSync(lock, "wx", 0o600);
        writeFileSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        if (lockIsStale(lock)) unlinkQuietly(lock);
        else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
    }
    try {
      return await work();
    } finally {
      unlinkQuietly(lock);
    }
  }
}

/** Left by a process of this machine that is gone (a run stopped with Ctrl-C), or held too long. */
function lockIsStale(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(lock, "utf8"));
    if (!Number.isSafeInteger(pid) || pid <= 0) return false; // being written
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone: another process broke a stale lock
  }
}
