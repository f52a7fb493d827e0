import { caFileName, keystoreFileName } from "../provider";

/**
 * Outputs computed in the program from stored outputs, not stored themselves: the state keeps each
 * certificate and key once (every copy is rewritten at each checkpoint, see bench/), and these views
 * of them cannot drift apart.
 */

/** The identity object Fabric Gateway clients take (`@hyperledger/fabric-gateway`'s Identity + Signer key). */
export interface GatewayIdentity {
  mspId: string;
  /** PEM. */
  certificate: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

/**
 * null when no MSP ID was given (neither backend can tell which MSP the identity belongs to), or no
 * private key is held (an imported Fabric CA certificate).
 */
export function gatewayIdentity(
  mspId: string | null | undefined,
  certificatePem: string,
  privateKeyPem: string,
): GatewayIdentity | null {
  return mspId && privateKeyPem ? { mspId, certificate: certificatePem, privateKey: privateKeyPem } : null;
}

/** The MSP folder as fabric-ca-client writes it for an enrollment; no keystore when no key is held. */
export function fabricMsp(
  certificatePem: string,
  privateKeyPem: string,
  caChainPem: string,
  caUrl: string,
  caName: string | null | undefined,
): Record<string, string> {
  return {
    "signcerts/cert.pem": certificatePem,
    ...(privateKeyPem ? { [`keystore/${keystoreFileName(certificatePem)}`]: privateKeyPem } : {}),
    [`cacerts/${caFileName(caUrl, caName ?? undefined)}`]: caChainPem,
  };
}
