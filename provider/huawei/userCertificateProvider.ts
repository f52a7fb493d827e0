import type * as dynamic from "@pulumi/pulumi/dynamic";
import { HUAWEI_IMPORT_REFUSAL } from "./importRefusal";
import type { BcsClient } from "./bcsClient";
import { bcsClient } from "./connect";
import { issueCertificate } from "./issue";
import { freezeCertificate } from "./recovery";
import {
  certificateId,
  inputRules,
  pathOf,
  REPLACE_ON_CHANGE,
  upgradeOutputs,
  type StoredUserCertificate,
  type UserCertificateInputs,
  type UserCertificateOutputs,
} from "./inputs";
import { packArchive, storedArchive, storedSerialNumber } from "./stateShape";
import { caExpiryWarning } from "../common/caExpiry";
import { certificateInfo } from "../common/certificateInfo";
import { ConfiguredProvider } from "../configuredProvider";
import { driftReason, statusByClock } from "../common/drift";
import { unknownProperties } from "../common/knownProperties";
import { notice } from "../common/notice";
import { initFailed } from "../common/partialCreate";
import { renewalDue, renewalFacts } from "../common/renewal";
import { bcsRegionProblem } from "./settings";
import { forEngine, validate } from "../common/validation";
import { knownInputs } from "../common/model";
import { userCertificateModel } from "./model";

export { certificateId, REPLACE_ON_CHANGE };
export type { StoredUserCertificate, UserCertificateInputs, UserCertificateOutputs };

/** FabricCaUserCertificate's CSR-mode input, refused here with the reason rather than as a typo. */
const CSR_INPUT = "certificateSigningRequestPem";

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
    // The region is a setting, but only a UserCertificate needs BCS in it: refused here, at preview.
    const regionProblem = bcsRegionProblem(this.settings);
    if (regionProblem) throw new Error(regionProblem);
    const raw = (news ?? {}) as unknown as Record<string, unknown>;
    const failures = [
      ...unknownProperties(raw, [...Object.keys(inputRules), CSR_INPUT]),
      ...validate(raw, inputRules),
      ...(raw[CSR_INPUT] === undefined
        ? []
        : [
            {
              property: CSR_INPUT,
              reason:
                `${CSR_INPUT} is not possible on UserCertificate: Huawei Cloud BCS makes the key and the certificate ` +
                "itself (its certificate download returns both), so it cannot sign a request. " +
                "CSR mode is FabricCaUserCertificate's",
            },
          ]),
    ];
    const inputs = knownInputs<UserCertificateInputs>(userCertificateModel, raw);
    return { inputs, failures: forEngine(failures) };
  }

  async diff(
    _id: string,
    stored: StoredUserCertificate,
    news: UserCertificateInputs,
  ): Promise<dynamic.DiffResult> {
    const olds = upgradeOutputs(stored);
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
    const policy = olds.onDelete;
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
      notice(`${olds.userName}: ${renewal}: replace: ${order}`);
    }
    const caWarning = caExpiryWarning(
      olds.userName,
      storedChain(olds),
      { notAfter: olds.notAfter, renewBefore: news.renewBefore },
      this.clock(),
    );
    if (caWarning) notice(caWarning);
    const stateOnly =
      olds.renewBefore !== (news.renewBefore ?? null) ||
      olds.mspId !== (news.mspId ?? null) ||
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
      const { certificatePem, zip } = await issueCertificate(client, inputs);
      const { serialNumber, notAfter } = certificateInfo(certificatePem);
      const outs: UserCertificateOutputs = {
        projectId: inputs.projectId,
        blockchainId: inputs.blockchainId,
        orgName: inputs.orgName,
        userName: inputs.userName,
        securityMode: inputs.securityMode ?? null,
        frozen: false,
        ...packArchive(zip),
        renewBefore: inputs.renewBefore ?? null,
        onDelete: inputs.onDelete ?? "freeze",
        mspId: inputs.mspId ?? null,
        status: "valid",
        notAfter,
        expiresInDays: 0,
        readyForRenewal: false,
      };
      Object.assign(outs, renewalFacts(outs.notAfter, outs.renewBefore, this.clock()));
      if (inputs.frozen === true) {
        try {
          await client.freeze(pathOf(inputs), zip, serialNumber);
        } catch (err) {
          // The certificate exists: have the engine record it (as not yet frozen), so nothing is untracked
          // and the next `pulumi up` freezes it.
          const reason = (err as Error).message;
          throw initFailed(
            certificateId({ ...outs, serialNumber }),
            outs,
            reason,
            `issued, but freezing failed: ${reason}`,
          );
        }
        outs.frozen = true;
      }
      return { id: certificateId({ ...outs, serialNumber }), outs };
    });
  }

  async update(
    _id: string,
    stored: StoredUserCertificate,
    news: UserCertificateInputs,
  ): Promise<dynamic.UpdateResult<StoredUserCertificate>> {
    return this.guard(async () => {
      const olds = upgradeOutputs(stored);
      const frozen = news.frozen ?? false;
      if (frozen !== olds.frozen) {
        const client = this.client(olds.projectId);
        const stored = { ...storedArchive(olds), securityMode: olds.securityMode };
        await (frozen
          ? freezeCertificate(client, pathOf(olds), stored, storedSerialNumber(olds))
          : client.unfreeze(pathOf(olds), stored.zip));
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
  async read(id: string, stored?: StoredUserCertificate): Promise<dynamic.ReadResult<StoredUserCertificate>> {
    // `pulumi import` has no state: at most the program's inputs (the dynamic face), never a certificate.
    if (!stored || !hasStoredCertificate(stored)) throw new Error(HUAWEI_IMPORT_REFUSAL);
    const props = upgradeOutputs(stored);
    return { id, props: { ...props, status: statusByClock(props.status, props.notAfter, this.clock()) } };
  }

  /**
   * Huawei has no delete for user certificates; freezing (onDelete "freeze", the default) is the
   * closest to revoking. A failure is never swallowed: a destroy that reports success must have frozen
   * the certificate.
   */
  async delete(_id: string, stored: StoredUserCertificate): Promise<void> {
    const props = upgradeOutputs(stored);
    if (props.frozen) return;
    if (props.onDelete === "retain") {
      notice(`${props.userName}: onDelete "retain": certificate ${storedSerialNumber(props)} left active`);
      return;
    }
    await this.guard(() =>
      freezeCertificate(
        this.client(props.projectId),
        pathOf(props),
        { ...storedArchive(props), securityMode: props.securityMode },
        storedSerialNumber(props),
      ),
    );
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

/** Whether stored outputs hold a certificate (the packed folder, or an older state's zip). */
function hasStoredCertificate(stored: object): boolean {
  const s = stored as Record<string, unknown>;
  return typeof s.mspPublic === "string" || typeof s.archive === "string";
}

/**
 * The stored CA chain for the expiry warning, or undefined: a warning never fails a diff, and a stored
 * folder that cannot be read fails the operation that needs it, with its own error.
 */
function storedChain(olds: StoredUserCertificate): string | undefined {
  try {
    return storedArchive(olds).caCertificatePem;
  } catch {
    return undefined;
  }
}
