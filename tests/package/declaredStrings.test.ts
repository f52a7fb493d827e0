import { BcsPackageProvider } from "../../package/provider";

/** What the plugin's check makes of the numbers pulumi-yaml hands over for string inputs. */
describe("the package face takes a whole number given to a string input as its decimal text", () => {
  // The registrar may go only to the CA bcs:fabricCaUrl names (issue 21): the one the inputs name.
  const provider = new BcsPackageProvider({ BCS_FABRIC_CA_URL: "http://127.0.0.1:7054" });
  const urn = "urn:pulumi:dev::p::bcs:index:FabricCaUserCertificate::fabricUser";
  const base = { caUrl: "http://127.0.0.1:7054", renewBefore: "30d" };

  it("turns safe integers into text (strings, stringMap values) and nothing else", async () => {
    const { inputs, failures } = await provider.check(
      urn,
      {},
      {
        ...base,
        enrollmentId: 20261207,
        attributes: { level: 3, team: "blue" },
        maxEnrollments: 3,
      },
    );
    expect(failures ?? []).toEqual([]);
    expect(inputs).toEqual(
      expect.objectContaining({
        enrollmentId: "20261207",
        attributes: { level: "3", team: "blue" },
        // The schema says integer here: left a number.
        maxEnrollments: 3,
      }),
    );
    // A fraction or an inexact number: the text is lost, so the field's rule refuses it.
    for (const enrollmentId of [1.5, 2 ** 60]) {
      const refused = await provider.check(urn, {}, { ...base, enrollmentId });
      expect([enrollmentId, refused.failures]).toEqual([
        enrollmentId,
        [expect.objectContaining({ reason: expect.stringContaining("enrollmentId must be a string") })],
      ]);
    }
  });
});
