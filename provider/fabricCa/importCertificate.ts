import { certificateInfo } from "../common/certificateInfo";
import type { CertificateStatus } from "../common/drift";
import { renewalFacts } from "../common/renewal";
import type { Settings } from "./settings";
import { UNKNOWN, type Failure } from "../common/validation";
import { serverText } from "../http/serverText";
import { authorityKeyId } from "./certificateFields";
import { issuedCertificateProblem } from "./issuedCertificate";
import type { FabricCaClient, IdentityInfo } from "./client";
import { caSerial } from "./issuedCertificate";
import {
  caUrlRule,
  effective,
  FABRIC_IDENTITY_TYPES,
  fabricRules,
  STATE_ONLY,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
  type FabricIdentityType,
} from "./inputs";
import type { FabricCaIdentity } from "./token";

/** What `pulumi import` names: the resource's own id, `<caUrl>|<caName>|<enrollmentId>|<serial hex>`. */
export interface ImportId {
  caUrl: string;
  caName: string | undefined;
  enrollmentId: string;
  /** As Fabric CA stores it: lower-case hex without leading zeros. */
  serial: string;
}

const ID_FORMAT =
  "<caUrl>|<caName>|<enrollmentId>|<serial hex>, e.g. https://ca.org1.example.com:7054||appuser01|3f1a… " +
  "(caName empty for the server's default CA; the serial as `fabric-ca-client certificate list` prints it)";

/** The import id parsed and checked by the inputs' own rules; an error names the part and the rule. */
export function parseImportId(id: string, settings: Settings): ImportId {
  const parts = id.split("|");
  if (parts.length < 4) throw new Error(`the import id must be ${ID_FORMAT}`);
  const [caUrl, caName] = parts;
  const serial = parts[parts.length - 1];
  // An enrollment ID may hold '|'; a URL, a CA name and a serial here do not.
  const enrollmentId = parts.slice(2, -1).join("|");
  const problems = [
    caUrlRule(settings)("caUrl", caUrl),
    caName === "" ? undefined : fabricRules.caName("caName", caName),
    fabricRules.enrollmentId("enrollmentId", enrollmentId),
    /^[0-9A-Fa-f]{1,40}$/.test(serial) ? undefined : "serial must be 1 to 40 hexadecimal digits",
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0)
    throw new Error(`the import id ${problems.join("; ")}; the id must be ${ID_FORMAT}`);
  return { caUrl, caName: caName || undefined, enrollmentId, serial: caSerial(serial) };
}

/** check's failures for the dynamic face's importId input. */
export function importIdFailures(importId: unknown, settings: Settings): Failure[] {
  if (importId === undefined || importId === null || importId === UNKNOWN) return [];
  if (typeof importId !== "string") return [{ property: "importId", reason: "importId must be a string" }];
  try {
    parseImportId(importId, settings);
    return [];
  } catch (err) {
    return [{ property: "importId", reason: (err as Error).message }];
  }
}

/** What the CA says about the certificate being imported, before it is checked. */
export interface CaRecord {
  identity: IdentityInfo | undefined;
  /** PEMs GET /certificates returned for the id and serial, and those of them not revoked. */
  certificates: string[];
  notRevoked: string[];
  caChainPem: string;
}

/** Asks the CA, as the registrar, for everything an import needs. */
export async function readCaRecord(
  client: FabricCaClient,
  registrar: FabricCaIdentity,
  at: ImportId,
): Promise<CaRecord> {
  const query = { id: at.enrollmentId, serial: at.serial };
  const identity = await client.getIdentity(registrar, at.enrollmentId);
  const certificates = await client.certificates(registrar, query);
  const notRevoked = await client.certificates(registrar, { ...query, notrevoked: true });
  return { identity, certificates, notRevoked, caChainPem: (await client.cainfo()).caChainPem };
}

/**
 * The state and the inputs of an imported certificate. Only what the CA holds is imported: the
 * identity's type, affiliation and attributes become inputs; maxEnrollments stays unmanaged (null:
 * left as the CA has it) because the CA cannot tell a limit set by hand from its default. The CA
 * never holds the private key: `privateKeyPem` is empty and `hasPrivateKey` false until the next
 * enrollment makes a key. `declared` are the program's inputs when the engine passes them (the
 * dynamic face): the settings only this provider knows (onDelete, mspId, …) are taken from there.
 */
export function importedCertificate(
  at: ImportId,
  record: CaRecord,
  declared: Record<string, unknown>,
  now: Date,
): { outs: FabricCaCertificateOutputs; inputs: FabricCaCertificateInputs } {
  const who = `${at.enrollmentId} (serial ${at.serial})`;
  if (!record.identity)
    throw new Error(`cannot import ${who}: the CA has no identity ${JSON.stringify(at.enrollmentId)}`);
  if (record.certificates.length !== 1) {
    throw new Error(
      `cannot import ${who}: the CA lists ${record.certificates.length} certificates for this enrollment ID ` +
        "and serial, not one; `fabric-ca-client certificate list --id <enrollmentId>` shows the serials",
    );
  }
  const certificatePem = record.certificates[0];
  checkCertificate(certificatePem, record.caChainPem, at);
  const identityType = record.identity.type.toLowerCase() as FabricIdentityType;
  if (!FABRIC_IDENTITY_TYPES.includes(identityType))
    throw new Error(
      `cannot import ${who}: its identity type ${serverText(record.identity.type, 64)} is not one of ${FABRIC_IDENTITY_TYPES.join(", ")}`,
    );
  const attributes = Object.fromEntries(
    record.identity.attrs.filter((a) => !a.name.startsWith("hf.")).map((a) => [a.name, a.value]),
  );
  const problems = [
    fabricRules.affiliation("affiliation", record.identity.affiliation),
    fabricRules.attributes("attributes", attributes),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0)
    throw new Error(`cannot import ${who}: ${problems.map((p) => serverText(p, 300)).join("; ")}`);

  const inputs: FabricCaCertificateInputs = {
    caUrl: at.caUrl,
    ...(at.caName ? { caName: at.caName } : {}),
    enrollmentId: at.enrollmentId,
    identityType,
    affiliation: record.identity.affiliation,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...Object.fromEntries(
      STATE_ONLY.filter((k) => declared[k] != null && fabricRules[k](k, declared[k]) === undefined).map(
        (k) => [k, declared[k]],
      ),
    ),
  };
  const e = effective(inputs);
  const info = certificateInfo(certificatePem);
  const status: CertificateStatus =
    record.notRevoked.length === 0
      ? "revoked"
      : Date.parse(info.notAfter) <= now.getTime()
        ? "expired"
        : "valid";
  const outs: FabricCaCertificateOutputs = {
    caUrl: at.caUrl,
    enrollmentId: at.enrollmentId,
    userName: at.enrollmentId,
    ...e,
    maxEnrollments: null,
    certificatePem,
    privateKeyPem: "",
    hasPrivateKey: false,
    // Not known to be this certificate's: a declared CSR is enrolled at the next update.
    certificateSigningRequestPem: null,
    caCertificatePem: record.caChainPem,
    authorityKeyId: authorityKeyId(certificatePem)!,
    status,
    crlPem: null,
    ...info,
    ...renewalFacts(info.notAfter, e.renewBefore, now),
  };
  return { outs, inputs };
}

/** The certificate is the one named, of the identity named, issued by this CA; anything else is refused. */
function checkCertificate(pem: string, caChainPem: string, at: ImportId): void {
  const problem = issuedCertificateProblem(pem, {
    enrollmentId: at.enrollmentId,
    caChainPem,
    serial: at.serial,
  });
  if (problem)
    throw new Error(`cannot import ${at.enrollmentId} (serial ${at.serial}): the CA's answer ${problem}`);
}
