import { fillPath } from "../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../emulator/routes";

/** A certificate as the emulator's inspection route lists it. */
export interface EmulatorCertificate {
  projectId: string;
  blockchainId: string;
  orgName: string;
  userName: string;
  securityMode: boolean;
  serialNumber: string;
  frozen: boolean;
}

export async function emulatorCertificates(url: string): Promise<EmulatorCertificate[]> {
  const response = await fetch(url + inspectionRoutes.listCertificates.path);
  return ((await response.json()) as { certificates: EmulatorCertificate[] }).certificates;
}

export async function emulatorCaPem(url: string, blockchainId: string, orgName: string): Promise<string> {
  const response = await fetch(url + fillPath(inspectionRoutes.caCertificate.path, { blockchain_id: blockchainId, org_name: orgName }));
  return response.text();
}
