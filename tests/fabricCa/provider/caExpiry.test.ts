import { X509Certificate } from "node:crypto";
import { lookupCaIdentities } from "../../../provider/lookups/caIdentities";
import { caExpiryWarning } from "../../../provider/common/caExpiry";
import { routeNotices } from "../../../provider/common/notice";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateOutputs,
} from "../../../provider/fabricCa/certificateProvider";
import { fabricCaCertificateModel } from "../../../provider/fabricCa/model";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

/** CAs expire too (issue 24, point 3): a fabric-ca-server whose CA certificate lives 48 hours. */

let ca: RunningFabricCa;
beforeAll(async () => {
  ca = await startFabricCaServer({ caExpiry: "48h" });
});
afterAll(async () => ca?.stop());

const notices: string[] = [];
beforeEach(() => {
  notices.length = 0;
  routeNotices((line) => notices.push(line));
});
afterEach(() => routeNotices(undefined));

function provider(): FabricCaCertificateProvider {
  const config: Record<string, string> = {
    "bcs:fabricCaUrl": ca.url,
    "bcs:fabricCaRegistrarId": ca.bootstrap.id,
    "bcs:fabricCaRegistrarSecret": ca.bootstrap.secret,
    "bcs:allowInsecureHttp": "true",
  };
  const p = new FabricCaCertificateProvider({});
  p.configureFrom((key) => config[key]);
  return p;
}

describe("a CA that expires in two days", () => {
  let outs: FabricCaCertificateOutputs;
  beforeAll(async () => {
    outs = (await provider().create({ caUrl: ca.url, enrollmentId: "shortlived01" }))
      .outs as FabricCaCertificateOutputs;
  });
  afterAll(async () => provider().delete("id", outs));

  it("is the CA of the certificate, and its expiry is in the outputs", () => {
    const caCert = new X509Certificate(ca.caCertPem);
    const hoursLeft = (Date.parse(caCert.validTo) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(46);
    expect(hoursLeft).toBeLessThanOrEqual(48);
    const d = fabricCaCertificateModel.derive(outs);
    expect(Date.parse(d.caNotAfter!)).toBe(Date.parse(caCert.validTo));
    expect(d.caExpiresInDays).toBe(1);
    // Fabric CA cuts a certificate's lifetime to its CA's: renewing the identity cannot outlive the CA.
    expect(outs.notAfter).toBe(d.caNotAfter);
  });

  it("makes the preview warn, naming the CA, when it expires within renewBefore", async () => {
    const diff = await provider().diff("id", outs, {
      caUrl: ca.url,
      enrollmentId: "shortlived01",
      renewBefore: "7d",
    });
    expect(diff.replaces).toEqual([]);
    const warning = notices.find((n) => n.includes("issuing CA"));
    expect(warning).toMatch(
      /shortlived01: the issuing CA CN=fabric-ca-server,.* expires .*, in 1 days, within renewBefore 7d/,
    );
  });

  it("makes the preview warn without renewBefore too: the certificate ends with its CA", async () => {
    await provider().diff("id", outs, { caUrl: ca.url, enrollmentId: "shortlived01" });
    expect(notices.join("\n")).toMatch(
      /shortlived01: the issuing CA CN=fabric-ca-server.* before this identity's next renewal/,
    );
  });

  it("stays quiet when the CA outlives the next renewal window", async () => {
    const later = { notAfter: new Date(Date.now() + 86_400_000).toISOString(), renewBefore: "1h" };
    expect(caExpiryWarning("x", ca.caCertPem, later, new Date())).toBeUndefined();
  });
});

describe("getCaIdentities", () => {
  it("gives the Fabric CA's own expiry in the summary", async () => {
    const config: Record<string, string> = {
      "bcs:fabricCaUrl": ca.url,
      "bcs:fabricCaRegistrarId": ca.bootstrap.id,
      "bcs:fabricCaRegistrarSecret": ca.bootstrap.secret,
      "bcs:allowInsecureHttp": "true",
    };
    const { summary } = await lookupCaIdentities({ fabricCa: { url: ca.url } }, (k) => config[k], {});
    const caCert = new X509Certificate(ca.caCertPem);
    expect(summary.caExpiry).toEqual({
      subject: "CN=fabric-ca-server,OU=Fabric,O=Hyperledger,ST=North Carolina,C=US",
      notAfter: new Date(caCert.validTo).toISOString().replace(/\.\d{3}Z$/, "Z"),
      daysLeft: 1,
    });
  });
});

describe("caExpiryWarning", () => {
  const now = new Date();
  it("says when the CA expires before the identity's next renewal, or has expired", () => {
    const certificate = {
      notAfter: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
      renewBefore: "1d",
    };
    expect(caExpiryWarning("peer0", ca.caCertPem, certificate, now)).toMatch(
      /peer0: the issuing CA CN=fabric-ca-server.* before this identity's next renewal \(.*\): renew the CA first/,
    );
    const afterCa = new Date(now.getTime() + 3 * 86_400_000);
    expect(caExpiryWarning("peer0", ca.caCertPem, certificate, afterCa)).toMatch(
      /peer0: the issuing CA .* expired 1 days ago .*: no certificate it issued is trusted/,
    );
    expect(caExpiryWarning("peer0", "", certificate, now)).toBeUndefined();
  });
});
