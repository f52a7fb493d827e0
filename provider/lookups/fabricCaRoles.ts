import { CA_ROLES, type CaRole } from "./caRoles";

/**
 * Fabric CA identity types are free-form strings; Fabric itself knows four roles through NodeOUs
 * (`client`, `peer`, `orderer`, `admin`). `user` and `app` are the pre-NodeOU names of client
 * applications (Fabric CA's swagger and `--id.type` help still list them), so they count as CLIENT.
 * Any other type is not guessed: undefined, so a CLIENT filter does not pick up, say, an `auditor`
 * that a NodeOU-enabled MSP would not recognise as a client at all.
 */
const aliases: Record<string, CaRole> = { user: "CLIENT", app: "CLIENT" };

export function fabricCaIdentityType(type: string): CaRole | undefined {
  const upper = type.trim().toUpperCase();
  if ((CA_ROLES as readonly string[]).includes(upper)) return upper as CaRole;
  return aliases[type.trim().toLowerCase()];
}
