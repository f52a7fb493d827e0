import { providerShim } from "../providerShim";

/** The FabricCaUserCertificate provider as a module of its own: see ./userCertificate.ts. */
export = providerShim("fabricCaCertificate");
