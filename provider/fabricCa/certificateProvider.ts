import { createPrivateKey, randomBytes, X509Certificate } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { certificateInfo, type CertificateInfo } from "../common/certificateInfo";
import { REVOCATION_REASONS, type RevocationReason } from "./api";
import { authorityKeyId } from "./certificateFields";
import type { FabricCaClient, IdentityInfo } from "./client";
import type { FabricCaIdentity } from "./token";
import { createCsr, MAX_ENROLLMENT_ID_LENGTH, newEnrollmentRequest, type EnrollmentRequest } from "./csr";
import { ConfiguredProvider } from "../common/configuredProvider";
import { renewalDue, renewalFacts, type RenewalFacts } from "../common/renewal";
import { deletePolicyRule, type DeletePolicy } from "../common/deletePolicy";
import { driftReason, type CertificateStatus } from "../common/drift";
import { fabricCaClient, Registrars, type FabricCaEndpoint } from "./connect";
import { ApiError } from "../http/errors";
import { endpointProblem } from "../http/endpoint";
import { serverText } from "../http/serverText";
import type { Settings } from "../common/settings";
import { forEngine, rules, validate, UNKNOWN, type Failure, type Rule } from "../common/validation";
import { definedOnly, unknownProperties } from "../common/knownProperties";

export type { RevocationReason };
export const FABRIC_IDENTITY_TYPES = ["client", "peer", "orderer", "admin"] as const;
export type FabricIdentityType = (typeof FABRIC_IDENTITY_TYPES)[number];

/** The checked inputs of a FabricCaUserCertificate. */
export interface FabricCaCertificateInputs {
  caUrl: string;
  caName?: string;
  enrollmentId: string;
  identityType?: FabricIdentityType;
  affiliation?: string;
  attributes?: Record<string, string>;
  maxEnrollments?: number;
  revocationReason?: RevocationReason;
  /** Re-enroll when the certificate expires within this duration. */
  renewBefore?: string;
  /** On re-enrollment: keep the key (`reuse`, e.g. for a node whose key is in channel config) or make a new one. */
  keyPolicy?: KeyPolicy;
  /** What destroy (and a re-enrollment, for the superseded certificate) does: revoke (default) or retain. */
  onDelete?: DeletePolicy;
  /** The MSP ID of the identity's organization, for the Gateway identity output. */
  mspId?: string;
}

export type KeyPolicy = "reuse" | "rotate";

/** What is stored: the inputs in effect, and the certificate. */
export interface FabricCaCertificateOutputs extends CertificateInfo, RenewalFacts {
  caUrl: string;
  caName: string | null;
  enrollmentId: string;
  userName: string;
  identityType: FabricIdentityType;
  affiliation: string;
  attributes: Record<string, string>;
  maxEnrollments: number | null;
  revocationReason: RevocationReason;
  renewBefore: string | null;
  keyPolicy: KeyPolicy;
  onDelete: DeletePolicy;
  mspId: string | null;
  /** As the last refresh found it at the CA; "valid" from create until a refresh says otherwise. */
  status: CertificateStatus;
  /** The CA's CRL (PEM) after this resource's last revocation of a superseded certificate. */
  crlPem: string | null;
  certificatePem: string;
  privateKeyPem: string;
  caCertificatePem: string;
  /** Authority key identifier, lower-case hex: with the serial it names the certificate to revoke. */
  authorityKeyId: string;
}

const DEFAULT_REASON: RevocationReason = "cessationofoperation";
/** Inputs whose change means another identity, hence a new resource. */
export const FABRIC_REPLACE_ON_CHANGE = [
  "caUrl",
  "caName",
  "enrollmentId",
  "identityType",
  "affiliation",
] as const;

const optional =
  (rule: Rule): Rule =>
  (field, value) =>
    value === undefined || value === null ? undefined : rule(field, value);

/** The endpoint policy every URL the package calls follows (provider/http/endpoint.ts). */
const caUrlRule =
  (settings: Settings): Rule =>
  (field, v) =>
    v === undefined
      ? `${field} is required: the CA's URL, such as https://ca.org1.example.com:7054`
      : typeof v !== "string"
        ? `${field} must be a string URL`
        : endpointProblem(field, v, settings.allowInsecureHttp === "true");

const fabricRules: Record<string, Rule> = {
  caName: optional((field, v) =>
    typeof v === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '.', '_' or '-'`,
  ),
  enrollmentId: (field, v) => {
    if (v === undefined) return `${field} is required`;
    if (typeof v !== "string") return `${field} must be a string`;
    if (v.length === 0 || [...v].length > MAX_ENROLLMENT_ID_LENGTH) {
      return `${field} must be 1 to ${MAX_ENROLLMENT_ID_LENGTH} characters (it becomes the certificate's CN)`;
    }
    if (/[:/\\%?#]/.test(v) || !/^[\x21-\x7e]+$/.test(v)) {
      return `${field} must be printable ASCII without ':', '/', '\\', '%', '?', '#', spaces, control or look-alike characters`;
    }
    return undefined;
  },
  identityType: optional((field, v) =>
    (FABRIC_IDENTITY_TYPES as readonly unknown[]).includes(v)
      ? undefined
      : `${field} must be one of ${FABRIC_IDENTITY_TYPES.join(", ")}`,
  ),
  affiliation: optional((field, v) =>
    typeof v === "string" && (v === "" || /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(v))
      ? undefined
      : `${field} must be dot-separated names such as org1.department1 (letters, digits, '_', '-')`,
  ),
  attributes: optional((field, v) => {
    if (typeof v !== "object" || Array.isArray(v))
      return `${field} must be a map of attribute name to string value`;
    for (const [name, value] of Object.entries(v as object)) {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
        return `${field}: attribute name ${JSON.stringify(name)} must be 1 to 64 letters, digits, '.', '_' or '-'`;
      if (name.startsWith("hf.")) return `${field}: ${name} is reserved by Fabric CA (hf.*)`;
      if (typeof value !== "string" && value !== UNKNOWN) return `${field}.${name} must be a string`;
      if (typeof value === "string" && (value.length > 1024 || /\p{Cc}/u.test(value))) {
        return `${field}.${name} must be at most 1024 characters without control characters`;
      }
    }
    return undefined;
  }),
  maxEnrollments: optional((field, v) =>
    typeof v === "number" && Number.isSafeInteger(v) && (v === -1 || v > 0)
      ? undefined
      : `${field} must be -1 (unlimited) or a positive whole number`,
  ),
  revocationReason: optional((field, v) =>
    (REVOCATION_REASONS as readonly unknown[]).includes(v)
      ? undefined
      : `${field} must be one of ${REVOCATION_REASONS.join(", ")}`,
  ),
  renewBefore: rules.optionalDuration,
  keyPolicy: optional((field, v) =>
    v === "reuse" || v === "rotate" ? undefined : `${field} must be "reuse" or "rotate"`,
  ),
  onDelete: deletePolicyRule("Fabric CA", "revoke", {
    freeze: "it cannot suspend a certificate and lift the suspension later",
  }),
  mspId: rules.optionalMspId,
  // Not an input of this resource; untyped JavaScript callers get told why at preview.
  frozen: optional(
    (field) =>
      `${field} is not supported on Fabric CA: it cannot suspend a certificate and lift the suspension later. ` +
      'Destroy revokes the certificate; use onDelete: "retain" to keep it',
  ),
};

const effective = (i: Partial<FabricCaCertificateInputs>) => ({
  caName: i.caName ?? null,
  identityType: i.identityType ?? "client",
  affiliation: i.affiliation ?? "",
  attributes: i.attributes ?? {},
  maxEnrollments: i.maxEnrollments ?? null,
  revocationReason: i.revocationReason ?? DEFAULT_REASON,
  renewBefore: i.renewBefore ?? null,
  keyPolicy: i.keyPolicy ?? "rotate",
  onDelete: i.onDelete ?? "revoke",
  mspId: i.mspId ?? null,
});

/** Inputs whose change only updates the state. */
const STATE_ONLY = ["revocationReason", "renewBefore", "keyPolicy", "onDelete", "mspId"] as const;

/**
 * The dynamic provider of FabricCaUserCertificate: register (or take over) the identity, enroll it
 * with a key made here, re-enroll when attributes change, revoke on destroy.
 */
export class FabricCaCertificateProvider
  extends ConfiguredProvider
  implements dynamic.ResourceProvider<FabricCaCertificateInputs, FabricCaCertificateOutputs>
{
  private readonly registrars = new Registrars(() => this.settings);

  async check(
    _olds: unknown,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.CheckResult<FabricCaCertificateInputs>> {
    const raw = (news ?? {}) as unknown as Record<string, unknown>;
    const failures: Failure[] = [
      ...unknownProperties(raw, ["caUrl", ...Object.keys(fabricRules)]),
      ...validate(raw, { caUrl: caUrlRule(this.settings), ...fabricRules }),
    ];
    const inputs: FabricCaCertificateInputs = definedOnly({
      caUrl: news.caUrl,
      enrollmentId: news.enrollmentId,
    });
    for (const key of [
      "caName",
      "identityType",
      "affiliation",
      "attributes",
      "maxEnrollments",
      "revocationReason",
      "renewBefore",
      "keyPolicy",
      "onDelete",
      "mspId",
    ] as const) {
      if (raw[key] !== undefined && raw[key] !== null)
        (inputs as unknown as Record<string, unknown>)[key] = raw[key];
    }
    return { inputs, failures: forEngine(failures) };
  }

  async diff(
    _id: string,
    olds: FabricCaCertificateOutputs,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.DiffResult> {
    const n = { ...news, ...effective(news) };
    const replaces = FABRIC_REPLACE_ON_CHANGE.filter((k) => olds[k] !== n[k]);
    const { reenroll, why } = this.reenrollment(olds, n);
    const stateOnly = STATE_ONLY.some((k) => (olds[k] ?? null) !== n[k]);
    const changes = replaces.length > 0 || reenroll || stateOnly;
    if (replaces.length === 0 && reenroll) {
      // The engine shows an update; say what the update does.
      const how = this.needsFreshEnrollment(olds)
        ? "enroll the identity again with a new secret (new certificate, key rotated)"
        : `re-enroll the same identity (new certificate, key ${n.keyPolicy === "reuse" ? "reused" : "rotated"})`;
      console.log(`pulumi-bcs: ${olds.enrollmentId}: ${why}: ${how}`);
    }
    return { changes, replaces: [...replaces], deleteBeforeReplace: false };
  }

  async create(inputs: FabricCaCertificateInputs): Promise<dynamic.CreateResult<FabricCaCertificateOutputs>> {
    return this.guard(async () => {
      const endpoint: FabricCaEndpoint = { url: inputs.caUrl, caName: inputs.caName };
      const client = fabricCaClient(this.settings, endpoint);
      const registrar = await this.registrars.get(endpoint);
      const outs = await this.enrollAfresh(client, registrar, inputs);
      return {
        id: `${inputs.caUrl}|${inputs.caName ?? ""}|${inputs.enrollmentId}|${outs.serialNumber}`,
        outs,
      };
    });
  }

  /**
   * Asks the CA whether the certificate is still valid there: revoked, removed (the identity or the
   * certificate) or expired shows as drift, which the next diff turns into a new enrollment.
   */
  async read(
    id: string,
    props?: FabricCaCertificateOutputs,
  ): Promise<dynamic.ReadResult<FabricCaCertificateOutputs>> {
    // `pulumi import` reads with an id only: a private key cannot be imported from a CA.
    if (!props)
      throw new Error("FabricCaUserCertificate cannot be imported: the CA does not hold the private key");
    return this.guard(async () => {
      const endpoint: FabricCaEndpoint = { url: props.caUrl, caName: props.caName ?? undefined };
      const client = fabricCaClient(this.settings, endpoint);
      const registrar = await this.registrars.get(endpoint);
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

  async update(
    _id: string,
    olds: FabricCaCertificateOutputs,
    news: FabricCaCertificateInputs,
  ): Promise<dynamic.UpdateResult<FabricCaCertificateOutputs>> {
    return this.guard(async () => {
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
      const endpoint: FabricCaEndpoint = { url: olds.caUrl, caName: olds.caName ?? undefined };
      const client = fabricCaClient(this.settings, endpoint);
      const registrar = await this.registrars.get(endpoint);
      const inputs = { ...news, caUrl: olds.caUrl };
      if (this.needsFreshEnrollment(olds)) {
        // A revoked, removed or expired certificate cannot authenticate a re-enrollment. Its key is
        // never reused: a revocation may mean the key is compromised.
        const outs = await this.enrollAfresh(client, registrar, inputs);
        return { outs: { ...outs, crlPem: olds.crlPem ?? null } };
      }
      const oldAttrs = Object.entries(olds.attributes).map(([name, value]) => ({ name, value }));
      await client.modifyIdentity(registrar, olds.enrollmentId, {
        attrs: attributeChanges(oldAttrs, e.attributes),
        // Unset leaves the identity's limit alone: fabric-ca 1.5.15 stores −2 ("the CA's value") as 0,
        // which then refuses every enrollment.
        maxEnrollments: e.maxEnrollments ?? undefined,
      });
      const request =
        e.keyPolicy === "reuse"
          ? enrollmentRequestFor(olds.enrollmentId, olds.privateKeyPem)
          : newEnrollmentRequest(olds.enrollmentId);
      const enrollment = await client.reenroll(
        { certificatePem: olds.certificatePem, privateKey: olds.privateKeyPem },
        request.csrPem,
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
        e.onDelete === "revoke"
          ? await revokeWithCrl(client, registrar, olds, "superseded")
          : (olds.crlPem ?? null);
      return { outs: { ...outs, crlPem } };
    });
  }

  /** onDelete: "revoke" (the default) revokes and prints the new CRL for the channel config; "retain" leaves it. */
  async delete(_id: string, props: FabricCaCertificateOutputs): Promise<void> {
    const policy = props.onDelete ?? "revoke";
    if (policy === "retain") {
      console.log(
        `pulumi-bcs: ${props.enrollmentId}: onDelete "retain": certificate ${props.serialNumber} left valid at the CA`,
      );
      return;
    }
    await this.guard(async () => {
      const endpoint: FabricCaEndpoint = { url: props.caUrl, caName: props.caName ?? undefined };
      const client = fabricCaClient(this.settings, endpoint);
      const crlPem = await revokeWithCrl(
        client,
        await this.registrars.get(endpoint),
        props,
        props.revocationReason,
      );
      // Nothing outlives a destroy in the state, so the CRL the channel config needs is printed here
      // (it is public); getFabricCaCrl returns it too.
      console.log(
        `pulumi-bcs: ${props.enrollmentId}: revoked certificate ${props.serialNumber} (${props.revocationReason}); ` +
          `a revocation takes effect on a Fabric network once this CRL is in the channel config:\n${crlPem}`,
      );
    });
  }

  /** Registers the identity or takes it over with a fresh secret, then enrolls it with a new key. */
  private async enrollAfresh(
    client: FabricCaClient,
    registrar: FabricCaIdentity,
    inputs: FabricCaCertificateInputs,
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
    const request = newEnrollmentRequest(inputs.enrollmentId);
    const enrollment = await client
      .enroll(inputs.enrollmentId, secret, request.csrPem)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === "20" && existing)
          throw new Error(
            `${(err as Error).message}. If the identity ${inputs.enrollmentId} itself was revoked at the CA ` +
              "(fabric-ca-client revoke -e without a serial), it can never enroll again: remove it at the CA or use another enrollmentId",
          );
        throw err;
      });
    return outputs(
      inputs,
      enrollment.certificatePem,
      request.privateKeyPem,
      enrollment.caChainPem,
      this.clock(),
    );
  }

  /** Whether the stored certificate can no longer authenticate a re-enrollment. */
  private needsFreshEnrollment(olds: FabricCaCertificateOutputs): boolean {
    return (olds.status ?? "valid") !== "valid" || Date.parse(olds.notAfter) <= this.clock().getTime();
  }

  /** Whether the identity is enrolled again, and why: drift found by refresh, attributes, limit, or renewal due. */
  private reenrollment(
    olds: FabricCaCertificateOutputs,
    n: ReturnType<typeof effective>,
  ): { reenroll: boolean; why: string } {
    const drift = driftReason(olds.status, olds.notAfter, "the CA");
    if (drift) return { reenroll: true, why: drift };
    if (JSON.stringify(sorted(olds.attributes)) !== JSON.stringify(sorted(n.attributes))) {
      return { reenroll: true, why: "attributes changed" };
    }
    if (olds.maxEnrollments !== n.maxEnrollments) return { reenroll: true, why: "maxEnrollments changed" };
    const renewal = renewalDue(olds.notAfter, n.renewBefore, this.clock());
    return renewal ? { reenroll: true, why: renewal } : { reenroll: false, why: "" };
  }
}

function sorted(attrs: Record<string, string>): [string, string][] {
  return Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The PUT body's attrs: new values, and an empty value for each attribute to remove (not hf.*). */
function attributeChanges(current: { name: string; value: string }[], wanted: Record<string, string>) {
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
async function revokeWithCrl(
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

/** Serials as Fabric CA stores them: lower-case hex without leading zeros. */
function caSerial(serialNumber: string): string {
  return serialNumber.toLowerCase().replace(/^0+(?=.)/, "");
}

function outputs(
  inputs: FabricCaCertificateInputs,
  certificatePem: string,
  privateKeyPem: string,
  caChainPem: string,
  now: Date,
): FabricCaCertificateOutputs {
  const e = effective(inputs);
  const aki = authorityKeyId(certificatePem);
  if (!aki)
    throw new Error(
      "the certificate from Fabric CA has no authority key identifier; it could not be revoked later",
    );
  new X509Certificate(caChainPem); // refuse a chain that is not PEM before anything is stored
  return {
    caUrl: inputs.caUrl,
    enrollmentId: inputs.enrollmentId,
    userName: inputs.enrollmentId,
    ...e,
    certificatePem,
    privateKeyPem,
    caCertificatePem: caChainPem,
    authorityKeyId: aki,
    status: "valid",
    crlPem: null,
    ...certificateInfo(certificatePem),
    ...renewalFacts(certificateInfo(certificatePem).notAfter, e.renewBefore, now),
  };
}

/** A CSR for the key the identity already has (keyPolicy "reuse"). */
function enrollmentRequestFor(enrollmentId: string, privateKeyPem: string): EnrollmentRequest {
  const privateKey = createPrivateKey(privateKeyPem);
  return { csrPem: createCsr(enrollmentId, privateKey), privateKey, privateKeyPem };
}
