import { fabricCaIdentityType } from "../../../provider/lookups/fabricCaRoles";

describe("Fabric CA identity types", () => {
  it.each([
    ["client", "CLIENT"],
    ["Peer", "PEER"],
    ["ORDERER", "ORDERER"],
    [" admin ", "ADMIN"],
    ["user", "CLIENT"],
    ["App", "CLIENT"],
  ])("%s is %s", (type, expected) => {
    expect(fabricCaIdentityType(type)).toBe(expected);
  });

  it.each(["auditor", "", "clients", "hf.Registrar"])("%j is not guessed", (type) => {
    expect(fabricCaIdentityType(type)).toBeUndefined();
  });
});
