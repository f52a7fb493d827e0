/**
 * Compile-time checks, enforced by `tsc` in `npm test`: each `@ts-expect-error` line must be a type
 * error, or the build fails with "Unused '@ts-expect-error' directive". Never executed.
 */
import * as bcs from "pulumi-bcs";

export function wrongCombinations(): void {
  new bcs.FabricCaUserCertificate("x", {
    caUrl: "https://ca.example.com:7054",
    enrollmentId: "user1",
    // @ts-expect-error Fabric CA cannot suspend a certificate: there is no `frozen`.
    frozen: true,
  });
  new bcs.FabricCaUserCertificate("x", {
    caUrl: "https://ca.example.com:7054",
    enrollmentId: "user1",
    // @ts-expect-error Fabric's identity types only.
    identityType: "ADMIN",
  });
  new bcs.UserCertificate("x", {
    projectId: "p",
    blockchainId: "b",
    orgName: "o",
    userName: "u",
    // @ts-expect-error Huawei certificates have no Fabric CA URL.
    caUrl: "https://ca.example.com:7054",
  });
  new bcs.UserCertificate("x", {
    projectId: "p",
    blockchainId: "b",
    orgName: "o",
    userName: "u",
    // @ts-expect-error Huawei BCS cannot revoke: onDelete is freeze or retain.
    onDelete: "revoke",
  });
  new bcs.UserCertificate("x", {
    projectId: "p",
    blockchainId: "b",
    orgName: "o",
    userName: "u",
    // @ts-expect-error Huawei BCS makes the key itself: no CSR mode.
    certificateSigningRequestPem: "-----BEGIN CERTIFICATE REQUEST-----",
  });
  new bcs.FabricCaUserCertificate("x", {
    caUrl: "https://ca.example.com:7054",
    enrollmentId: "user1",
    // @ts-expect-error Fabric CA cannot freeze: onDelete is revoke or retain.
    onDelete: "freeze",
  });
  // @ts-expect-error A lookup names a NAVER CA or a Fabric CA, not both.
  void bcs.getCaIdentities({ networkId: 1, caId: "2", fabricCa: { url: "https://ca.example.com" } });
  // @ts-expect-error A NAVER lookup needs both networkId and caId.
  void bcs.getCaIdentities({ networkId: 1 });
  // @ts-expect-error identityType filters use the CA-independent upper-case roles.
  void bcs.getCaIdentities({ fabricCa: { url: "https://ca.example.com" }, identityType: "client" });
}
