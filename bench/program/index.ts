import * as pulumi from "@pulumi/pulumi";
import * as bcs from "pulumi-bcs";

/**
 * The "ours" series of the benchmark: `count` UserCertificates in non-safe mode (safe mode allows at
 * most 100 per organization), spread over the fixture's two peer organizations. Nothing is exported,
 * so the state holds only the resources.
 */
const config = new pulumi.Config();
const count = config.requireNumber("count");
const projectId = config.require("projectId");
const blockchainId = config.require("blockchainId");

for (let i = 0; i < count; i++) {
  new bcs.UserCertificate(`cert-${i}`, {
    projectId,
    blockchainId,
    orgName: i % 2 === 0 ? "org1" : "org2",
    userName: benchUserName(i),
  });
}

function benchUserName(i: number): string {
  return `bench${String(i).padStart(4, "0")}`;
}
