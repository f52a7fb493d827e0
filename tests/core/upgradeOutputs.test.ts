import { FabricCaCertificateProvider } from "../../provider/fabricCa/certificateProvider";
import type { FabricCaCertificateOutputs } from "../../provider/fabricCa/inputs";
import { UserCertificateProvider } from "../../provider/huawei/userCertificateProvider";
import type { UserCertificateOutputs } from "../../provider/huawei/inputs";

/**
 * Outputs written before a field existed: each provider reads them through its `upgradeOutputs`, so a
 * missing field counts as the value the provider acted on while it was missing, never as a change.
 */
const notAfter = "2099-01-01T00:00:00Z";
const facts = {
  serialNumber: "01",
  subject: "CN=x",
  issuer: "CN=ca",
  notBefore: "2020-01-01T00:00:00Z",
  notAfter,
};

describe("a state without the fields later versions added", () => {
  it("FabricCaUserCertificate: no change against the same inputs", async () => {
    const provider = new FabricCaCertificateProvider({});
    const olds = {
      ...facts,
      caUrl: "https://ca.example.com:7054",
      caName: null,
      enrollmentId: "app01",
      userName: "app01",
      identityType: "client",
      affiliation: "",
      attributes: {},
      maxEnrollments: null,
    } as unknown as FabricCaCertificateOutputs;
    const diff = await provider.diff("id", olds, { caUrl: olds.caUrl, enrollmentId: "app01" });
    expect(diff).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("UserCertificate: no change against the same inputs", async () => {
    const provider = new UserCertificateProvider({});
    const olds = {
      ...facts,
      projectId: "0123456789abcdef0123456789abcdef",
      blockchainId: "bcs-1",
      orgName: "org1",
      userName: "user01",
      archive: "",
    } as unknown as UserCertificateOutputs;
    const { projectId, blockchainId, orgName, userName } = olds;
    const diff = await provider.diff("id", olds, { projectId, blockchainId, orgName, userName });
    expect(diff).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});
