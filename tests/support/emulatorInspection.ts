import type { FaultConfig } from "../../emulator/faults/config";
import type { EmulatorStats } from "../../emulator/faults/stats";
import { fillPath } from "../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../emulator/routes";

export type { CertificateSummary as EmulatorCertificate } from "../../emulator/inspection";
import type { CertificateSummary } from "../../emulator/inspection";

/** The certificates the emulator holds, optionally filtered (`?userName=…` etc.). */
export async function emulatorCertificates(
  url: string,
  filter: { blockchainId?: string; orgName?: string; userName?: string } = {},
): Promise<CertificateSummary[]> {
  const query = new URLSearchParams(filter as Record<string, string>).toString();
  const response = await fetch(url + inspectionRoutes.listCertificates.path + (query ? `?${query}` : ""));
  return ((await response.json()) as { certificates: CertificateSummary[] }).certificates;
}

export async function emulatorCaPem(url: string, blockchainId: string, orgName: string): Promise<string> {
  const response = await fetch(
    url + fillPath(inspectionRoutes.caCertificate.path, { blockchain_id: blockchainId, org_name: orgName }),
  );
  return response.text();
}

/** Replaces the emulator's fault config (see emulator/README.md); undefined turns faults off. */
export async function setEmulatorFaults(url: string, faults: FaultConfig | undefined): Promise<void> {
  const route = faults ? inspectionRoutes.setFaults : inspectionRoutes.clearFaults;
  const response = await fetch(url + route.path, {
    method: route.method,
    headers: { "Content-Type": "application/json" },
    body: faults ? JSON.stringify(faults) : undefined,
  });
  if (!response.ok) throw new Error(`the emulator refused the fault config: ${await response.text()}`);
}

/**
 * Moves the emulator's time to `date` (it keeps ticking from there; see emulator/README.md); undefined
 * returns it to its base clock (real time unless the emulator was started with a clock).
 */
export async function setEmulatorClock(url: string, date: Date | undefined): Promise<void> {
  const route = date ? inspectionRoutes.setClock : inspectionRoutes.resetClock;
  const response = await fetch(url + route.path, {
    method: route.method,
    headers: { "Content-Type": "application/json" },
    body: date ? JSON.stringify({ now: date.toISOString() }) : undefined,
  });
  if (!response.ok) throw new Error(`the emulator refused the clock: ${await response.text()}`);
}

/** Per-route request counts since the emulator started. */
export async function emulatorStats(url: string): Promise<EmulatorStats> {
  return (await fetch(url + inspectionRoutes.stats.path)).json() as Promise<EmulatorStats>;
}

/** How long the emulator's freezes take to take effect (`POST /_emulator/timing`, emulator/README.md). */
export async function setFreezeLatency(url: string, freezeLatencyMs: number): Promise<void> {
  const route = inspectionRoutes.setTiming;
  const response = await fetch(url + route.path, {
    method: route.method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ freezeLatencyMs }),
  });
  if (!response.ok) throw new Error(`the emulator refused the timing: ${await response.text()}`);
}
