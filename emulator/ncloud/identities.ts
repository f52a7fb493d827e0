import type { CaIdentityListBody } from "../../provider/ncloud/api";
import { ncloudCaNotFound, ncloudRefusal } from "../errors";
import { jsonReply, type HandlerContext, type Reply } from "../http";

/** GET {prefix}/networks/{networkId}/cas/{caId}/identity: the same identities under every region prefix. */
export async function listCaIdentities(ctx: HandlerContext): Promise<Reply> {
  const { networkId, caId } = ctx.params;
  if (!/^\d+$/.test(networkId)) throw ncloudRefusal("badRequest", "networkId must be a number");
  const network = ctx.store.state.fixture.ncloud.networks.find((n) => n.networkId === Number(networkId));
  const ca = network?.cas.find((c) => c.caId === caId);
  if (!ca) throw ncloudCaNotFound(networkId, caId);
  const { created, updated } = ctx.variants.ncloudDateFields;
  const lower = ctx.variants.ncloudTypeCase === "lower";
  const content = ca.identities.map(({ createDate, updateDate, identityType, ...rest }) => ({
    ...rest,
    identityType: lower ? identityType.toLowerCase() : identityType,
    [created]: createDate,
    [updated]: updateDate,
  }));
  const body = { content } as CaIdentityListBody;
  return jsonReply(200, body);
}
