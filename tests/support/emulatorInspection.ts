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
