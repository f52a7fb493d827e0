import { readFile } from "node:fs/promises";
import type { CaIdentityWire } from "../provider/ncloud/api";

/** The accounts, credentials and resources the emulator starts with. */
export interface Fixture {
  huawei: HuaweiFixture;
  ncloud: NcloudFixture;
}

export interface HuaweiFixture {
  projects: { id: string; name: string }[];
  /** IAM users; each may obtain tokens scoped to the listed projects. */
  iamUsers: { domainName: string; name: string; password: string; projectIds: string[] }[];
  accessKeys: { accessKey: string; secretKey: string; projectId: string }[];
  blockchains: {
    id: string;
    projectId: string;
    peerOrgs: string[];
    ordererOrg: string;
    /** ShowBlockchainDetail's `basic_info.sign_algorithm`; absent: the `signAlgorithm` variant decides. */
    signAlgorithm?: "ECDSA" | "SM2";
  }[];
}

export interface NcloudFixture {
  apiKeys: { accessKey: string; secretKey: string }[];
  networks: { networkId: number; cas: { caId: string; identities: CaIdentityWire[] }[] }[];
}

const FIRST_PROJECT = "0123456789abcdef0123456789abcdef";
const SECOND_PROJECT = "fedcba9876543210fedcba9876543210";

function identity(
  networkId: number,
  caId: string,
  identityName: string,
  identityType: CaIdentityWire["identityType"],
  created: string,
  expires: string,
): CaIdentityWire {
  return {
    networkId,
    caId,
    identityName,
    identityType,
    expireDate: expires,
    creator: 2795985,
    createDate: created,
    updateDate: created,
  };
}

export const defaultFixture: Fixture = {
  huawei: {
    projects: [
      { id: FIRST_PROJECT, name: "cn-north-4" },
      { id: SECOND_PROJECT, name: "ap-southeast-1" },
    ],
    iamUsers: [
      {
        domainName: "bcs-demo",
        name: "demo-user",
        password: "Demo#Passw0rd",
        projectIds: [FIRST_PROJECT, SECOND_PROJECT],
      },
    ],
    accessKeys: [
      { accessKey: "HWDEMOACCESSKEY0001", secretKey: "HWDEMOSECRETKEY0001secret", projectId: FIRST_PROJECT },
    ],
    blockchains: [
      { id: "bcs-demo-0001", projectId: FIRST_PROJECT, peerOrgs: ["org1", "org2"], ordererOrg: "orderer" },
      { id: "bcs-demo-0002", projectId: FIRST_PROJECT, peerOrgs: ["org1"], ordererOrg: "orderer" },
    ],
  },
  ncloud: {
    apiKeys: [{ accessKey: "NCPDEMOACCESSKEY0001", secretKey: "NCPDEMOSECRETKEY0001secret" }],
    networks: [
      {
        networkId: 1630,
        cas: [
          {
            caId: "25728700",
            identities: [
              identity(
                1630,
                "25728700",
                "bcsdemo-ca",
                "ADMIN",
                "2024-07-29T07:30:59+0000",
                "2027-07-29T07:29:00+0000",
              ),
              identity(
                1630,
                "25728700",
                "bcsdemo-orderer",
                "ORDERER",
                "2024-07-29T07:30:59+0000",
                "2027-07-29T07:29:00+0000",
              ),
              identity(
                1630,
                "25728700",
                "bcsdemo-peer",
                "PEER",
                "2024-07-30T00:09:06+0000",
                "2027-07-30T00:09:00+0000",
              ),
              identity(
                1630,
                "25728700",
                "appuser01",
                "CLIENT",
                "2024-08-01T02:15:41+0000",
                "2025-08-01T02:15:00+0000",
              ),
              identity(
                1630,
                "25728700",
                "appuser02",
                "CLIENT",
                "2024-08-02T09:03:12+0000",
                "2025-08-02T09:03:00+0000",
              ),
            ],
          },
        ],
      },
      {
        networkId: 1631,
        cas: [
          {
            caId: "25728800",
            identities: [
              identity(
                1631,
                "25728800",
                "bcsdemo2-ca",
                "ADMIN",
                "2024-09-10T04:12:30+0000",
                "2027-09-10T04:12:00+0000",
              ),
            ],
          },
        ],
      },
    ],
  },
};

/** Loads a fixture file of the same shape as {@link defaultFixture}; checks the top-level shape only. */
export async function loadFixture(path: string): Promise<Fixture> {
  const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
  if (!isFixture(parsed))
    throw new Error(`${path}: not an emulator fixture (needs huawei.* and ncloud.* lists)`);
  return parsed;
}

function isFixture(value: unknown): value is Fixture {
  const v = value as { huawei?: Partial<HuaweiFixture>; ncloud?: Partial<NcloudFixture> } | null;
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray(v.huawei?.projects) &&
    Array.isArray(v.huawei?.iamUsers) &&
    Array.isArray(v.huawei?.accessKeys) &&
    Array.isArray(v.huawei?.blockchains) &&
    Array.isArray(v.ncloud?.apiKeys) &&
    Array.isArray(v.ncloud?.networks)
  );
}
