import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

/**
 * The program the end-to-end tests drive: which certificates and lookups exist comes from stack
 * config, so one compiled program serves every scenario.
 */
const config = new pulumi.Config();
/** `secretInputs` maps inputs to secret config keys of this project, read with `requireSecret`. */
type TestOptions = { retain?: boolean; secretInputs?: Record<string, string>; importId?: string };
const certificates =
  config.getObject<Record<string, bcs.UserCertificateArgs & TestOptions>>("certificates") ?? {};
const fabricCertificates =
  config.getObject<Record<string, bcs.FabricCaUserCertificateArgs & TestOptions>>("fabricCertificates") ?? {};
const lookups = config.getObject<Record<string, bcs.GetCaIdentitiesArgs>>("lookups") ?? {};

const outputs: Record<string, pulumi.Output<unknown>> = {};
for (const [name, { retain, secretInputs, importId, ...plain }] of Object.entries(certificates)) {
  const args: bcs.UserCertificateArgs & Record<string, unknown> = { ...plain };
  for (const [input, key] of Object.entries(secretInputs ?? {})) args[input] = config.requireSecret(key);
  const cert = new bcs.UserCertificate(name, args, { retainOnDelete: retain, import: importId });
  outputs[name] = pulumi.output({
    id: cert.id,
    userName: cert.userName,
    orgName: cert.orgName,
    securityMode: cert.securityMode,
    frozen: cert.frozen,
    certificatePem: cert.certificatePem,
    privateKeyPem: cert.privateKeyPem,
    caCertificatePem: cert.caCertificatePem,
    archive: cert.archive,
    serialNumber: cert.serialNumber,
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprintSha256: cert.fingerprintSha256,
    expiresInDays: cert.expiresInDays,
    readyForRenewal: cert.readyForRenewal,
    onDelete: cert.onDelete,
    status: cert.status,
    msp: cert.msp,
    gatewayIdentity: cert.gatewayIdentity,
  });
}
for (const [name, { importId, ...args }] of Object.entries(fabricCertificates)) {
  const cert = new bcs.FabricCaUserCertificate(name, args, { import: importId });
  outputs[name] = pulumi.output({
    id: cert.id,
    userName: cert.userName,
    identityType: cert.identityType,
    certificatePem: cert.certificatePem,
    privateKeyPem: cert.privateKeyPem,
    hasPrivateKey: cert.hasPrivateKey,
    caCertificatePem: cert.caCertificatePem,
    msp: cert.msp,
    serialNumber: cert.serialNumber,
    subject: cert.subject,
    notAfter: cert.notAfter,
    expiresInDays: cert.expiresInDays,
    readyForRenewal: cert.readyForRenewal,
    onDelete: cert.onDelete,
    status: cert.status,
    crlPem: cert.crlPem,
    gatewayIdentity: cert.gatewayIdentity,
    enrollmentProfile: cert.enrollmentProfile,
    hosts: cert.hosts,
    tls: cert.tls,
    caNotAfter: cert.caNotAfter,
    caExpiresInDays: cert.caExpiresInDays,
  });
}
for (const [name, args] of Object.entries(lookups)) {
  outputs[name] = bcs.getCaIdentitiesOutput(args);
}

export const results = outputs;
/** What ran the program: the compat tests check that each leg runs on its own Node.js and SDK. */
export const runtime = {
  node: process.version,
  pulumi: require("@pulumi/pulumi/package.json").version as string,
};
