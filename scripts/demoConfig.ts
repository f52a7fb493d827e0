import { defaultFixture } from "../emulator/fixture";

/**
 * Prints the demo stack's config for an emulator at the given URL, one `kind<TAB>key<TAB>value` line
 * per setting; credentials are the fixture's and are stored as secrets.
 */
const url = process.argv[2];
const f = defaultFixture;
const lines: [string, string, string][] = [
  ["plain", "bcs:huaweiEndpoint", url],
  ["plain", "bcs:huaweiIamEndpoint", url],
  ["plain", "bcs:huaweiDomainName", f.huawei.iamUsers[0].domainName],
  ["plain", "bcs:huaweiUserName", f.huawei.iamUsers[0].name],
  ["secret", "bcs:huaweiPassword", f.huawei.iamUsers[0].password],
  ["plain", "bcs:ncloudEndpoint", url],
  ["secret", "bcs:ncloudAccessKey", f.ncloud.apiKeys[0].accessKey],
  ["secret", "bcs:ncloudSecretKey", f.ncloud.apiKeys[0].secretKey],
];
for (const line of lines) console.log(line.join("\t"));
