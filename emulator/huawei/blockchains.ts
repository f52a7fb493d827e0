import { jsonReply, type HandlerContext, type Reply } from "../http";

/** GET /v2/{project_id}/blockchains: the project's blockchains (id and name only; read by `pulumi-bcs check`). */
export async function listBlockchains(ctx: HandlerContext): Promise<Reply> {
  const blockchains = ctx.store.state.fixture.huawei.blockchains
    .filter((b) => b.projectId === ctx.params.project_id)
    .map((b) => ({ id: b.id, name: b.id }));
  return jsonReply(200, { total: blockchains.length, blockchains });
}
