import type * as dynamic from "@pulumi/pulumi/dynamic";
import { caExpiryWarning } from "../common/caExpiry";
import { ConfiguredProvider } from "../configuredProvider";
import { driftReason, type CertificateStatus } from "../common/drift";
import { unknownProperties } from "../common/knownProperties";
import { knownInputs } from "../common/model";
import { notice } from "../common/notice";
import { serverText } from "../http/serverText";
import { renewalDue, renewalFacts } from "../common/renewal";
import { forEngine, UNKNOWN, validate, type Failure } from "../common/validation";
import type { FabricCaClient } from "./client";
import { fabricCaClient, Registrars, type FabricCaEndpoint } from "./connect";
import { enrollmentRequestFor, newEnrollmentRequest } from "./csr";
import { attributeChanges, caSerial, enrollAfresh, profileOptions, revokeWithCrl } from "./identity";
import { importedCertificate, importIdFailures, parseImportId, readCaRecord } from "./importCertificate";
import {
  caUrlRule,
  FABRIC_IDENTITY_TYPES,
  certificateId,
  effective,
  FABRIC_REPLACE_ON_CHANGE,
  fabricRules,
  outputs,
  STATE_ONLY,
  upgradeOutputs,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
} from "./inputs";
import { fabricCaCertificateModel } from "./model";
import { sameHosts, tlsCombinationFailures } from "./tls";
import { signingRequestProblem } from "./signingRequest";
import type { FabricCaIdentity } from "./token";

export { FABRIC_IDENTITY_TYPES, FABRIC_REPLACE_ON_CHANGE };
export type {
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  FabricIdentityType,
  KeyPolicy,
  RevocationReason,
} from "./inputs";

/**
 * The dynamic provider of FabricCaUserCertificate: register (or take over) the identity, enroll it
 * with a key made here, re-enroll when attributes change, revoke on destroy.
 */
export class FabricCaCertificateProvider
  extends ConfiguredProvider
  implements dynamic.ResourceProvider<FabricCaCertificateInputs, FabricCaCertificateOutputs>
{
  private readonly registrars = new Registrars(() => this.settings, this.clock);

  async check(
    _olds: unknown,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.CheckResult<FabricCaCertificateInputs>> {
    const raw = (news ?? {}) as unknown as Record<string, unknown>;
    const failures: Failure[] = [
      ...unknownProperties(raw, [
        ...new Set([...Object.keys(fabricCaCertificateModel.inputs), ...Object.keys(fabricRules)]),
      ]),
      ...validate(raw, { caUrl: caUrlRule(this.settings), ...fabricRules }),
      ...importIdFailures(raw.importId, this.settings),
      ...tlsCombinationFailures(raw),
      ...csrModeFailures(raw),
    ];
    const inputs = knownInputs<FabricCaCertificateInputs>(fabricCaCertificateModel, raw);
    return { inputs, failures: forEngine(failures) };
  }

  async diff(
    _id: string,
    stored: FabricCaCertificateOutputs,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.DiffResult> {
    const olds = upgradeOutputs(stored);
    const n = { ...news, ...effective(news) };
    const replaces = FABRIC_REPLACE_ON_CHANGE.filter((k) => olds[k] !== n[k]);
    const { reenroll, why } = this.reenrollment(olds, n);
    const stateOnly = STATE_ONLY.some((k) => olds[k] !== n[k]);
    const changes = replaces.length > 0 || reenroll || stateOnly;
    if (replaces.length === 0 && reenroll) {
      // The engine shows an update; say what the update does.
      const how = n.certificateSigningRequestPem
        ? `${this.needsFreshEnrollment(olds) ? "reset the identity's secret and enroll" : "re-enroll"} ` +
          `certificateSigningRequestPem (new certificate, ${n.certificateSigningRequestPem === olds.certificateSigningRequestPem ? "the CSR's key kept" : "key rotated to the new CSR's"}; no private key stored)`
        : this.needsFreshEnrollment(olds)
          ? "enroll the identity again with a new secret (new certificate, key rotated)"
          : `re-enroll the same identity (new certificate, key ${n.keyPolicy === "reuse" ? "reused" : "rotated"})`;
      notice(`${olds.enrollmentId}: ${why}: ${how}`);
    }
    const caWarning = caExpiryWarning(
      olds.enrollmentId,
      olds.caCertificatePem,
      { notAfter: olds.notAfter, renewBefore: n.renewBefore },
      this.clock(),
    );
    if (caWarning) notice(caWarning);
    return { changes, replaces: [...replaces], deleteBeforeReplace: false };
  }

  async create(inputs: FabricCaCertificateInputs): Promise<dynamic.CreateResult<FabricCaCertificateOutputs>> {
    if (inputs.importId) return this.adopt(inputs.importId, inputs);
    return this.guard(async () => {
      const { client, registrar } = await this.connect(inputs);
      const outs = await enrollAfresh(client, registrar, inputs, this.clock());
      return { id: certificateId(outs), outs };
    });
  }

  /**
   * Asks the CA whether the certificate is still valid there: revoked, removed (the identity or the
   * certificate) or expired shows as drift, which the next diff turns into a new enrollment.
   */
  async read(
    id: string,
    stored?: FabricCaCertificateOutputs,
  ): Promise<dynamic.ReadResult<FabricCaCertificateOutputs>> {
    // `pulumi import` has no state: at most the program's inputs (the dynamic face), never a certificate.
    if (typeof stored?.certificatePem !== "string") return this.import(id, { ...stored });
    return this.guard(async () => {
      const props = upgradeOutputs(stored);
      const { client, registrar } = await this.connect(props);
      const query = { id: props.enrollmentId, serial: caSerial(props.serialNumber) };
      let status: CertificateStatus;
      if (!(await client.getIdentity(registrar, props.enrollmentId))) status = "removed";
      else if ((await client.certificates(registrar, query)).length === 0) status = "removed";
      else if ((await client.certificates(registrar, { ...query, notrevoked: true })).length === 0)
        status = "revoked";
      else status = Date.parse(props.notAfter) <= this.clock().getTime() ? "expired" : "valid";
      return { id, props: { ...props, status } };
    });
  }

  /**
   * `pulumi import` by the resource's own id: the certificate and its identity as the CA holds them,
   * checked, with the inputs that declare them. The CA never holds the private key (see
   * importCertificate.ts); the next enrollment, on any re-enrollment or replacement, makes one.
   */
  private async import(
    id: string,
    declared: Record<string, unknown>,
  ): Promise<dynamic.ReadResult<FabricCaCertificateOutputs>> {
    return this.guard(async () => {
      const at = parseImportId(id, this.settings);
      const { client, registrar } = await this.connect(at);
      const record = await readCaRecord(client, registrar, at);
      const { outs, inputs } = importedCertificate(at, record, declared, this.clock());
      notice(
        `${at.enrollmentId}: imported certificate ${outs.serialNumber}; the CA never holds the private key, ` +
          "so privateKeyPem is empty (hasPrivateKey false) until the next enrollment makes one",
      );
      return {
        id: certificateId(outs),
        props: outs,
        inputs: inputs as unknown as FabricCaCertificateOutputs,
      };
    });
  }

  /**
   * The dynamic face's import (see FabricCaCertificateInputs.importId): the certificate read as an
   * import reads it, kept only when the program declares what the CA holds, as the engine's import
   * requires of the package face.
   */
  private async adopt(
    importId: string,
    inputs: FabricCaCertificateInputs,
  ): Promise<dynamic.CreateResult<FabricCaCertificateOutputs>> {
    const { id, props } = await this.import(importId, { ...inputs });
    const outs = props!;
    const declared = { ...inputs, ...effective(inputs) };
    const differences = [...FABRIC_REPLACE_ON_CHANGE, "attributes" as const]
      .filter(
        (k) => JSON.stringify(sortedValue(outs[k])) !== JSON.stringify(sortedValue(declared[k] ?? null)),
      )
      .map(
        (k) =>
          `${k} is ${serverText(JSON.stringify(outs[k]), 200)} at the CA, ${JSON.stringify(declared[k] ?? null)} in the program`,
      );
    if (differences.length > 0)
      throw new Error(
        `cannot import ${importId}: the program's inputs do not match the certificate: ${differences.join("; ")}`,
      );
    return { id: id!, outs };
  }

  async update(
    _id: string,
    stored: FabricCaCertificateOutputs,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.UpdateResult<FabricCaCertificateOutputs>> {
    return this.guard(async () => {
      const olds = upgradeOutputs(stored);
      const e = effective(news);
      if (!this.reenrollment(olds, e).reenroll) {
        const facts = renewalFacts(olds.notAfter, e.renewBefore, this.clock());
        return {
          outs: {
            ...olds,
            ...STATE_ONLY.reduce((o, k) => ({ ...o, [k]: e[k] }), {}),
            ...facts,
          },
        };
      }
      const { client, registrar } = await this.connect(olds);
      const inputs = { ...news, caUrl: olds.caUrl };
      if (this.needsFreshEnrollment(olds)) {
        // A revoked, removed or expired certificate cannot authenticate a re-enrollment. Its key is
        // never reused: a revocation may mean the key is compromised.
        const outs = await enrollAfresh(client, registrar, inputs, this.clock());
        return { outs: { ...outs, crlPem: olds.crlPem } };
      }
      const oldAttrs = Object.entries(olds.attributes).map(([name, value]) => ({ name, value }));
      await client.modifyIdentity(registrar, olds.enrollmentId, {
        attrs: attributeChanges(oldAttrs, e.attributes),
        // Unset leaves the identity's limit alone: fabric-ca 1.5.15 stores −2 ("the CA's value") as 0,
        // which then refuses every enrollment.
        maxEnrollments: e.maxEnrollments ?? undefined,
      });
      // The stored key authenticates the re-enrollment; a CSR (switching to CSR mode) brings the new key.
      const request = e.certificateSigningRequestPem
        ? { csrPem: e.certificateSigningRequestPem, privateKeyPem: "" }
        : e.keyPolicy === "reuse"
          ? enrollmentRequestFor(olds.enrollmentId, olds.privateKeyPem)
          : newEnrollmentRequest(olds.enrollmentId);
      const enrollment = await client.reenroll(
        { certificatePem: olds.certificatePem, privateKey: olds.privateKeyPem },
        request.csrPem,
        profileOptions(e),
      );
      const outs = outputs(
        inputs,
        enrollment.certificatePem,
        request.privateKeyPem,
        enrollment.caChainPem,
        this.clock(),
      );
      // The superseded certificate is let go of like a destroyed one: onDelete decides.
      const crlPem =
        e.onDelete === "revoke" ? await revokeWithCrl(client, registrar, olds, "superseded") : olds.crlPem;
      return { outs: { ...outs, crlPem } };
    });
  }

  /** onDelete: "revoke" (the default) revokes and prints the new CRL for the channel config; "retain" leaves it. */
  async delete(_id: string, stored: FabricCaCertificateOutputs): Promise<void> {
    const props = upgradeOutputs(stored);
    if (props.onDelete === "retain") {
      notice(
        `${props.enrollmentId}: onDelete "retain": certificate ${props.serialNumber} left valid at the CA`,
      );
      return;
    }
    await this.guard(async () => {
      const { client, registrar } = await this.connect(props);
      const crlPem = await revokeWithCrl(client, registrar, props, props.revocationReason);
      // Nothing outlives a destroy in the state, so the CRL the channel config needs is printed here
      // (it is public); getFabricCaCrl returns it too.
      notice(
        `${props.enrollmentId}: revoked certificate ${props.serialNumber} (${props.revocationReason}); ` +
          `a revocation takes effect on a Fabric network once this CRL is in the channel config:\n${crlPem}`,
      );
    });
  }

  /** A client of the resource's CA and the registrar enrolled there. */
  private async connect(
    at: Pick<FabricCaCertificateOutputs, "caUrl"> & { caName?: string | null },
  ): Promise<{ client: FabricCaClient; registrar: FabricCaIdentity }> {
    const endpoint: FabricCaEndpoint = { url: at.caUrl, caName: at.caName ?? undefined };
    return {
      client: fabricCaClient(this.settings, endpoint),
      registrar: await this.registrars.get(endpoint),
    };
  }

  /** Whether the stored certificate can no longer authenticate a re-enrollment (or there is no key to sign it). */
  private needsFreshEnrollment(olds: FabricCaCertificateOutputs): boolean {
    return (
      !olds.hasPrivateKey || olds.status !== "valid" || Date.parse(olds.notAfter) <= this.clock().getTime()
    );
  }

  /** Whether the identity is enrolled again, and why: drift found by refresh, attributes, limit, or renewal due. */
  private reenrollment(
    olds: FabricCaCertificateOutputs,
    n: ReturnType<typeof effective>,
  ): { reenroll: boolean; why: string } {
    const drift = driftReason(olds.status, olds.notAfter, "the CA");
    if (drift) return { reenroll: true, why: drift };
    if (olds.certificateSigningRequestPem !== n.certificateSigningRequestPem)
      return { reenroll: true, why: "certificateSigningRequestPem changed (a new key)" };
    if (JSON.stringify(sorted(olds.attributes)) !== JSON.stringify(sorted(n.attributes))) {
      return { reenroll: true, why: "attributes changed" };
    }
    if (olds.maxEnrollments !== n.maxEnrollments) return { reenroll: true, why: "maxEnrollments changed" };
    if (!sameHosts(olds.hosts, n.hosts))
      return { reenroll: true, why: `hosts changed to ${n.hosts.join(", ") || "none"}` };
    const renewal = renewalDue(olds.notAfter, n.renewBefore, this.clock());
    return renewal ? { reenroll: true, why: renewal } : { reenroll: false, why: "" };
  }
}

/**
 * CSR mode at preview: the request is one Fabric CA signs for this identity, and keyPolicy (which
 * decides the key this provider makes) is not set, since the key is the request's.
 */
function csrModeFailures(raw: Record<string, unknown>): Failure[] {
  const csr = raw.certificateSigningRequestPem;
  if (csr === undefined || csr === UNKNOWN) return [];
  const failures: Failure[] = [];
  const problem = signingRequestProblem("certificateSigningRequestPem", csr, raw.enrollmentId);
  if (problem) failures.push({ property: "certificateSigningRequestPem", reason: problem });
  if (raw.keyPolicy !== undefined)
    failures.push({
      property: "keyPolicy",
      reason:
        "keyPolicy cannot be set with certificateSigningRequestPem: the key is the CSR's, not made here. " +
        "Keep the same CSR to keep the key on renewal, give a new one to rotate it",
    });
  return failures;
}

/** A value with its object keys sorted, for comparing maps written in any order. */
function sortedValue(value: unknown): unknown {
  return value !== null && typeof value === "object" ? sorted(value as Record<string, string>) : value;
}

function sorted(attrs: Record<string, string>): [string, string][] {
  return Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
