import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ApiError } from "./http/errors";
import { IssuedWithoutAnswerError, type BcsClient } from "./huawei/bcsClient";
import { acceptCertificateArchive, type AcceptedArchive } from "./huawei/certArchive";
import { AmbiguousOutcomeError } from "./http/retry";
import { bcsClient } from "./huawei/connect";
import { certificateInfo } from "./certificateInfo";
import {
  packMsp,
  storedArchive,
  storedSerialNumber,
  type PackedMsp,
  type PreviousShape,
} from "./huawei/stateShape";
import { ConfiguredProvider } from "./configuredProvider";
import { renewalDue, renewalFacts, type RenewalFacts } from "./renewal";
import { deletePolicyRule, type DeletePolicy } from "./deletePolicy";
import { driftReason, statusByClock, type CertificateStatus } from "./drift";
import { forEngine, rules, validate, UNKNOWN } from "./validation";
import { definedOnly, unknownProperties } from "./knownProperties";

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
 * `msp/` folder packed (see provider/huawei/stateShape.ts). Serial number, subject, issuer, notBefore
 * and fingerprint are read from the certificate in the program; notAfter is kept for the diff.
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

const inputRules = {
  projectId: rules.projectId,
  blockchainId: rules.blockchainId,
  orgName: rules.orgName,
  userName: rules.userName,
  securityMode: rules.optionalBoolean,
  frozen: rules.optionalBoolean,
  freezeUntracked: rules.optionalBoolean,
  renewBefore: rules.optionalDuration,
  onDelete: deletePolicyRule("Huawei BCS", "freeze", {
    revoke: "it has no call that revokes a user certificate (freezing is the closest)",
  }),
  mspId: rules.optionalMspId,
};

const pathOf = (p: Pick<UserCertificateInputs, "blockchainId" | "orgName" | "userName">) => ({
  blockchain_id: p.blockchainId,
  org_name: p.orgName,
  user_name: p.userName,
});

/**
 * The dynamic provider of UserCertificate (Huawei Cloud BCS). Configure is called once per provider
 * process with the stack's config; credentials live only in this process's memory.
 */
export class UserCertificateProvider
  extends ConfiguredProvider
  implements dynamic.ResourceProvider<UserCertificateInputs, StoredUserCertificate>
{
  private readonly clients = new Map<string, BcsClient>();

  protected override configured(): void {
    this.clients.clear();
  }

  async check(
    _olds: UserCertificateInputs,
    news: UserCertificateInputs,
  ): Promise<dynamic.CheckResult<UserCertificateInputs>> {
    const raw = (news ?? {}) as unknown as Record<string, unknown>;
    const failures = [...unknownProperties(raw, Object.keys(inputRules)), ...validate(raw, inputRules)];
    const inputs: UserCertificateInputs = definedOnly({
      projectId: news.projectId,
      blockchainId: news.blockchainId,
      orgName: news.orgName,
      userName: news.userName,
    });
    if (typeof news.securityMode === "boolean" || raw.securityMode === UNKNOWN)
      inputs.securityMode = news.securityMode;
    if (typeof news.frozen === "boolean" || raw.frozen === UNKNOWN) inputs.frozen = news.frozen;
    if (typeof news.freezeUntracked === "boolean") inputs.freezeUntracked = news.freezeUntracked;
    if (typeof news.renewBefore === "string") inputs.renewBefore = news.renewBefore;
    if (typeof news.onDelete === "string") inputs.onDelete = news.onDelete;
    if (typeof news.mspId === "string") inputs.mspId = news.mspId;
    return { inputs, failures: forEngine(failures) };
  }

  async diff(
    _id: string,
    olds: StoredUserCertificate,
    news: UserCertificateInputs,
  ): Promise<dynamic.DiffResult> {
    const effective = (v: boolean | null | undefined) => v ?? false;
    const replaces = REPLACE_ON_CHANGE.filter((key) =>
      key === "securityMode"
        ? effective(olds.securityMode) !== effective(news.securityMode)
        : olds[key] !== news[key],
    );
    const frozenChanges = effective(olds.frozen) !== effective(news.frozen);
    // Safe mode allows one active certificate per user name, so a replacement that keeps the name
    // must freeze the old certificate before it asks for the new one.
    const sameName = (["projectId", "blockchainId", "orgName", "userName"] as const).every(
      (k) => olds[k] === news[k],
    );
    const renewal =
      driftReason(olds.status, olds.notAfter, "Huawei BCS") ??
      renewalDue(olds.notAfter, news.renewBefore, this.clock());
    const allReplaces: string[] = [...replaces];
    if (renewal && !olds.frozen) allReplaces.push("notAfter");
    const deleteBeforeReplace =
      allReplaces.length > 0 && sameName && news.securityMode === true && !olds.frozen;
    const policy = olds.onDelete ?? "freeze";
    if (deleteBeforeReplace && policy === "retain") {
      throw new Error(
        `${olds.userName}: replacing this certificate needs the old one frozen first (safe mode allows one ` +
          `active certificate per user name), but onDelete is "retain": set onDelete: "freeze" and run ` +
          "`pulumi up`, or use another userName",
      );
    }
    if (renewal && !olds.frozen) {
      const order = deleteBeforeReplace
        ? "freeze the old one, then issue a new one (safe mode: one certificate per user name)"
        : `issue a new one, then ${policy === "retain" ? "retain" : "freeze"} the old one`;
      console.error(`pulumi-bcs: ${olds.userName}: ${renewal}: replace: ${order}`);
    }
    const stateOnly =
      (olds.renewBefore ?? null) !== (news.renewBefore ?? null) ||
      (olds.mspId ?? null) !== (news.mspId ?? null) ||
      policy !== (news.onDelete ?? "freeze");
    return {
      changes: allReplaces.length > 0 || frozenChanges || stateOnly,
      replaces: allReplaces,
      deleteBeforeReplace,
    };
  }

  async create(inputs: UserCertificateInputs): Promise<dynamic.CreateResult<UserCertificateOutputs>> {
    return this.guard(async () => {
      const client = this.client(inputs.projectId);
      const { zip, certificatePem, msp } = await this.issue(client, inputs);
      const info = certificateInfo(certificatePem);
      const outs: UserCertificateOutputs = {
        projectId: inputs.projectId,
        blockchainId: inputs.blockchainId,
        orgName: inputs.orgName,
        userName: inputs.userName,
        securityMode: inputs.securityMode ?? null,
        frozen: false,
        ...packMsp(msp),
        renewBefore: inputs.renewBefore ?? null,
        onDelete: inputs.onDelete ?? "freeze",
        mspId: inputs.mspId ?? null,
        status: "valid",
        notAfter: info.notAfter,
        expiresInDays: 0,
        readyForRenewal: false,
      };
      Object.assign(outs, renewalFacts(outs.notAfter, outs.renewBefore, this.clock()));
      if (inputs.frozen === true) {
        try {
          await client.freeze(pathOf(inputs), zip);
        } catch (err) {
          // The certificate exists: have the engine record it (as not yet frozen), so nothing is untracked
          // and the next `pulumi up` freezes it.
          throw Object.assign(new Error(`issued, but freezing failed: ${(err as Error).message}`), {
            id: certificateId({ ...outs, serialNumber: info.serialNumber }),
            properties: outs,
            reasons: [(err as Error).message],
          });
        }
        outs.frozen = true;
      }
      return { id: certificateId({ ...outs, serialNumber: info.serialNumber }), outs };
    });
  }

  async update(
    _id: string,
    olds: StoredUserCertificate,
    news: UserCertificateInputs,
  ): Promise<dynamic.UpdateResult<StoredUserCertificate>> {
    return this.guard(async () => {
      const frozen = news.frozen ?? false;
      if (frozen !== olds.frozen) {
        const client = this.client(olds.projectId);
        const { zip } = storedArchive(olds);
        await (frozen ? client.freeze(pathOf(olds), zip) : client.unfreeze(pathOf(olds), zip));
      }
      const renewBefore = news.renewBefore ?? null;
      const facts = renewalFacts(olds.notAfter, renewBefore, this.clock());
      return {
        outs: {
          ...olds,
          securityMode: news.securityMode ?? null,
          frozen,
          renewBefore,
          onDelete: news.onDelete ?? "freeze",
          mspId: news.mspId ?? null,
          ...facts,
        },
      };
    });
  }

  /**
   * Huawei BCS has no call that reads a user certificate or its frozen state, so refresh can only
   * consult the clock: an expired certificate shows as drift. A freeze made outside Pulumi is not seen.
   */
  async read(id: string, props?: StoredUserCertificate): Promise<dynamic.ReadResult<StoredUserCertificate>> {
    if (!props) throw new Error("UserCertificate cannot be imported: Huawei BCS has no call that reads one");
    return { id, props: { ...props, status: statusByClock(props.status, props.notAfter, this.clock()) } };
  }

  /**
   * Huawei has no delete for user certificates; freezing (onDelete "freeze", the default) is the
   * closest to revoking. A failure is never swallowed: a destroy that reports success must have frozen
   * the certificate.
   */
  async delete(_id: string, props: StoredUserCertificate): Promise<void> {
    if (props.frozen) return;
    if (props.onDelete === "retain") {
      console.error(
        `pulumi-bcs: ${props.userName}: onDelete "retain": certificate ${storedSerialNumber(props)} left active`,
      );
      return;
    }
    await this.guard(() => this.client(props.projectId).freeze(pathOf(props), storedArchive(props).zip));
  }

  /**
   * POST the certificate and check its archive. The POST is not idempotent, so an answer that is lost
   * or unusable is handled here, where it is known what the certificate would be (see RELIABILITY
   * in the README).
   */
  private async issue(client: BcsClient, inputs: UserCertificateInputs): Promise<AcceptedArchive> {
    const body = inputs.securityMode === undefined ? {} : { security_mode: inputs.securityMode };
    const who = `${inputs.userName} in ${inputs.orgName} of ${inputs.blockchainId}`;
    const safe = inputs.securityMode === true;
    for (let attempt = 1; ; attempt++) {
      let zip: Buffer;
      try {
        zip = await client.createUserCert(pathOf(inputs), body);
      } catch (err) {
        if (err instanceof IssuedWithoutAnswerError && attempt === 1) {
          // Issued moments ago by this very request, but unusable without its key: freeze, issue again.
          await client.freeze(pathOf(inputs));
          console.error(
            `pulumi-bcs: the answer for ${who} was lost after BCS issued it; froze that certificate and issuing another`,
          );
          continue;
        }
        if (
          err instanceof ApiError &&
          err.code === "BCS.4006020" &&
          inputs.freezeUntracked &&
          attempt === 1
        ) {
          await client.freeze(pathOf(inputs)); // no file: the active hosted certificate of this name
          console.error(`pulumi-bcs: froze the untracked safe-mode certificate of ${who} (freezeUntracked)`);
          continue;
        }
        if (err instanceof ApiError && err.code === "BCS.4006020") {
          throw new Error(
            `${err.message}. If no other stack or person owns it, it is most likely a certificate whose answer ` +
              "was lost in an earlier, interrupted run: set freezeUntracked: true on this resource to freeze it and issue a new one",
          );
        }
        if (err instanceof AmbiguousOutcomeError) {
          throw new Error(
            `Huawei BCS may have issued a certificate for ${who}, but its answer was lost (${err.message}); nothing was ` +
              "recorded in the state. " +
              (safe
                ? "Run `pulumi up` again: if BCS then reports that the name already holds a certificate, set freezeUntracked: true to freeze the lost one and issue a new one."
                : "In non-safe mode the lost certificate cannot be identified through the API: if it was issued it stays active; freeze it in the Huawei Cloud console, then run `pulumi up` again."),
          );
        }
        throw err;
      }
      try {
        return acceptCertificateArchive(zip, inputs.userName);
      } catch (err) {
        // Issued but unusable. In safe mode it is the name's one hosted certificate, which would block
        // the name: freeze it, and the first time ask for another.
        if (safe) await client.freeze(pathOf(inputs));
        if (!safe || attempt > 1) {
          throw new Error(
            `${(err as Error).message}. A certificate for ${who} was issued but cannot be used` +
              (safe
                ? " and was frozen."
                : "; in non-safe mode it cannot be identified through the API: freeze it in the Huawei Cloud console."),
          );
        }
        console.error(
          `pulumi-bcs: the archive for ${who} was unusable; froze that certificate and issuing another`,
        );
      }
    }
  }

  /** One client per project for the life of the process, so its IAM token is fetched once and reused. */
  private client(projectId: string): BcsClient {
    let client = this.clients.get(projectId);
    if (!client) {
      client = bcsClient(this.settings, projectId, this.clock);
      this.clients.set(projectId, client);
    }
    return client;
  }
}

/** `<projectId>/<blockchainId>/<orgName>/<userName>/<serialNumber>`: unique even in non-safe mode. */
export function certificateId(
  o: Pick<UserCertificateOutputs, "projectId" | "blockchainId" | "orgName" | "userName"> & {
    serialNumber: string;
  },
): string {
  return [o.projectId, o.blockchainId, o.orgName, o.userName, o.serialNumber].join("/");
}
