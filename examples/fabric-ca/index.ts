import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

// Identities of org1 on a self-hosted Fabric CA. The registrar comes from the stack's `bcs:` config
// (bcs:fabricCaRegistrarId / bcs:fabricCaRegistrarSecret) and is sent only to the CA that
// bcs:fabricCaUrl names; `npm run demo:fabric-ca` sets all three.
const config = new pulumi.Config();
const caUrl = config.require("caUrl");

const peerAdmin = new bcs.FabricCaUserCertificate("org1-admin", {
  caUrl,
  enrollmentId: "org1admin",
  identityType: "admin",
  affiliation: "org1",
});

const app = new bcs.FabricCaUserCertificate("org1-app", {
  caUrl,
  enrollmentId: "org1app",
  identityType: "client",
  affiliation: "org1.department1",
  attributes: { "app.role": "reader" },
  maxEnrollments: 10,
  revocationReason: "cessationofoperation",
});

// After the two certificates exist, so that the list includes them.
const identities = bcs.getCaIdentitiesOutput({ fabricCa: { url: caUrl } }, { dependsOn: [peerAdmin, app] });

export const certificates = [peerAdmin, app].map((cert) => ({
  userName: cert.userName,
  identityType: cert.identityType,
  subject: cert.subject,
  notAfter: cert.notAfter,
  serialNumber: cert.serialNumber,
}));
/** The MSP folder of the app identity, e.g. to write to disk or into a Kubernetes secret (secret). */
export const appMsp = app.msp;
export const identityTable = identities.identities;
