/** The identity object Fabric Gateway clients take (`@hyperledger/fabric-gateway`'s Identity + Signer key). */
export interface GatewayIdentity {
  mspId: string;
  /** PEM. */
  certificate: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

/** null when no MSP ID was given: neither backend can tell which MSP the identity belongs to. */
export function gatewayIdentity(
  mspId: string | null | undefined,
  certificatePem: string,
  privateKeyPem: string,
): GatewayIdentity | null {
  return mspId ? { mspId, certificate: certificatePem, privateKey: privateKeyPem } : null;
}
