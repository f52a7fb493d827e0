import { notice } from "../common/notice";
import { ApiError } from "../http/errors";
import { AmbiguousOutcomeError } from "../http/retry";
import { IssuedWithoutAnswerError, type BcsClient } from "./bcsClient";
import { acceptCertificateArchive, ArchiveError, type CertificateArchive } from "./certArchive";
import { afterFreezeSettles } from "./freezeSettle";
import { pathOf, type UserCertificateInputs } from "./inputs";
import { assumedRefusal, freezeHeldName, mayMeanIssued, nothingToFreeze } from "./recovery";

/**
 * POST the certificate and check its archive. The POST is not idempotent, so an answer that is lost
 * or unusable is handled here, where it is known what the certificate would be (see
 * docs/reliability-and-security.md). In safe mode a POST that follows a freeze of the same name waits
 * for the freeze to take effect (./freezeSettle.ts). Returns the checked archive and the zip as it came.
 */
export async function issueCertificate(
  client: BcsClient,
  inputs: UserCertificateInputs,
): Promise<CertificateArchive & { zip: Buffer }> {
  const body = inputs.securityMode === undefined ? {} : { security_mode: inputs.securityMode };
  const who = `${inputs.userName} in ${inputs.orgName} of ${inputs.blockchainId}`;
  const safe = inputs.securityMode === true;
  const path = pathOf(inputs);
  const post = () => client.createUserCert(path, body);
  const settle = { settleMs: client.freezeSettleMs, freezes: client.freezes };
  for (let attempt = 1; ; attempt++) {
    let zip: Buffer;
    try {
      zip = safe ? await afterFreezeSettles(path, post, settle) : await post();
    } catch (err) {
      if (err instanceof IssuedWithoutAnswerError && attempt === 1) {
        // Most likely issued moments ago by this very request, but unusable without its key: freeze
        // it, issue again. When nothing of that name can be frozen, the refusal was meant as it reads.
        const refused = await freezeHeldName(client, pathOf(inputs));
        if (refused) throw new Error(`${err.refusal.message}${nothingToFreeze(refused)}`);
        notice(
          `the answer for ${who} was lost after BCS issued it; froze that certificate and issuing another`,
        );
        continue;
      }
      if (err instanceof ApiError && safe && mayMeanIssued(err) && inputs.freezeUntracked && attempt === 1) {
        // Whatever code BCS refused with: an active certificate of this name that can be frozen is one
        // that blocks it. freezeUntracked asks for exactly that.
        const refused = await freezeHeldName(client, pathOf(inputs));
        if (refused) throw new Error(`${err.message}${nothingToFreeze(refused)}`);
        notice(`froze the untracked safe-mode certificate of ${who} (freezeUntracked)`);
        continue;
      }
      const assumed =
        err instanceof ApiError ? assumedRefusal(err.status, err.code, err.apiMessage) : undefined;
      if (
        err instanceof ApiError &&
        safe &&
        mayMeanIssued(err) &&
        !inputs.freezeUntracked &&
        assumed !== "quota"
      ) {
        const reading =
          assumed === "nameTaken"
            ? ""
            : "If this refusal means that the user name already holds a certificate: ";
        throw new Error(
          `${err.message}. ${reading}If no other stack or person owns it, it is most likely a certificate whose answer ` +
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
      return { ...acceptCertificateArchive(zip, inputs.userName), zip };
    } catch (err) {
      // Issued but unusable. In safe mode it is the name's one hosted certificate, which would block
      // the name: freeze it. Only an archive spoiled on its own (not a layout or algorithm that every
      // certificate of this blockchain would have) is worth a second certificate, and only once.
      if (safe) await client.freeze(pathOf(inputs));
      const spoiled = err instanceof ArchiveError && err.spoiled;
      if (!safe || attempt > 1 || !spoiled) {
        throw new Error(
          `${(err as Error).message}. A certificate for ${who} was issued but cannot be used` +
            (safe
              ? ` and was frozen${spoiled ? "" : "; no other was issued, since every certificate of this blockchain would be refused the same way"}.`
              : "; in non-safe mode it cannot be identified through the API: freeze it in the Huawei Cloud console."),
        );
      }
      notice(`the archive for ${who} was unusable; froze that certificate and issuing another`);
    }
  }
}
