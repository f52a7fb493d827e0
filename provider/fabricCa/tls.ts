import { isIP } from "node:net";
import { describe, optional, UNKNOWN, type Failure, type Rule } from "../common/validation";

/**
 * TLS identities: enrollment with Fabric CA's `tls` signing profile and the host names it puts into the
 * certificate as SANs (the enroll request's `profile` and `hosts`, which replace the CSR's SANs), and
 * the folder a Fabric node reads its TLS identity from.
 */

export const ENROLLMENT_PROFILES = ["tls"] as const;
export type EnrollmentProfile = (typeof ENROLLMENT_PROFILES)[number];

/** The most host names one certificate carries; a longer list is a mistake, not a node. */
const MAX_HOSTS = 64;
const DNS_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
/** An RFC 1123 host name, optionally a wildcard in its first label only (`*.org1.example.com`). */
const DNS_NAME = new RegExp(`^(?:\\*\\.)?${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);

/** Why `host` is neither a DNS name nor an IP address; undefined when it is one. */
export function hostProblem(host: string): string | undefined {
  if (isIP(host) !== 0) return undefined;
  if (host.length > 253 || !DNS_NAME.test(host)) return "is neither a DNS name nor an IPv4/IPv6 address";
  if (/^[0-9.]+$/.test(host)) return "looks like an IPv4 address but is not one";
  return undefined;
}

export const tlsRules: Record<string, Rule> = {
  enrollmentProfile: optional((field, v) =>
    v === "tls"
      ? undefined
      : `${field} must be "tls" (Fabric CA's TLS signing profile) or omitted for an enrollment certificate (got ${typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : describe(v)})`,
  ),
  hosts: optional((field, v) => {
    if (!Array.isArray(v))
      return `${field} must be a list of DNS names and IP addresses (got ${describe(v)})`;
    if (v.length === 0) return `${field} must name at least one host, or be omitted`;
    if (v.length > MAX_HOSTS) return `${field} must name at most ${MAX_HOSTS} hosts (got ${v.length})`;
    const seen = new Set<string>();
    for (const [i, host] of v.entries()) {
      if (host === UNKNOWN) continue;
      if (typeof host !== "string") return `${field}[${i}] must be a string (got ${describe(host)})`;
      const problem = hostProblem(host);
      if (problem) return `${field}[${i}] ${JSON.stringify(host.slice(0, 80))} ${problem}`;
      if (seen.has(host.toLowerCase())) return `${field}[${i}] ${JSON.stringify(host)} is listed twice`;
      seen.add(host.toLowerCase());
    }
    return undefined;
  }),
};

/**
 * The rule across fields: `hosts` only with `enrollmentProfile: "tls"`. Fabric CA would put the SANs
 * into an enrollment certificate as well, but nothing in Fabric reads them there, so a `hosts` without
 * the profile is a forgotten profile, and the node's TLS handshake would fail later and elsewhere.
 */
export function tlsCombinationFailures(raw: Record<string, unknown>): Failure[] {
  const hosts = raw.hosts;
  const profile = raw.enrollmentProfile;
  if (hosts === undefined || hosts === null || profile === UNKNOWN || profile === "tls") return [];
  return [
    {
      property: "hosts",
      reason:
        'hosts requires enrollmentProfile: "tls": the host names are the SANs of a TLS certificate; ' +
        "an enrollment certificate (no enrollmentProfile) has none",
    },
  ];
}

/** The host names in a stable order, for comparing what is stored with what the program says. */
export const sameHosts = (a: readonly string[], b: readonly string[]): boolean =>
  JSON.stringify([...a].map((h) => h.toLowerCase()).sort()) ===
  JSON.stringify([...b].map((h) => h.toLowerCase()).sort());

/**
 * The `tls` folder of a Fabric node (`CORE_PEER_TLS_*_FILE`, `ORDERER_GENERAL_TLS_*`, as the Fabric
 * samples lay it out): null for an enrollment certificate, and without the key when none is held.
 */
export function tlsFolder(
  profile: string | null | undefined,
  certificatePem: string,
  privateKeyPem: string,
  caChainPem: string,
): Record<string, string> | null {
  if (profile !== "tls") return null;
  return {
    "server.crt": certificatePem,
    ...(privateKeyPem ? { "server.key": privateKeyPem } : {}),
    "ca.crt": caChainPem,
  };
}
