import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

// The defaults name what the bundled emulator's fixture holds; point them at your own cloud with
// `pulumi config set projectId …` and the `bcs:` settings of docs/reference.md.
const config = new pulumi.Config();
const projectId = config.get("projectId") ?? "0123456789abcdef0123456789abcdef";
const blockchainId = config.get("blockchainId") ?? "bcs-demo-0001";

const appUser = new bcs.UserCertificate("app-user", {
  projectId,
  blockchainId,
  orgName: "org1",
  userName: config.get("appUserName") ?? "appuser01",
  securityMode: true,
  // A plain `pulumi preview` says when this is due: "expires in N days, renewBefore 30d: replace: …".
  renewBefore: "30d",
});

const auditor = new bcs.UserCertificate("auditor", {
  projectId,
  blockchainId,
  orgName: "org2",
  userName: "auditor01",
  securityMode: false,
  frozen: config.getBoolean("freezeAuditor") ?? false,
});

const identities = bcs.getCaIdentitiesOutput({
  networkId: config.getNumber("networkId") ?? 1630,
  caId: config.get("caId") ?? "25728700",
});

export const certificates = [appUser, auditor].map((cert) => ({
  userName: cert.userName,
  subject: cert.subject,
  issuer: cert.issuer,
  notAfter: cert.notAfter,
  expiresInDays: cert.expiresInDays,
  serialNumber: cert.serialNumber,
  frozen: cert.frozen,
}));
export const appUserCertificatePem = appUser.certificatePem;
export const appUserPrivateKeyPem = appUser.privateKeyPem;
export const identityTable = identities.identities;
