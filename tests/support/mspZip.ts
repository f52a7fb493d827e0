import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import {
  createOrgCa,
  issueUserCertificate,
  type IssuedCertificate,
  type KeyedCertificate,
} from "../../emulator/pki";

/** A user certificate and its CA, made at run time (no key is ever committed). */
export interface TestIdentity {
  ca: KeyedCertificate;
  user: IssuedCertificate;
}

export async function testIdentity(userName: string, ca?: KeyedCertificate): Promise<TestIdentity> {
  const now = new Date();
  const issuer = ca ?? (await createOrgCa("bcs-test", "org1", now));
  return { ca: issuer, user: await issueUserCertificate(issuer, userName, "org1", now) };
}

/** The MSP folder as the emulator answers it (path → text), for `{ user, ca }`. */
export function mspFiles({ user, ca }: TestIdentity): Record<string, string> {
  return {
    [`msp/keystore/${user.subjectKeyId}_sk`]: user.privateKeyPem,
    "msp/signcerts/cert.pem": user.certificatePem,
    "msp/cacerts/ca.pem": ca.certificatePem,
    "msp/tlscacerts/tlsca.pem": ca.certificatePem,
  };
}

export function zipOf(files: Record<string, string>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)]))));
}

export function filesOf(zip: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, data]) => [path, strFromU8(data)]));
}
