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
    throw new Error(
      `${identities.length} identities of CA ${caId} in network ${networkId} expire within ${window}: ${list}`,
    );
  }
  return { window, soonestExpiry: summary.soonestExpiry };
});
