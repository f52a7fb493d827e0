import { createPrivateKey, X509Certificate } from "node:crypto";
import { strToU8, unzipSync, zipSync } from "fflate";
import { mspArchive, type ArchiveContents } from "../../../emulator/huawei/mspArchive";
import {
  createIntermediateCa,
  createOrgCa,
  ECDSA,
  issueUserCertificate,
  type Signing,
} from "../../../emulator/pki";
import { chooseVariants, VARIANT_NAMES, variantChoices, type VariantPicks } from "../../../emulator/variants";
import { isSignedBy, SM2_DEFAULT_ID } from "../../../provider/common/certificateSignature";
import { certificateInfo } from "../../../provider/common/certificateInfo";
import { acceptCertificateArchive, ArchiveError } from "../../../provider/huawei/certArchive";
import { opensslVerifyChain } from "../../support/opensslChain";

const SM2_GMT: Signing = { algorithm: "SM2", id: SM2_DEFAULT_ID };
const SM2_EMPTY: Signing = { algorithm: "SM2", id: "" };
const pick = (name: keyof typeof variantChoices, value: unknown) =>
  (variantChoices[name] as readonly unknown[]).indexOf(value);

/** A zip as the emulator answers it, for `signing` and the layout variants in `picks`. */
async function answer(signing: Signing, picks: Partial<VariantPicks>, userName = "user0001") {
  const now = new Date();
  const defaults = Object.fromEntries(VARIANT_NAMES.map((name) => [name, 0])) as VariantPicks;
  const variants = chooseVariants({ seed: 0, pick: { ...defaults, ...picks } }).values;
  const ca = await createOrgCa("bcs-1", "org1", now, signing);
  const intermediate =
    variants.caChain === "intermediate" ? await createIntermediateCa(ca, "org1", now) : undefined;
  const issued = await issueUserCertificate(intermediate ?? ca, userName, "org1", now);
  const tls = variants.archiveTls
    ? await issueUserCertificate(intermediate ?? ca, userName, "org1", now)
    : undefined;
  const contents: ArchiveContents = { issued, ca, intermediate, tls, userName, orgName: "org1" };
  return { zip: mspArchive(contents, variants), ca, intermediate, issued };
}

describe.each([
  ["ECDSA", ECDSA],
  ["SM2 with GM/T 0009's default ID", SM2_GMT],
  ["SM2 with OpenSSL's empty ID", SM2_EMPTY],
])("a %s blockchain's archive", (_name, signing) => {
  it("is accepted with its key, and its outputs are those of any certificate", async () => {
    const { zip, ca, issued } = await answer(signing, {});
    const accepted = acceptCertificateArchive(zip, "user0001");
    expect(accepted.certificatePem).toBe(issued.certificatePem);
    expect(accepted.caCertificatePem).toBe(ca.certificatePem);
    const cert = new X509Certificate(accepted.certificatePem);
    expect(cert.checkPrivateKey(createPrivateKey(accepted.privateKeyPem))).toBe(true);
    expect(certificateInfo(accepted.certificatePem)).toMatchObject({
      serialNumber: issued.serialNumber,
      subject: "CN=user0001,OU=client,O=org1,C=CN",
      fingerprintSha256: cert.fingerprint256,
    });
  });

  it("has a chain that Debian's openssl verifies, with the ID it was signed with and not another", async () => {
    const { zip } = await answer(signing, { caChain: pick("caChain", "intermediate") });
    const accepted = acceptCertificateArchive(zip, "user0001");
    const id = signing.algorithm === "SM2" && signing.id !== "" ? signing.id : undefined;
    expect(opensslVerifyChain(accepted.caCertificatePem, accepted.certificatePem, id)).toHaveLength(2);
    if (signing.algorithm === "SM2")
      expect(() =>
        opensslVerifyChain(
          accepted.caCertificatePem,
          accepted.certificatePem,
          id ? undefined : SM2_DEFAULT_ID,
        ),
      ).toThrow(/verification failed|signature failure/);
  });

  it("is refused when the certificate's signature does not verify", async () => {
    const { zip } = await answer(signing, {});
    const files = unzipSync(zip);
    const certPath = Object.keys(files).find((p) => p.includes("/signcerts/"))!;
    const der = Buffer.from(new X509Certificate(Buffer.from(files[certPath])).raw);
    der[der.length - 1] ^= 0x01; // the last byte of the signature's s
    files[certPath] = strToU8(
      `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`,
    );
    const error = (() => {
      try {
        acceptCertificateArchive(zipSync(files), "user0001");
      } catch (err) {
        return err as ArchiveError;
      }
      throw new Error("accepted");
    })();
    expect(error.message).toMatch(
      /the certificate is not signed by the CA certificate that it names as its issuer/,
    );
    expect(error.spoiled).toBe(false);
  });
});

describe("Fabric's MSP layouts", () => {
  it("builds caCertificatePem from intermediatecerts/ up to cacerts/, issuer first", async () => {
    const { zip, ca, intermediate } = await answer(SM2_GMT, { caChain: pick("caChain", "intermediate") });
    const accepted = acceptCertificateArchive(zip, "user0001");
    expect(accepted.caCertificatePem).toBe(intermediate!.certificatePem + ca.certificatePem);
    expect(
      isSignedBy(new X509Certificate(intermediate!.certificatePem), new X509Certificate(ca.certificatePem)),
    ).toBe(true);
  });

  it("refuses an intermediate whose root is not under cacerts/, as a layout (no second certificate)", async () => {
    const { zip } = await answer(ECDSA, { caChain: pick("caChain", "intermediate") });
    const files = unzipSync(zip);
    for (const path of Object.keys(files)) if (path.includes("/cacerts/")) delete files[path];
    let error: ArchiveError | undefined;
    try {
      acceptCertificateArchive(zipSync(files), "user0001");
    } catch (err) {
      error = err as ArchiveError;
    }
    expect(error?.message).toMatch(/does not end at a certificate under msp\/cacerts/);
    expect(error?.spoiled).toBe(false);
  });

  it.each<[string, Partial<VariantPicks>]>([
    ["a wrapper folder", { archiveFolder: 1 }],
    ["cryptogen's users/<name>/msp, beside tls/", { archiveFolder: 2, archiveTls: 1 }],
    ["a SEC1 key and a binary IssuerPublicKey", { keyEncoding: 1, binaryEntry: 1 }],
  ])("reads %s", async (_name, picks) => {
    for (const signing of [ECDSA, SM2_GMT]) {
      const { zip, issued } = await answer(signing, picks);
      const accepted = acceptCertificateArchive(zip, "user0001");
      expect(accepted.certificatePem).toBe(issued.certificatePem);
      expect(Object.keys(accepted.msp).every((p) => !p.includes("tls/") && !p.startsWith("msp/"))).toBe(true);
      if (picks.keyEncoding) expect(accepted.privateKeyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    }
  });

  it("refuses two msp/ folders, naming both", async () => {
    const { zip } = await answer(ECDSA, {});
    const files = unzipSync(zip);
    for (const [path, data] of Object.entries(files)) files[`copy/${path}`] = data;
    expect(() => acceptCertificateArchive(zipSync(files), "user0001")).toThrow(
      /more than one msp\/ folder \(copy\/msp\/, msp\/\)/,
    );
  });
});
