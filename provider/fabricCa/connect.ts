import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { DAY_MS } from "../common/clock";
import { apiTransport } from "../http/apiTransport";
import { checkEndpoint } from "../http/endpoint";
import { notice } from "../common/notice";
import { ApiError } from "../http/errors";
import { authorityKeyId } from "./certificateFields";
import { FabricCaClient, type Enrollment } from "./client";
import { newEnrollmentRequest } from "./csr";
import { caSerial, issuedCertificateProblem } from "./issuedCertificate";
import { assertRegistrarMayGo } from "./registrarBinding";
import {
  RegistrarCache,
  registrarCacheDir,
  type CachedEnrollment,
  type RegistrarBinding,
} from "./registrarCache";
import type { FabricCaIdentity } from "./token";
import { transportOptions } from "../common/settings";
import type { Settings } from "./settings";

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
    url: checkEndpoint(field, endpoint.url, settings, notice),
    caName: endpoint.caName,
    transport: apiTransport(transportOptions(settings, tlsBundle(settings))),
  });
}

/** A cached registrar certificate is renewed (by re-enrolling, which uses no enrollment) this long before it expires. */
const RENEW_BEFORE_MS = 30 * DAY_MS;

/**
 * The registrar that registers, modifies and revokes, only at a CA bcs:fabricCaUrl names: a given
 * certificate and key, or an id and secret whose enrollment is kept between runs (./registrarCache.ts),
 * so that a run costs the registrar no enrollment and leaves no new admin certificate at the CA.
 */
export class Registrars {
  private readonly enrolled = new Map<string, Promise<FabricCaIdentity>>();

  constructor(
    private readonly settings: () => Settings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** `field` names the URL in errors (caUrl, fabricCa.url, the import id's caUrl). */
  get(endpoint: FabricCaEndpoint, field = "caUrl"): Promise<FabricCaIdentity> {
    const s = this.settings();
    try {
      assertRegistrarMayGo(s, field, endpoint.url);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (s.fabricCaRegistrarCertificate && s.fabricCaRegistrarKey) {
      return Promise.resolve({
        certificatePem: s.fabricCaRegistrarCertificate,
        privateKey: s.fabricCaRegistrarKey,
      });
    }
    if (!s.fabricCaRegistrarId || !s.fabricCaRegistrarSecret) {
      return Promise.reject(
        new Error(
          "no Fabric CA registrar: set bcs:fabricCaRegistrarId and bcs:fabricCaRegistrarSecret (enrolled once, then kept), " +
            "or bcs:fabricCaRegistrarCertificate and bcs:fabricCaRegistrarKey (or the BCS_FABRIC_CA_REGISTRAR_* variables)",
        ),
      );
    }
    const binding: RegistrarBinding = {
      url: endpoint.url.replace(/\/+$/, ""),
      caName: endpoint.caName ?? "",
      id: s.fabricCaRegistrarId,
      secret: s.fabricCaRegistrarSecret,
    };
    const key = `${binding.url}|${binding.caName}|${binding.id}`;
    let identity = this.enrolled.get(key);
    if (!identity) {
      const cache = new RegistrarCache(registrarCacheDir(s.fabricCaRegistrarCacheDir));
      const client = fabricCaClient(s, endpoint, field);
      identity = cache.withLock(binding, () => this.kept(client, cache, binding));
      identity.catch(() => this.enrolled.delete(key));
      this.enrolled.set(key, identity);
    }
    return identity;
  }

  /** The kept enrollment when the CA still accepts it (renewed when it expires soon), else a new one, kept. */
  private async kept(
    client: FabricCaClient,
    cache: RegistrarCache,
    b: RegistrarBinding,
  ): Promise<FabricCaIdentity> {
    const cached = await cache.read(b);
    const left = cached
      ? Date.parse(new X509Certificate(cached.certificatePem).validTo) - this.clock().getTime()
      : 0;
    // An expired certificate cannot authenticate a re-enrollment: it is replaced by an enrollment.
    if (cached && left > 0) {
      const identity = { certificatePem: cached.certificatePem, privateKey: cached.privateKeyPem };
      if (await accepted(client, identity, b.id)) {
        if (left > RENEW_BEFORE_MS) return identity;
        return keep(cache, b, await renewed(client, identity, b.id));
      }
    }
    const request = newEnrollmentRequest(b.id);
    const enrollment = await client.enroll(b.id, b.secret, request.csrPem);
    return keep(cache, b, checkedRegistrar(enrollment, b.id, request.privateKeyPem));
  }
}

/** Whether the CA authenticates `identity` (one GET of its own record): a 401 means revoked, expired or another CA. */
async function accepted(client: FabricCaClient, identity: FabricCaIdentity, id: string): Promise<boolean> {
  try {
    await client.getIdentity(identity, id);
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return false;
    // 403: authenticated, but its roles do not cover its own type; the certificate is good.
    if (err instanceof ApiError && err.status === 403) return true;
    throw err;
  }
}

/** A new certificate by re-enrollment (no enrollment used); the superseded one is revoked when the registrar may. */
async function renewed(client: FabricCaClient, old: FabricCaIdentity, id: string): Promise<CachedEnrollment> {
  const request = newEnrollmentRequest(id);
  const next = checkedRegistrar(await client.reenroll(old, request.csrPem), id, request.privateKeyPem);
  const aki = authorityKeyId(old.certificatePem);
  const serial = caSerial(new X509Certificate(old.certificatePem).serialNumber);
  await client
    .revoke(
      { certificatePem: next.certificatePem, privateKey: next.privateKeyPem },
      { serial, aki, reason: "superseded" },
    )
    .catch(() => undefined); // without hf.Revoker it expires within RENEW_BEFORE_MS
  return next;
}

function checkedRegistrar(enrollment: Enrollment, id: string, privateKeyPem: string): CachedEnrollment {
  const problem = issuedCertificateProblem(enrollment.certificatePem, {
    enrollmentId: id,
    caChainPem: enrollment.caChainPem,
    privateKeyPem,
  });
  if (problem)
    throw new Error(
      `Fabric CA's answer to the registrar's enrollment was refused: the CA's answer ${problem}`,
    );
  return { certificatePem: enrollment.certificatePem, privateKeyPem };
}

async function keep(
  cache: RegistrarCache,
  b: RegistrarBinding,
  e: CachedEnrollment,
): Promise<FabricCaIdentity> {
  await cache.write(b, e);
  return { certificatePem: e.certificatePem, privateKey: e.privateKeyPem };
}
