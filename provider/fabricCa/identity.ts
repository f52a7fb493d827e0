import { randomBytes } from "node:crypto";
import { ApiError } from "../http/errors";
import { serverText } from "../http/serverText";
import type { RevocationReason } from "./api";
import type { FabricCaClient, IdentityInfo } from "./client";
import { newEnrollmentRequest } from "./csr";
import {
  effective,
  outputs,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
} from "./inputs";
import type { FabricCaIdentity } from "./token";

/** What the Fabric CA resource does to identities at the CA: take over, enroll afresh, revoke with a CRL. */

/** Registers the identity or takes it over with a fresh secret, then enrolls it with a new key. */
export async function enrollAfresh(
  client: FabricCaClient,
  registrar: FabricCaIdentity,
  inputs: FabricCaCertificateInputs,
  now: Date,
): Promise<FabricCaCertificateOutputs> {
  const e = effective(inputs);
  const secret = randomBytes(18).toString("base64url");
  const attrs = Object.entries(e.attributes).map(([name, value]) => ({ name, value, ecert: true }));
  const existing = await client.getIdentity(registrar, inputs.enrollmentId);
  if (existing) {
    assertSameIdentity(existing, inputs.enrollmentId, e.identityType, e.affiliation);
    // Registered by an earlier run that failed before enrolling, by hand, or enrolled before and
    // revoked since: take it over with a fresh secret instead of registering a duplicate.
    await client.modifyIdentity(registrar, inputs.enrollmentId, {
      secret,
      attrs: attributeChanges(existing.attrs, e.attributes),
      // Unset leaves the identity's limit alone: fabric-ca 1.5.15 stores −2 ("the CA's value") as 0,
      // which then refuses every enrollment.
      maxEnrollments: e.maxEnrollments ?? undefined,
    });
  } else {
    await client.register(registrar, {
      id: inputs.enrollmentId,
      type: e.identityType,
      affiliation: e.affiliation === "" ? "." : e.affiliation,
      attrs,
      maxEnrollments: e.maxEnrollments ?? undefined,
      secret,
    });
  }
  // CSR mode: the user's request, whose key never reaches Pulumi.
  const request = e.certificateSigningRequestPem
    ? { csrPem: e.certificateSigningRequestPem, privateKeyPem: "" }
    : newEnrollmentRequest(inputs.enrollmentId);
  const enrollment = await client
    .enroll(inputs.enrollmentId, secret, request.csrPem, profileOptions(e))
    .catch((err: unknown) => {
      if (err instanceof ApiError && err.code === "20" && existing)
        throw new Error(
          `${(err as Error).message}. If the identity ${inputs.enrollmentId} itself was revoked at the CA ` +
            "(fabric-ca-client revoke -e without a serial), it can never enroll again: remove it at the CA or use another enrollmentId",
        );
      throw err;
    });
  return outputs(inputs, enrollment.certificatePem, request.privateKeyPem, enrollment.caChainPem, now);
}

/** The enroll request's profile and SANs: a TLS certificate's, or nothing for an enrollment certificate. */
export function profileOptions(e: Pick<ReturnType<typeof effective>, "enrollmentProfile" | "hosts">) {
  return e.enrollmentProfile ? { profile: e.enrollmentProfile, hosts: e.hosts } : {};
}

/** The PUT body's attrs: new values, and an empty value for each attribute to remove (not hf.*). */
export function attributeChanges(current: { name: string; value: string }[], wanted: Record<string, string>) {
  const removed = current
    .filter((a) => !a.name.startsWith("hf.") && !(a.name in wanted))
    .map((a) => ({ name: a.name, value: "" }));
  return [...Object.entries(wanted).map(([name, value]) => ({ name, value, ecert: true })), ...removed];
}

function assertSameIdentity(existing: IdentityInfo, id: string, type: string, affiliation: string): void {
  const problems: string[] = [];
  if (existing.type.toLowerCase() !== type)
    problems.push(`type ${serverText(existing.type, 64)}, not ${type}`);
  if (existing.affiliation !== affiliation)
    problems.push(
      `affiliation "${serverText(existing.affiliation, 200)}", not ${JSON.stringify(affiliation)}`,
    );
  if (problems.length > 0) {
    throw new Error(
      `Fabric CA already has an identity ${JSON.stringify(id)} with ${problems.join(" and ")}: ` +
        "use another enrollmentId, or set identityType/affiliation to match it",
    );
  }
}

/** Revokes one certificate (already revoked is fine) and returns the CA's CRL after it. */
export async function revokeWithCrl(
  client: FabricCaClient,
  registrar: FabricCaIdentity,
  cert: Pick<FabricCaCertificateOutputs, "serialNumber" | "authorityKeyId">,
  reason: RevocationReason,
): Promise<string> {
  try {
    const result = await client.revoke(registrar, {
      serial: cert.serialNumber,
      aki: cert.authorityKeyId,
      reason,
      gencrl: true,
    });
    if (result.crlPem) return result.crlPem;
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "66")) throw err; // 66: already revoked
  }
  return client.gencrl(registrar);
}

export { caSerial } from "./issuedCertificate";
