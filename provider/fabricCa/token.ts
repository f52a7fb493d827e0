import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import type { Middleware } from "../http/transport";
import { sequence, unsignedInteger } from "./der";

/**
 * Fabric CA token authentication (fabric-ca v1.4+ format; the v1.3 one is refused by v1.5.14+):
 * `Authorization: B64(certPEM).B64(DER signature)` over `METHOD.B64(requestURI).B64(body).B64(certPEM)`,
 * ECDSA with SHA-256 and a low S, as the server's BCCSP insists.
 */

/** An enrolled identity: its certificate and the key the certificate was issued for. */
export interface FabricCaIdentity {
  certificatePem: string;
  /** A KeyObject or a PEM private key (PKCS#8 or SEC1). */
  privateKey: KeyObject | string;
}

/** Order n of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_ORDER =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
const curveOrders: Record<string, bigint> = { prime256v1: P256_ORDER, secp384r1: P384_ORDER };

const b64 = (data: string | Buffer): string => Buffer.from(data).toString("base64");

function toBigInt(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString("hex")}`);
}

function toBytes(value: bigint, size: number): Buffer {
  return Buffer.from(value.toString(16).padStart(size * 2, "0"), "hex");
}

/**
 * Turns an IEEE P1363 signature (`r‖s`, as `crypto.sign` gives with `dsaEncoding: "ieee-p1363"`) into
 * DER with `s ≤ n/2`: (r, n−s) verifies as well as (r, s), and the server rejects the high form.
 */
export function lowSDerSignature(p1363: Buffer, order: bigint = P256_ORDER): Buffer {
  const half = p1363.length / 2;
  const r = p1363.subarray(0, half);
  let s = toBigInt(p1363.subarray(half));
  if (s > order / 2n) s = order - s;
  return sequence(unsignedInteger(r), unsignedInteger(toBytes(s, half)));
}

/** The `Authorization` value for one request; `requestUri` is the path plus `?query` exactly as sent. */
export function fabricCaToken(
  identity: FabricCaIdentity,
  method: string,
  requestUri: string,
  body: Buffer | undefined,
): string {
  const key =
    typeof identity.privateKey === "string" ? createPrivateKey(identity.privateKey) : identity.privateKey;
  const order = curveOrders[key.asymmetricKeyDetails?.namedCurve ?? ""];
  if (key.asymmetricKeyType !== "ec" || order === undefined) {
    throw new Error("Fabric CA token auth needs an EC P-256 or P-384 private key");
  }
  const certB64 = b64(identity.certificatePem);
  const payload = `${method.toUpperCase()}.${b64(requestUri)}.${b64(body ?? Buffer.alloc(0))}.${certB64}`;
  const raw = sign("sha256", Buffer.from(payload, "utf8"), { key, dsaEncoding: "ieee-p1363" });
  return `${certB64}.${lowSDerSignature(raw, order).toString("base64")}`;
}

/** Signs every request as `identity`; wraps the transport like the Huawei signing layer does. */
export function fabricCaTokenAuth(identity: FabricCaIdentity): Middleware {
  return (next) => (request) => {
    const url = new URL(request.url);
    const token = fabricCaToken(identity, request.method, url.pathname + url.search, request.body);
    return next({ ...request, headers: { ...request.headers, Authorization: token } });
  };
}
