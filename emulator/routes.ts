import { huaweiRoutes } from "../provider/huawei/api";
import { ncloudRegionPrefixes, ncloudRoutes } from "../provider/ncloud/api";
import type { RouteHandler } from "./http";
import { freezeCert, unfreezeCert } from "./huawei/freeze";
import { createToken } from "./huawei/iam";
import { createUserCert } from "./huawei/userCert";
import { listBlockchains } from "./huawei/blockchains";
import {
  type ControlHandler,
  clearFaults,
  getClock,
  getFaults,
  getTiming,
  getStats,
  resetClock,
  resetStats,
  setClock,
  setFaults,
  setTiming,
} from "./control";
import { caCertificate, freezeBySerial, health, listCertificates } from "./inspection";
import { listCaIdentities } from "./ncloud/identities";

/** Emulator-only routes (no cloud has them), for tests and the demo. */
export const inspectionRoutes = {
  health: { method: "GET", path: "/_emulator/health" },
  listCertificates: { method: "GET", path: "/_emulator/huawei/certificates" },
  caCertificate: { method: "GET", path: "/_emulator/huawei/ca/{blockchain_id}/{org_name}" },
  freezeCertificate: { method: "POST", path: "/_emulator/huawei/certificates/{serial}/freeze" },
  /** Body: a FaultConfig (emulator/faults/config.ts); replaces the config and reseeds. */
  setFaults: { method: "POST", path: "/_emulator/faults" },
  /** Turns faults off. */
  clearFaults: { method: "DELETE", path: "/_emulator/faults" },
  /** `{"faults": FaultConfig | null}`: the config in force, with its seed. */
  getFaults: { method: "GET", path: "/_emulator/faults" },
  /** `{"requests": {routeName: {received, answered, faulted: {kind: n}}}}` */
  stats: { method: "GET", path: "/_emulator/stats" },
  /** Sets every counter back to zero. */
  resetStats: { method: "DELETE", path: "/_emulator/stats" },
  /** Body: `{"now": "<ISO 8601>"}`; the emulator's time jumps there and keeps ticking. */
  setClock: { method: "POST", path: "/_emulator/clock" },
  /** Back to the base clock (real time unless startEmulator was given a clock). */
  resetClock: { method: "DELETE", path: "/_emulator/clock" },
  /** `{"now": iso, "offsetMs": n}`: the emulator's time and its offset from the base clock. */
  getClock: { method: "GET", path: "/_emulator/clock" },
  /** Body: `{"freezeLatencyMs": n}`: how long a freeze takes to take effect (FreezeCert: 0.5 to 1 minute). */
  setTiming: { method: "POST", path: "/_emulator/timing" },
  /** `{"freezeLatencyMs": n}` */
  getTiming: { method: "GET", path: "/_emulator/timing" },
} as const;

/** How a cloud route authenticates: none, Huawei BCS (token or AK/SK), or NAVER signature v2. */
export type AuthKind = "none" | "huaweiBcs" | "ncloud";

/** A route of an emulated cloud API: authenticated, faulted and counted. */
export interface Route {
  /** A key of huaweiRoutes / ncloudRoutes; faults are configured and requests counted by it. */
  name: string;
  method: string;
  path: string;
  auth: AuthKind;
  /** Mutating routes run one at a time, so checks and the changes they guard cannot interleave. */
  mutates: boolean;
  handler: RouteHandler;
}

/** A route of the emulator's own (`/_emulator/…`): no auth, never faulted, not counted. */
export interface InspectionRoute {
  name: keyof typeof inspectionRoutes;
  method: string;
  path: string;
  /** Runs one at a time with the cloud routes that mutate. */
  mutates: boolean;
  handler: ControlHandler;
}

const ncloudIdentityRoutes: Route[] = Object.values(ncloudRegionPrefixes).map((prefix) => ({
  name: "listCaIdentities",
  method: ncloudRoutes.listCaIdentities.method,
  path: prefix + ncloudRoutes.listCaIdentities.path,
  auth: "ncloud",
  mutates: false,
  handler: listCaIdentities,
}));

function cloud(name: keyof typeof huaweiRoutes, spec: Pick<Route, "auth" | "mutates" | "handler">): Route {
  return { name, ...huaweiRoutes[name], ...spec };
}

function inspection(
  name: keyof typeof inspectionRoutes,
  spec: Pick<InspectionRoute, "mutates" | "handler">,
): InspectionRoute {
  return { name, ...inspectionRoutes[name], ...spec };
}

export const cloudRoutes: Route[] = [
  cloud("createToken", { auth: "none", mutates: true, handler: createToken }),
  cloud("createUserCert", { auth: "huaweiBcs", mutates: true, handler: createUserCert }),
  cloud("freezeCert", { auth: "huaweiBcs", mutates: true, handler: freezeCert }),
  cloud("unfreezeCert", { auth: "huaweiBcs", mutates: true, handler: unfreezeCert }),
  cloud("listBlockchains", { auth: "huaweiBcs", mutates: false, handler: listBlockchains }),
  ...ncloudIdentityRoutes,
];

export const emulatorRoutes: InspectionRoute[] = [
  inspection("health", { mutates: false, handler: health }),
  inspection("listCertificates", { mutates: false, handler: listCertificates }),
  inspection("caCertificate", { mutates: true, handler: caCertificate }),
  inspection("freezeCertificate", { mutates: true, handler: freezeBySerial }),
  inspection("setFaults", { mutates: false, handler: setFaults }),
  inspection("clearFaults", { mutates: false, handler: clearFaults }),
  inspection("getFaults", { mutates: false, handler: getFaults }),
  inspection("stats", { mutates: false, handler: getStats }),
  inspection("resetStats", { mutates: false, handler: resetStats }),
  // Moving time waits for the mutating request in flight, so none of them sees two times.
  inspection("setClock", { mutates: true, handler: setClock }),
  inspection("resetClock", { mutates: true, handler: resetClock }),
  inspection("getClock", { mutates: false, handler: getClock }),
  // Like the clock: the mutating request in flight sees one latency.
  inspection("setTiming", { mutates: true, handler: setTiming }),
  inspection("getTiming", { mutates: false, handler: getTiming }),
];
