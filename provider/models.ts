import { fabricCaCertificateModel } from "./fabricCa/model";
import { userCertificateModel } from "./huawei/model";
import type { AnyModel } from "./common/model";

export { fabricCaCertificateModel, userCertificateModel };
export * from "./common/model";
export { CERTIFICATE_OUTPUTS, gatewayIdentity, type GatewayIdentity } from "./common/certificateOutputs";

/** Every resource the package serves, by token: the one registry both faces and the schema loop over. */
export const MODELS = {
  [userCertificateModel.token]: userCertificateModel as unknown as AnyModel,
  [fabricCaCertificateModel.token]: fabricCaCertificateModel as unknown as AnyModel,
} as const;
