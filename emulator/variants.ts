import { mulberry32 } from "./faults/random";

/**
 * The ways the emulator may answer where the official sources leave the real clouds' answer open (in
 * the spirit of Pebble, which differs from Let's Encrypt on purpose so that clients do not over-fit).
 * The first value of each is the emulator's documented default (emulator/README.md); the others are
 * the plausible alternatives a client must cope with as well. `{user}` and `{org}` are filled in.
 */
export const variantChoices = {
  /** Content-Type of the certificate zip (200): documented nowhere; the SDKs read a raw stream. */
  downloadContentType: [
    "application/zip",
    "application/octet-stream",
    "application/json;charset=UTF-8",
    null,
  ],
  /** Refusal of a safe-mode name that already holds an active certificate: no document names it. */
  nameTaken: [
    { status: 400, code: "BCS.4006020", message: "user {user} already has a certificate in safe mode" },
    { status: 400, code: "BCS.4000101", message: "The user name {user} already exists." },
    { status: 409, code: "BCS.4090409", message: "Conflict" },
    { status: 400, code: "BCS.4006005", message: "Bad Request" },
  ],
  /** Refusal when the organization's 100 safe-mode certificates are used up: no document names it. */
  quota: [
    {
      status: 400,
      code: "BCS.4006021",
      message: "the organization {org} already holds 100 certificates in safe mode",
    },
    { status: 400, code: "BCS.4000102", message: "The number of certificates exceeds the quota." },
    { status: 400, code: "BCS.4006005", message: "Bad Request" },
  ],
  /** `result` of a freeze/unfreeze 200: a free string in the SDKs; undefined sends `{}`. */
  freezeResult: ["success", "Success", "ok", undefined],
  /** IAM error body: IAM's documented `{error_code, error_msg}`, or Keystone's `{error:{code,message,title}}`. */
  iamErrorShape: ["documented", "keystone"],
  /** A missing, expired or revoked IAM token: BCS's own code (its API page) or the gateway's (service FAQs). */
  tokenError: [
    { status: 401, code: "BCS.4010401", message: "Incorrect token or token resolution failed" },
    {
      status: 401,
      code: "APIG.0301",
      message: "Incorrect IAM authentication information: decrypt token fail",
    },
    { status: 401, code: "APIG.0307", message: "The token must be updated." },
  ],
  /**
   * Status of the certificate POST that carries the zip: the API page shows 200; the Go SDK
   * (core/sdkerr/error_handler.go DefaultErrorHandler.HandleError) takes any status below 400.
   */
  certificateStatus: [200, 201, 202],
  /**
   * An AK/SK date outside the 15-minute window: the gateway's App-auth code (today's default), or
   * IAM-auth's APIG.0301 with a date message ("signature expired", as the APIG FAQ words it).
   * `{signed}` and `{now}` are the X-Sdk-Date and the gateway's time.
   */
  clockSkew: [
    {
      code: "APIGW.0303",
      message: "Incorrect IAM authentication information: the X-Sdk-Date is not in the allowed time range",
    },
    {
      code: "APIG.0301",
      message:
        "Incorrect IAM authentication information: signature expired, signature time:{signed},server time:{now}",
    },
  ],
  /**
   * A token request scoped to a project that does not exist (or the user may not use): no Huawei
   * page documents it; Keystone answers 401 (keystone/auth/core.py AuthInfo._lookup_project), with
   * the same message as a wrong password (keystone/exception.py SecurityError).
   */
  unknownProject: [
    {
      status: 400,
      code: "IAM.0011",
      message: "The project in the scope does not exist or the user has no access to it.",
    },
    { status: 401, code: "IAM.0001", message: "The request you have made requires authentication." },
  ],
  /** A 403 of an IAM policy denial: with or without the Go SDK's `encoded_authorization_message`. */
  policyDenial: ["plain", "encoded"],
  /** NAVER identityType: upper case on the Get CA identity page, lower case in the certAndKey answer. */
  ncloudTypeCase: ["upper", "lower"],
  /**
   * The `sign_algorithm` of a blockchain that its fixture entry leaves open: ECDSA or 国密 SM2 (Go SDK
   * `services/bcs/v2/model/model_create_request_body.go` `SignAlgorithm`: "ECDSA（ECDSA），国密算法（sm2）").
   */
  signAlgorithm: ["ECDSA", "SM2"],
  /** The SM2 distinguishing ID BCS signs with: undocumented; GM/T 0009's default, or OpenSSL 3's empty one. */
  sm2DistinguishingId: ["1234567812345678", ""],
  /**
   * Where the zip puts the MSP folder (Huawei documents only msp/keystore and msp/signcerts): at the
   * top, in a wrapper folder, or as cryptogen lays a user out (`users/<name>/msp`). `{user}`, `{org}` filled in.
   */
  archiveFolder: ["", "{user}@{org}/", "{org}/users/{user}@{org}/"],
  /** A `tls/` folder beside `msp/` (cryptogen's `users/<name>/tls`: ca.crt, client.crt, client.key). */
  archiveTls: [false, true],
  /** The organization CA signs the user directly, or through an intermediate (Fabric CA's `intermediatecerts/`). */
  caChain: ["root", "intermediate"],
  /** The key under `keystore/`: PKCS#8 (Fabric CA's client) or SEC1 `EC PRIVATE KEY` (older cryptogen). */
  keyEncoding: ["pkcs8", "sec1"],
  /** A binary entry in the MSP folder, as Fabric CA's client writes `msp/IssuerPublicKey` (Idemix). */
  binaryEntry: [false, true],
  /** NAVER's creation/update date fields: the current page's, or the older pages' field table's. */
  ncloudDateFields: [
    { created: "createDate", updated: "updateDate" },
    { created: "createDt", updated: "updateDt" },
  ],
  /**
   * A freeze of a certificate already frozen (in the console, say): documented nowhere. The emulator's
   * old answer (200, as for any freeze), or a refusal that says so, in English or in Chinese.
   */
  repeatedFreeze: [
    null,
    { status: 400, code: "BCS.4006005", message: "The certificate of user {user} is already frozen." },
    { status: 400, code: "BCS.4000111", message: "用户{user}的证书已冻结" },
  ],
  /**
   * How a freeze upload names its certificate: "the zip of the generated certificate" (FreezeCert, Go
   * `FreezeCertRequestBody.File`) says no more. By the serial of the certificate under signcerts/, or
   * only when the upload is byte for byte the zip that certificate was answered with.
   */
  freezeMatch: ["serial", "bytes"],
} as const;

export type VariantName = keyof typeof variantChoices;
export type Variants = { [K in VariantName]: (typeof variantChoices)[K][number] };
/** The index chosen in each of {@link variantChoices}. */
export type VariantPicks = { [K in VariantName]: number };

export const VARIANT_NAMES = Object.keys(variantChoices) as VariantName[];

/** How the variants are chosen: from a seed, with any dimension pinned by `pick`. */
export interface VariantOptions {
  /** Unsigned 32-bit; every dimension draws from it. */
  seed: number;
  pick?: Partial<VariantPicks>;
}

export interface ChosenVariants {
  /** False for the documented defaults (no seed given). */
  seeded: boolean;
  seed: number;
  picks: VariantPicks;
  values: Variants;
}

/** The documented defaults (index 0 everywhere): what the emulator answers when no seed is given. */
export function chooseVariants(options?: VariantOptions): ChosenVariants {
  const random = options ? mulberry32(options.seed) : () => 0;
  const picks = {} as Record<VariantName, number>;
  const values = {} as Record<VariantName, unknown>;
  for (const name of VARIANT_NAMES) {
    const choices = variantChoices[name] as readonly unknown[];
    const drawn = Math.floor(random() * choices.length); // always drawn, so a pin leaves the others as they were
    const pick = options?.pick?.[name] ?? drawn;
    if (!Number.isInteger(pick) || pick < 0 || pick >= choices.length)
      throw new Error(`variant ${name}: ${pick} is not an index of its ${choices.length} choices`);
    picks[name] = pick;
    values[name] = choices[pick];
  }
  return { seeded: options !== undefined, seed: options?.seed ?? 0, picks, values: values as Variants };
}

/**
 * `--variant-seed` or `BCS_EMULATOR_VARIANT_SEED`: a seed, or `random` for a fresh one (printed, so the
 * run can be replayed); undefined (unset or empty) leaves the documented defaults.
 */
export function variantOptionsFrom(text: string | undefined, where: string): VariantOptions | undefined {
  if (text === undefined || text === "") return undefined;
  if (text === "random") return { seed: Math.floor(Math.random() * 2 ** 32) };
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed >= 2 ** 32)
    throw new Error(`${where}: ${JSON.stringify(text)} is not an unsigned 32-bit integer or "random"`);
  return { seed };
}

/** One line that replays the run: the seed and what it chose (or that the defaults are in force). */
export function describeVariants(chosen: ChosenVariants): string {
  return chosen.seeded
    ? `emulator variants: seed ${chosen.seed} ${JSON.stringify(chosen.picks)}`
    : "emulator variants: the documented defaults (no seed)";
}

/** Fills `{user}`, `{org}`, `{signed}` and `{now}` in a variant's message. */
export function filled(
  message: string,
  names: { user?: string; org?: string; signed?: string; now?: string },
): string {
  return message
    .replaceAll("{user}", names.user ?? "")
    .replaceAll("{org}", names.org ?? "")
    .replaceAll("{signed}", names.signed ?? "")
    .replaceAll("{now}", names.now ?? "");
}
