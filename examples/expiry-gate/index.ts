import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

/**
 * A CI gate: `pulumi preview` fails when an identity of the CA expires within `window` (default 30
 * days), expired ones included, naming each identity and its days left. Narrow it with `nameRegex`.
 */
const config = new pulumi.Config();
const window = config.get("window") ?? "30d";
const networkId = config.getNumber("networkId") ?? 1630;
const caId = config.get("caId") ?? "25728700";

const expiring = bcs.getCaIdentitiesOutput({
  networkId,
  caId,
  expiresWithin: window,
  nameRegex: config.get("nameRegex"),
});

export const checked = expiring.apply(({ identities, summary }) => {
  if (identities.length > 0) {
    const list = identities
      .map((i) => `${i.identityName} (${i.identityType}, ${i.daysLeft} days)`)
      .join(", ");
    throw gateFailure(
      `${identities.length} identities of CA ${caId} in network ${networkId} expire within ${window}: ${list}`,
    );
  }
  return { window, soonestExpiry: summary.soonestExpiry };
});

/**
 * The error that fails the preview: a RunError, which the Node SDK reports as its message alone
 * (`error: …`), and without a stack, because the SDK formats any error that has one with
 * `util.inspect(err, { colors: true })`, which on Node 20 and 22 loops until it runs out of string
 * length on the SDK's own source-mapped stack frames (nodejs/node#64011): minutes and 3.5 GB per
 * failing preview. See docs/decisions/0013-failing-preview-cost.md.
 */
function gateFailure(message: string): pulumi.RunError {
  const failure = new pulumi.RunError(message);
  failure.stack = undefined;
  return failure;
}
