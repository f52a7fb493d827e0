/**
 * Why a UserCertificate cannot be imported, and what to do instead. Huawei BCS issues a user
 * certificate once, in the answer to its POST, and has no call that reads one back
 * (huaweicloud-sdk-go-v3 services/bcs/v2/bcs_client.go: create, freeze and unfreeze only).
 */
export const HUAWEI_IMPORT_REFUSAL =
  "UserCertificate cannot be imported: Huawei BCS has no API call that reads a user certificate back " +
  "(the certificate and its private key are only in the answer to the request that issued it). " +
  "Let the stack create a new certificate for the user (remove the `import` option or skip `pulumi import`, " +
  "then `pulumi up`), and freeze the old one in the BCS console if it should no longer be used";
