import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Fixture } from "./fixture";
import type { KeyedCertificate } from "./pki";

/** An IAM token; only its SHA-256 is kept, so state.json never holds a usable token. */
export interface TokenRecord {
  tokenSha256: string;
  projectId: string;
  expiresAt: string;
}

/** The CA of one organization of one blockchain. */
export interface CaRecord extends KeyedCertificate {
  blockchainId: string;
  orgName: string;
  /** The intermediate CA that issues when the `caChain` variant asks for one, made on first use. */
  intermediate?: KeyedCertificate;
}

export interface CertificateRecord {
  projectId: string;
  blockchainId: string;
  orgName: string;
  userName: string;
  securityMode: boolean;
  /** Upper-case hex without colons, as Node's X509Certificate prints it. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  frozen: boolean;
  /** When the last freeze was made (emulator clock); until it takes effect the certificate still counts as active. */
  frozenAt?: string;
  /** SHA-256 (hex) of the zip the certificate was answered with, for the variant that matches uploads by bytes. */
  zipSha256?: string;
  certificatePem: string;
  issuedAt: string;
}

export interface EmulatorState {
  version: 1;
  /** The fixture the state was seeded from; later restarts read it from here, not from the fixture file. */
  fixture: Fixture;
  tokens: TokenRecord[];
  cas: CaRecord[];
  certificates: CertificateRecord[];
}

const STATE_FILE = "state.json";

/** The emulator's state, kept in memory and written to `dataDir/state.json` after every change. */
export class StateStore {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    readonly state: EmulatorState,
  ) {}

  /** Loads dataDir/state.json, or seeds a new state from the fixture when there is none. */
  static async open(dataDir: string, fixture: () => Promise<Fixture>): Promise<StateStore> {
    await mkdir(dataDir, { recursive: true });
    const existing = await readState(join(dataDir, STATE_FILE));
    if (existing) return new StateStore(dataDir, existing);
    const store = new StateStore(dataDir, {
      version: 1,
      fixture: await fixture(),
      tokens: [],
      cas: [],
      certificates: [],
    });
    await store.save();
    return store;
  }

  /**
   * Runs `work` after every earlier exclusive task has finished, so a check (a quota, say) and the
   * change it guards cannot interleave with another request's.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Waits for queued work; used when the server closes. */
  async drain(): Promise<void> {
    await this.tail;
  }

  /** Writes the state atomically: a temporary file in the same directory, then a rename. */
  async save(now: Date = new Date()): Promise<void> {
    this.state.tokens = this.state.tokens.filter((t) => Date.parse(t.expiresAt) > now.getTime());
    const target = join(this.dataDir, STATE_FILE);
    const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(this.state, null, 2) + "\n", { mode: 0o600 });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}

async function readState(path: string): Promise<EmulatorState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<EmulatorState>;
  if (parsed.version !== 1 || !parsed.fixture || !parsed.tokens || !parsed.cas || !parsed.certificates) {
    throw new Error(`${path}: not an emulator state file of version 1; remove it to start afresh`);
  }
  return parsed as EmulatorState;
}
