import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

// examples/yaml through the dynamic resources: the same config keys, logical names and outputs
// (tests/e2e/faces drives both with one scenario table).
const config = new pulumi.Config();
// Both certificates' MSP ID, secret when the stack sets it so.
const mspId = config.getSecret("mspId") ?? "org1MSP";

const appUser = new bcs.UserCertificate("appUser", {
  projectId: config.require("projectId"),
  blockchainId: config.require("blockchainId"),
  orgName: "org1",
  userName: config.require("userName"),
  securityMode: true,
  mspId,
  renewBefore: "30d",
});

const fabricUser = new bcs.FabricCaUserCertificate("fabricUser", {
  caUrl: config.require("caUrl"),
  enrollmentId: config.require("enrollmentId"),
  mspId,
  renewBefore: "30d",
});

const clients = bcs.getCaIdentitiesOutput({
  networkId: config.requireNumber("networkId"),
  caId: "25728700",
  identityType: "CLIENT",
});

export const subject = appUser.subject;
export const key = appUser.privateKeyPem;
export const fabricSubject = fabricUser.subject;
export const fabricKey = fabricUser.privateKeyPem;
export const clientsByType = clients.summary.countByType;
