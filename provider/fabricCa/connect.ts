import { readFileSync } from "node:fs";
import { apiTransport } from "../http/apiTransport";
import { checkEndpoint } from "../http/endpoint";
import { FabricCaClient } from "./client";
import { newEnrollmentRequest } from "./csr";
import type { FabricCaIdentity } from "./token";
import { transportOptions, type Settings } from "../common/settings";

/** Where a Fabric CA is and how to trust it. */
export interface FabricCaEndpoint {
  url: string;
  caName?: string;
}

/** The PEM bundle trusted for https: `bcs:fabricCaTlsCaCertificates`, else fabric-ca-client's file list. */
export function tlsBundle(settings: Settings): string | undefined {
  if (settings.fabricCaTlsCaCertificates) return settings.fabricCaTlsCaCertificates;
  if (!settings.fabricCaTlsCertFiles) return undefined;
  return settings.fabricCaTlsCertFiles
    .split(",")
    .map((file) => readFileSync(file.trim(), "utf8"))
    .join("\n");
}

/** A client of the CA at `endpoint.url`, which the endpoint policy must allow; `field` names it in errors. */
export function fabricCaClient(
  settings: Settings,
  endpoint: FabricCaEndpoint,
  field = "caUrl",
): FabricCaClient {
  return new FabricCaClient({
    url: checkEndpoint(field, endpoint.url, settings),
    caName: endpoint.caName,
    transport: apiTransport(transportOptions(settings, tlsBundle(settings))),
  });
}

/**
 * The registrar that registers, modifies and revokes: a given certificate and key, or an id and secret
 * enrolled once per provider process and CA (the key never leaves the process).
 */
export class Registrars {
  private readonly enrolled = new Map<string, Promise<FabricCaIdentity>>();

  constructor(private readonly settings: () => Settings) {}

  get(endpoint: FabricCaEndpoint): Promise<FabricCaIdentity> {
    const s = this.settings();
    if (s.fabricCaRegistrarCertificate && s.fabricCaRegistrarKey) {
      return Promise.resolve({
        certificatePem: s.fabricCaRegistrarCertificate,
        privateKey: s.fabricCaRegistrarKey,
      });
    }
    if (!s.fabricCaRegistrarId || !s.fabricCaRegistrarSecret) {
      return Promise.reject(
        new Error(
          "no Fabric CA registrar: set bcs:fabricCaRegistrarId and bcs:fabricCaRegistrarSecret (enrolled at run time), " +
            "or bcs:fabricCaRegistrarCertificate and bcs:fabricCaRegistrarKey (or the BCS_FABRIC_CA_REGISTRAR_* variables)",
        ),
      );
    }
    const key = `${endpoint.url}|${endpoint.caName ?? ""}|${s.fabricCaRegistrarId}`;
    let identity = this.enrolled.get(key);
    if (!identity) {
      const request = newEnrollmentRequest(s.fabricCaRegistrarId);
      identity = fabricCaClient(s, endpoint)
        .enroll(s.fabricCaRegistrarId, s.fabricCaRegistrarSecret, request.csrPem)
        .then((e) => ({ certificatePem: e.certificatePem, privateKey: request.privateKey }));
      identity.catch(() => this.enrolled.delete(key));
      this.enrolled.set(key, identity);
    }
    return identity;
  }
}
