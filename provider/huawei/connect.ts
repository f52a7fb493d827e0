import { apiTransport } from "../http/apiTransport";
import { checkEndpoint } from "../http/endpoint";
import { notice } from "../common/notice";
import { transportOptions } from "../common/settings";
import { bcsRegionProblem, freezeSettleMs, type Settings } from "./settings";
import { type HuaweiCredentials } from "./auth";
import { BcsClient } from "./bcsClient";

/** Picks the authentication mode from the settings: AK/SK first, then a token, then a password. */
export function huaweiCredentials(settings: Settings): HuaweiCredentials {
  const s = settings;
  if (s.huaweiAccessKey && s.huaweiSecretKey) {
    return {
      kind: "aksk",
      accessKey: s.huaweiAccessKey,
      secretKey: s.huaweiSecretKey,
      securityToken: s.huaweiSecurityToken,
    };
  }
  if (s.huaweiAuthToken) return { kind: "token", token: s.huaweiAuthToken };
  if (s.huaweiUserName && s.huaweiPassword && s.huaweiDomainName) {
    return {
      kind: "password",
      userName: s.huaweiUserName,
      password: s.huaweiPassword,
      domainName: s.huaweiDomainName,
      iamEndpoint: checkEndpoint(
        "bcs:huaweiIamEndpoint",
        s.huaweiIamEndpoint ?? `https://iam.${s.huaweiRegion}.myhuaweicloud.com`,
        s,
        notice,
      ),
    };
  }
  throw new Error(
    "no Huawei Cloud credentials: set bcs:huaweiAccessKey and bcs:huaweiSecretKey (or HW_ACCESS_KEY/HW_SECRET_KEY), " +
      "or bcs:huaweiAuthToken (HW_AUTH_TOKEN), or bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName",
  );
}

export function bcsClient(settings: Settings, projectId: string, clock?: () => Date): BcsClient {
  const regionProblem = bcsRegionProblem(settings);
  if (regionProblem) throw new Error(regionProblem);
  return new BcsClient(
    {
      endpoint: checkEndpoint(
        "bcs:huaweiEndpoint",
        settings.huaweiEndpoint ?? `https://bcs.${settings.huaweiRegion}.myhuaweicloud.com`,
        settings,
        notice,
      ),
      credentials: huaweiCredentials(settings),
      transport: apiTransport(transportOptions(settings)),
      clock,
      freezeSettleMs: freezeSettleMs(settings),
    },
    projectId,
  );
}
