import { caExpiryOutputs, type CaExpiryOutputs } from "../common/caExpiry";
import { certificateInfo, publicKeyPem, type CertificateInfo } from "../common/certificateInfo";
import { clockFrom } from "../common/clock";
import {
  CERTIFICATE_OUTPUTS as C,
  gatewayIdentity,
  type GatewayIdentity,
} from "../common/certificateOutputs";
import type { ResourceModel } from "../common/model";
import { upgradeOutputs, type StoredUserCertificate, type UserCertificateInputs } from "./inputs";
import type { UserCertificateOutputs } from "./inputs";
import { storedArchive } from "./stateShape";

/** The outputs derived from the stored zip (see ./stateShape.ts), in the core: both faces call derive(). */
export interface UserCertificateDerived extends Omit<CertificateInfo, "notAfter">, CaExpiryOutputs {
  archive: string;
  certificatePem: string;
  privateKeyPem: string;
  publicKeyPem: string;
  caCertificatePem: string;
  msp: Record<string, string>;
  gatewayIdentity: GatewayIdentity | null;
}

const DELETE_POLICIES = ["freeze", "retain"] as const;

/** UserCertificate (Huawei Cloud BCS), described once: both faces and the schema are built from it. */
export const userCertificateModel: ResourceModel<
  UserCertificateInputs,
  UserCertificateOutputs,
  StoredUserCertificate,
  UserCertificateDerived
> = {
  token: "bcs:index:UserCertificate",
  doc: "A user certificate of a Hyperledger Fabric organization on Huawei Cloud Blockchain Service.",
  inputs: {
    projectId: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "IAM project id (32 hexadecimal characters).",
    },
    blockchainId: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "Id of the BCS instance (blockchain).",
    },
    orgName: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "Name of a peer organization of the blockchain.",
    },
    userName: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "4-24 characters, lowercase letters and digits, starting with a letter.",
    },
    securityMode: {
      type: "boolean",
      onChange: "replace",
      doc: "Safe mode: the certificate is hosted by the service, one active certificate per user name and at most 100 per organization. Omitted means the API's default (non-safe mode).",
    },
    frozen: {
      type: "boolean",
      onChange: "inPlace",
      doc: "`true` freezes the certificate, `false` (default) unfreezes it; changes apply in place.",
    },
    freezeUntracked: {
      type: "boolean",
      onChange: "inPlace",
      doc: "Recovery switch for safe mode: when the user name already holds an active certificate that no Pulumi state tracks (typically one whose answer was lost in an interrupted run), freeze it before issuing. Only consulted when the certificate is created. See docs/reliability-and-security.md.",
    },
    renewBefore: {
      type: "string",
      onChange: "inPlace",
      doc: "Renew when the certificate expires within this duration (`30d`, `720h`). Compared with the clock during diff, so a plain `pulumi preview` shows the renewal and why. Huawei renews by replacement (frozen first in safe mode). Default: never.",
    },
    onDelete: {
      type: "string",
      enum: DELETE_POLICIES,
      onChange: "inPlace",
      doc: 'What happens to the certificate when Pulumi lets go of it (destroy, replacement): `"freeze"` (default) or `"retain"` (left active). `"revoke"` is refused at preview: Huawei BCS has no revoke call. The policy recorded by the last `pulumi up` is the one applied, so change it before removing the resource.',
    },
    mspId: {
      type: "string",
      onChange: "inPlace",
      doc: "The organization's MSP ID (e.g. `org1MSP`); when set, `gatewayIdentity` is filled.",
    },
  },
  outputs: {
    projectId: { type: "string", doc: "IAM project id." },
    blockchainId: { type: "string", doc: "BCS instance id." },
    orgName: { type: "string", doc: "Peer organization." },
    userName: C.userName,
    securityMode: {
      type: "boolean",
      nullable: true,
      doc: "Safe mode as requested; null when the input was omitted.",
    },
    frozen: { type: "boolean", doc: "Whether the certificate is frozen." },
    mspPublic: {
      type: "string",
      doc: "What the state keeps of the zip: its certificates, packed (see provider/huawei/stateShape.ts).",
    },
    mspSecret: {
      type: "string",
      secret: true,
      doc: "What the state keeps of the zip: everything else (keys, other files, its frame), packed. Secret.",
    },
    notAfter: C.notAfter,
    expiresInDays: C.expiresInDays,
    readyForRenewal: C.readyForRenewal,
    renewBefore: C.renewBefore,
    onDelete: { type: "string", enum: DELETE_POLICIES, doc: "The delete policy in effect." },
    mspId: C.mspId,
    status: C.status,
  },
  derived: {
    // The zip and the facts: a state of 0.1.0 stores them, this release derives them from mspPublic/mspSecret.
    archive: {
      type: "string",
      secret: true,
      package: false,
      storedBefore: true,
      doc: "The zip exactly as the API answered it, base64: every folder and file, binary ones included. Secret (it holds the key).",
    },
    serialNumber: { ...C.serialNumber, package: true, storedBefore: true },
    subject: { ...C.subject, package: true, storedBefore: true },
    issuer: { ...C.issuer, package: true, storedBefore: true },
    notBefore: { ...C.notBefore, package: true, storedBefore: true },
    fingerprintSha256: { ...C.fingerprintSha256, package: true, storedBefore: true },
    certificatePem: { ...C.certificatePem, package: true },
    privateKeyPem: { ...C.privateKeyPem, package: true },
    publicKeyPem: { ...C.publicKeyPem, package: true },
    caCertificatePem: { ...C.caCertificatePem, package: true },
    msp: {
      ...C.msp,
      package: false,
      doc: "The zip's MSP folder (`signcerts/…`, `keystore/…`, `cacerts/…`): path to content, text files only (a binary file is in `archive`). Secret.",
    },
    gatewayIdentity: { ...C.gatewayIdentity, package: false },
    caNotAfter: { ...C.caNotAfter, package: true },
    caExpiresInDays: { ...C.caExpiresInDays, package: true },
  },
  derivedFrom: ["archive", "mspPublic", "mspSecret", "mspId"],
  upgrade: upgradeOutputs,
  derive(stored) {
    const archive = storedArchive(stored);
    const { serialNumber, subject, issuer, notBefore, fingerprintSha256 } = certificateInfo(
      archive.certificatePem,
    );
    return {
      archive: archive.zip.toString("base64"),
      serialNumber,
      subject,
      issuer,
      notBefore,
      fingerprintSha256,
      certificatePem: archive.certificatePem,
      privateKeyPem: archive.privateKeyPem,
      publicKeyPem: publicKeyPem(archive.certificatePem),
      caCertificatePem: archive.caCertificatePem,
      msp: archive.msp,
      gatewayIdentity: gatewayIdentity(stored.mspId, archive.certificatePem, archive.privateKeyPem),
      ...caExpiryOutputs(archive.caCertificatePem, clockFrom(process.env)()),
    };
  },
};
