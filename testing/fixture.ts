import { defaultFixture as f } from "../emulator/fixture";

/** The emulator fixture's credentials and ids, in the shape the tests use them. */
export const fixtureCredentials = {
  huawei: {
    projectId: f.huawei.projects[0].id,
    otherProjectId: f.huawei.projects[1].id,
    domainName: f.huawei.iamUsers[0].domainName,
    userName: f.huawei.iamUsers[0].name,
    password: f.huawei.iamUsers[0].password,
    accessKey: f.huawei.accessKeys[0].accessKey,
    secretKey: f.huawei.accessKeys[0].secretKey,
    blockchainId: f.huawei.blockchains[0].id,
  },
  ncloud: {
    accessKey: f.ncloud.apiKeys[0].accessKey,
    secretKey: f.ncloud.apiKeys[0].secretKey,
    networkId: f.ncloud.networks[0].networkId,
    caId: f.ncloud.networks[0].cas[0].caId,
  },
};
