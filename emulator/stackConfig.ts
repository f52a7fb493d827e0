import { defaultFixture } from "./fixture";

/** One setting of a stack that talks to the emulator: `secret` ones go in with `--secret`. */
export type StackSetting = [kind: "plain" | "secret", key: string, value: string];

/** The `bcs:` config that points a stack at an emulator at `url`, with the default fixture's credentials. */
export function emulatorStackConfig(url: string): StackSetting[] {
  const f = defaultFixture;
  return [
    ["plain", "bcs:huaweiEndpoint", url],
    ["plain", "bcs:huaweiIamEndpoint", url],
    ["plain", "bcs:huaweiDomainName", f.huawei.iamUsers[0].domainName],
    ["plain", "bcs:huaweiUserName", f.huawei.iamUsers[0].name],
    ["secret", "bcs:huaweiPassword", f.huawei.iamUsers[0].password],
    ["plain", "bcs:ncloudEndpoint", url],
    ["secret", "bcs:ncloudAccessKey", f.ncloud.apiKeys[0].accessKey],
    ["secret", "bcs:ncloudSecretKey", f.ncloud.apiKeys[0].secretKey],
  ];
}
