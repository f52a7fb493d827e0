import { strToU8, zipSync } from "fflate";
import { readCertificateArchive } from "../../provider/huawei/certArchive";

const cert = (label: string) => `-----BEGIN CERTIFICATE-----\n${label}\n-----END CERTIFICATE-----\n`;
const key = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n";

describe("the certificate zip", () => {
  it("finds certificate, key and CA by folder, whatever the file names", () => {
    const zip = zipSync({
      "msp/keystore/0a1b2c_sk": strToU8(key),
      "msp/signcerts/appuser01@org1-cert.pem": strToU8(cert("USER")),
      "msp/cacerts/ca.org1-cert.pem": strToU8(cert("CA")),
      "msp/tlscacerts/tlsca.org1-cert.pem": strToU8(cert("TLSCA")),
    });
    const archive = readCertificateArchive(zip);
    expect(archive.certificatePem).toBe(cert("USER"));
    expect(archive.privateKeyPem).toBe(key);
    expect(archive.caCertificatePem).toBe(cert("CA"));
    expect(Object.keys(archive.entries)).toHaveLength(4);
  });

  it("accepts a top-level folder around msp/", () => {
    const zip = zipSync({
      "appuser01/msp/keystore/priv_sk": strToU8(key),
      "appuser01/msp/signcerts/cert.pem": strToU8(cert("USER")),
      "appuser01/msp/cacerts/ca.pem": strToU8(cert("CA")),
    });
    expect(readCertificateArchive(zip).certificatePem).toBe(cert("USER"));
  });

  it("names what is missing", () => {
    const zip = zipSync({
      "msp/signcerts/cert.pem": strToU8(cert("USER")),
      "msp/cacerts/ca.pem": strToU8(cert("CA")),
    });
    expect(() => readCertificateArchive(zip)).toThrow(
      /no PEM private key under keystore\/ \(entries: msp\/signcerts\/cert.pem, msp\/cacerts\/ca.pem\)/,
    );
  });

  it("refuses a truncated or corrupt zip", () => {
    const zip = zipSync({ "msp/keystore/k_sk": strToU8(key) });
    expect(() => readCertificateArchive(zip.subarray(0, zip.length - 10))).toThrow(/not a readable zip/);
    expect(() => readCertificateArchive(strToU8('{"result":"success"}'))).toThrow(/not a readable zip/);
  });
});
