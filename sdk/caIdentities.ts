import * as pulumi from "@pulumi/pulumi";
import {
  lookupCaIdentities,
  type CaIdentitiesSummary,
  type CaIdentity,
  type FabricCaQuery,
  type CaIdentityType as IdentityType,
  type NcloudCaQuery,
  ApiError,
  TransportError,
  ValidationError,
} from "../provider";

export type { CaIdentitiesSummary, CaIdentity, IdentityType };

/**
 * Arguments of {@link getCaIdentities}: a NAVER Cloud CA (`networkId` + `caId`) or a self-hosted
 * Fabric CA (`fabricCa`), never both — mixing them is a compile error.
 */
export type GetCaIdentitiesArgs = NcloudCaQuery | FabricCaQuery;

/** Arguments of {@link getCaIdentitiesOutput}: as {@link GetCaIdentitiesArgs}, each field may be an Output. */
export type GetCaIdentitiesOutputArgs =
  | {
      /** NAVER Cloud blockchain network id. */
      networkId: pulumi.Input<number>;
      /** CA id within the network. */
      caId: pulumi.Input<string>;
      /** Only identities of this type. */
      identityType?: pulumi.Input<IdentityType>;
      /** Only identities whose name matches this regular expression. */
      nameRegex?: pulumi.Input<string>;
      /** Only identities expiring within this duration (`30d`, `720h`), the expired included. */
      expiresWithin?: pulumi.Input<string>;
      fabricCa?: never;
    }
  | {
      /** A self-hosted Fabric CA; the registrar comes from the `bcs:fabricCa*` settings. */
      fabricCa: pulumi.Input<{ url: pulumi.Input<string>; caName?: pulumi.Input<string> }>;
      /** Only identities of this type. */
      identityType?: pulumi.Input<IdentityType>;
      /** Only identities whose name matches this regular expression. */
      nameRegex?: pulumi.Input<string>;
      /** Only identities expiring within this duration (`30d`, `720h`), the expired included. */
      expiresWithin?: pulumi.Input<string>;
      networkId?: never;
      caId?: never;
    };

/** Result of the identities lookup. */
export interface GetCaIdentitiesResult {
  /** The identities, in the order the CA lists them; dates are ISO 8601 (UTC). */
  identities: CaIdentity[];
  /** Count by type, the soonest expiry and the already expired, over the identities returned. */
  summary: CaIdentitiesSummary;
  /**
   * One line per odd item of the CA's answer (NAVER): left out (no name), or kept with an unreadable
   * field as null. Each lookup that has any also warns once (`pulumi up` shows it).
   */
  anomalies: string[];
}

function readConfig(key: string): string | undefined {
  return pulumi.runtime.getConfig(key);
}

/**
 * Lists the identities a CA manages: NAVER Cloud Blockchain Service (`GET …/cas/{caId}/identity`) or
 * a Fabric CA (`GET /api/v1/identities`). It runs in the program on every preview and update and
 * stores nothing in state.
 */
export async function getCaIdentities(args: GetCaIdentitiesArgs): Promise<GetCaIdentitiesResult> {
  try {
    const result = await lookupCaIdentities(args, readConfig);
    if (result.anomalies.length > 0) void pulumi.log.warn(anomalyWarning(result.anomalies));
    return result;
  } catch (err) {
    throw lookupFailure(err);
  }
}

/**
 * A lookup that failed for a reason the message says in full (bad input, the API's answer, the
 * network) becomes a RunError without a stack: the Node SDK prints its message alone (`error: …`).
 * An error with a stack goes through the SDK's unhandled-exception report instead, which formats it
 * with `util.inspect(err, { colors: true })`, and that loops for minutes and gigabytes on Node 20/22
 * (nodejs/node#64011; docs/decisions/0013-failing-preview-cost.md). Anything else, a bug, keeps its stack.
 */
function lookupFailure(err: unknown): unknown {
  if (!(err instanceof ValidationError || err instanceof ApiError || err instanceof TransportError))
    return err;
  const failure = new pulumi.RunError(
    err instanceof ValidationError ? err.message : `getCaIdentities: ${err.message}`,
  );
  failure.stack = undefined;
  return failure;
}

const ANOMALIES_SHOWN = 10;

/** One warning for a lookup's odd items, the first few named; the rest are in the result's `anomalies`. */
export function anomalyWarning(anomalies: string[]): string {
  const more = anomalies.length - ANOMALIES_SHOWN;
  return (
    `getCaIdentities: ${anomalies.length} item(s) of the CA's answer were odd (see the result's anomalies): ` +
    anomalies.slice(0, ANOMALIES_SHOWN).join("; ") +
    (more > 0 ? `; and ${more} more` : "")
  );
}

/** Options of {@link getCaIdentitiesOutput}. */
export interface GetCaIdentitiesOutputOptions {
  /**
   * Look up only after these resources are created or updated, e.g. to see identities that the same
   * program registers. During a preview of their creation the result is then unknown.
   */
  dependsOn?: pulumi.CustomResource[];
}

/** {@link getCaIdentities} for inputs that are Outputs; the result is an Output. */
export function getCaIdentitiesOutput(
  args: GetCaIdentitiesOutputArgs,
  opts: GetCaIdentitiesOutputOptions = {},
): pulumi.Output<GetCaIdentitiesResult> {
  const ready = pulumi.all((opts.dependsOn ?? []).map((r) => r.id));
  return pulumi.all([pulumi.output(args), ready]).apply(([a]) => getCaIdentities(a as GetCaIdentitiesArgs));
}
