import { deletePolicyRule, type DeletePolicy } from "../common/deletePolicy";
import type { CertificateStatus } from "../common/drift";
import type { RenewalFacts } from "../common/renewal";
import { commonRules, describe, requiredString, type Rule } from "../common/validation";
import type { PackedMsp, PreviousShape } from "./stateShape";

/** The checked inputs of a UserCertificate. */
export interface UserCertificateInputs {
  projectId: string;
  blockchainId: string;
  orgName: string;
  userName: string;
  securityMode?: boolean;
  frozen?: boolean;
  /** Safe mode: freeze an active certificate of this user name that Pulumi does not track, then issue. */
  freezeUntracked?: boolean;
  /** Renew (replace) the certificate when it expires within this duration. */
  renewBefore?: string;
  /** What destroy and replacement do with the certificate: freeze (default) or retain. */
  onDelete?: DeletePolicy;
  /** The MSP ID of the organization, for the Gateway identity output. */
  mspId?: string;
}

/**
 * What is stored for a UserCertificate: everything later operations need, and the certificate's
 * `msp/` folder packed (see ./stateShape.ts). Serial number, subject, issuer, notBefore and
 * fingerprint are read from the certificate in the program; notAfter is kept for the diff.
 */
export interface UserCertificateOutputs extends PackedMsp, RenewalFacts {
  projectId: string;
  blockchainId: string;
  orgName: string;
  userName: string;
  /** null when the input was omitted (the API's default, non-safe mode). */
  securityMode: boolean | null;
  frozen: boolean;
  notAfter: string;
  renewBefore: string | null;
  onDelete: DeletePolicy;
  mspId: string | null;
  /** From the clock at the last refresh: Huawei BCS has no call that reads a user certificate. */
  status: CertificateStatus;
}

/** Outputs as a state may hold them: this release's, or the previous release's (the zip and the facts). */
export type StoredUserCertificate =
  UserCertificateOutputs | (Omit<UserCertificateOutputs, keyof PackedMsp> & PreviousShape);

/** Inputs whose change issues a new certificate. */
export const REPLACE_ON_CHANGE = [
  "projectId",
  "blockchainId",
  "orgName",
  "userName",
  "securityMode",
] as const;

/** Huawei BCS's own rules for the names in a user certificate's path. */
export const huaweiRules = {
  /** Huawei IAM project ids are 32 hexadecimal characters. */
  projectId: requiredString((field, v) =>
    /^[0-9a-f]{32}$/.test(v)
      ? undefined
      : `${field} must be a 32-character lowercase hexadecimal IAM project id (got ${describe(v)})`,
  ),
  blockchainId: requiredString((field, v) =>
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (got ${describe(v)})`,
  ),
  orgName: requiredString((field, v) =>
    v.length === 0
      ? `${field} must not be empty`
      : /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(v)
        ? undefined
        : `${field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (got ${describe(v)})`,
  ),
  /** 4-24 characters, lowercase letters and digits, starting with a letter. */
  userName: requiredString((field, v) => {
    if (v.length < 4 || v.length > 24) return `${field} must be 4 to 24 characters long (got ${v.length})`;
    if (!/^[a-z0-9]+$/.test(v))
      return `${field} may contain only lowercase letters a-z and digits 0-9 (got ${describe(v)})`;
    if (!/^[a-z]/.test(v)) return `${field} must start with a lowercase letter (got ${describe(v)})`;
    return undefined;
  }),
} satisfies Record<string, Rule>;

export const inputRules: Record<keyof UserCertificateInputs, Rule> = {
  ...huaweiRules,
  securityMode: commonRules.optionalBoolean,
  frozen: commonRules.optionalBoolean,
  freezeUntracked: commonRules.optionalBoolean,
  renewBefore: commonRules.optionalDuration,
  onDelete: deletePolicyRule("Huawei BCS", "freeze", {
    revoke: "it has no call that revokes a user certificate (freezing is the closest)",
  }),
  mspId: commonRules.optionalMspId,
};

/**
 * Outputs as this version reads them, from a state any earlier version wrote: a field added since is
 * given the value the provider acted on while it was missing, so an older state shows no change.
 */
export function upgradeOutputs(olds: StoredUserCertificate): StoredUserCertificate {
  return {
    ...olds,
    securityMode: olds.securityMode ?? null,
    frozen: olds.frozen ?? false,
    renewBefore: olds.renewBefore ?? null,
    onDelete: olds.onDelete ?? "freeze",
    mspId: olds.mspId ?? null,
    status: olds.status ?? "valid",
  };
}

/** The path parameters of the user certificate calls. */
export const pathOf = (p: Pick<UserCertificateInputs, "blockchainId" | "orgName" | "userName">) => ({
  blockchain_id: p.blockchainId,
  org_name: p.orgName,
  user_name: p.userName,
});

/** `<projectId>/<blockchainId>/<orgName>/<userName>/<serialNumber>`: unique even in non-safe mode. */
export function certificateId(
  o: Pick<UserCertificateOutputs, "projectId" | "blockchainId" | "orgName" | "userName"> & {
    serialNumber: string;
  },
): string {
  return [o.projectId, o.blockchainId, o.orgName, o.userName, o.serialNumber].join("/");
}
