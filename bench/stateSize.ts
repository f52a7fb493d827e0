/** How the bytes of a `pulumi stack export` are spent per UserCertificate. */
export interface StateSize {
  /** Bytes of the `pulumi stack export` text. */
  exportBytes: number;
  resources: number;
  /** exportBytes / resources (the stack and provider entries are spread over the resources). */
  exportBytesPerResource: number;
  /** Mean bytes of one resource entry, compact JSON. */
  entryBytes: number;
  /** Mean bytes of `__provider` (inputs + outputs, JSON-encoded), and how many copies per entry. */
  providerBytes: number;
  providerCopies: number;
  /**
   * Mean bytes of the certificate material: certificatePem, caCertificatePem, privateKeyPem, archive
   * (states before issue 13), mspPublic and mspSecret (the packed folder since); in the package's
   * state also the PEMs (and, before issue 22, msp and gatewayIdentity).
   */
  materialBytes: number;
  materialFields: Record<string, number>;
  /** entryBytes − providerBytes − materialBytes: URN, type, ids, inputs, other outputs, metadata. */
  restBytes: number;
  /** Of the rest: the mean bytes of the `stackTrace` and `sourcePosition` the engine records. */
  stackTraceBytes: number;
}

const MATERIAL = [
  "certificatePem",
  "caCertificatePem",
  "privateKeyPem",
  "archive",
  "mspPublic",
  "mspSecret",
  // The package face stores what the TypeScript SDK derives in the program: the derived outputs its
  // model marks `package` (publicKeyPem), and before issue 22 msp and gatewayIdentity too.
  "publicKeyPem",
  "msp",
  "gatewayIdentity",
] as const;

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

interface ExportedResource {
  type: string;
  stackTrace?: unknown;
  sourcePosition?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * The sizes of the resources whose type starts with `typePrefix`: by default the dynamic ones
 * ("pulumi-nodejs:dynamic:Resource", or "pulumi-nodejs:dynamic/bcs:UserCertificate" with a resource
 * type name); the package's are "bcs:index:UserCertificate".
 */
export function stateSize(exportText: string, typePrefix = "pulumi-nodejs:dynamic"): StateSize {
  const exported = JSON.parse(exportText) as { deployment: { resources?: ExportedResource[] } };
  const resources = (exported.deployment.resources ?? []).filter((r) => r.type.startsWith(typePrefix));
  const n = resources.length || 1;
  let entry = 0;
  let provider = 0;
  let copies = 0;
  let trace = 0;
  const material: Record<string, number> = Object.fromEntries(MATERIAL.map((k) => [k, 0]));
  for (const r of resources) {
    entry += bytes(r);
    trace += (r.stackTrace ? bytes(r.stackTrace) : 0) + (r.sourcePosition ? bytes(r.sourcePosition) : 0);
    for (const bag of [r.inputs, r.outputs]) {
      if (!bag) continue;
      if (bag.__provider !== undefined) {
        provider += bytes(bag.__provider);
        copies++;
      }
      for (const k of MATERIAL) if (bag[k] !== undefined) material[k] += bytes(bag[k]);
    }
  }
  const materialBytes = Object.values(material).reduce((a, b) => a + b, 0) / n;
  const exportBytes = Buffer.byteLength(exportText);
  return {
    exportBytes,
    resources: resources.length,
    exportBytesPerResource: Math.round(exportBytes / n),
    entryBytes: Math.round(entry / n),
    providerBytes: Math.round(provider / n),
    providerCopies: copies / n,
    materialBytes: Math.round(materialBytes),
    materialFields: Object.fromEntries(Object.entries(material).map(([k, v]) => [k, Math.round(v / n)])),
    restBytes: Math.round(entry / n - provider / n - materialBytes),
    stackTraceBytes: Math.round(trace / n),
  };
}
