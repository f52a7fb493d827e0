import * as pulumi from "@pulumi/pulumi";
import { lookupCaIdentities } from "../provider/caIdentities";
import type { CaIdentity, IdentityType } from "../provider";

export type { CaIdentity, IdentityType };

/** Arguments of {@link getCaIdentities}. */
export interface GetCaIdentitiesArgs {
  /** NAVER Cloud blockchain network id. */
  networkId: number;
  /** CA id within the network. */
  caId: string;
  /** Only identities of this type. */
  identityType?: IdentityType;
}

/** Arguments of {@link getCaIdentitiesOutput}. */
export interface GetCaIdentitiesOutputArgs {
  /** NAVER Cloud blockchain network id. */
  networkId: pulumi.Input<number>;
  /** CA id within the network. */
  caId: pulumi.Input<string>;
  /** Only identities of this type. */
  identityType?: pulumi.Input<IdentityType>;
}

/** Result of the identities lookup. */
export interface GetCaIdentitiesResult {
  /** The identities, in the order the API lists them; dates are ISO 8601 (UTC). */
  identities: CaIdentity[];
}

function readConfig(key: string): string | undefined {
  return pulumi.runtime.getConfig(key);
}

/**
 * Lists the identities a NAVER Cloud Blockchain Service CA manages (`GET …/cas/{caId}/identity`).
 * It runs in the program on every preview and update and stores nothing in state.
 */
export async function getCaIdentities(args: GetCaIdentitiesArgs): Promise<GetCaIdentitiesResult> {
  return { identities: await lookupCaIdentities(args, readConfig) };
}

/** {@link getCaIdentities} for inputs that are Outputs; the result is an Output. */
export function getCaIdentitiesOutput(args: GetCaIdentitiesOutputArgs): pulumi.Output<GetCaIdentitiesResult> {
  return pulumi.output(args).apply((a) => getCaIdentities(a as GetCaIdentitiesArgs));
}
