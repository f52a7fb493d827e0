import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g;

/**
 * Verifies `certPem` up its chain (`chainPem`: its issuer first, up to the root) with Debian's
 * `openssl verify`, one link at a time: OpenSSL 3.0 applies `-vfyopt distid:` (the SM2 distinguishing
 * ID) to the certificate being verified only, not to the rest of its chain. Returns the outputs;
 * throws when a link fails.
 */
export function opensslVerifyChain(chainPem: string, certPem: string, sm2Id?: string): string[] {
  const chain = chainPem.match(PEM_CERT) ?? [];
  if (chain.length === 0) throw new Error("no certificate in the chain");
  const dir = mkdtempSync(join(tmpdir(), "bcs-openssl-chain-"));
  try {
    let subject = certPem;
    return chain.map((issuer, i) => {
      writeFileSync(join(dir, `cert${i}.pem`), subject);
      writeFileSync(join(dir, `issuer${i}.pem`), issuer);
      const id = sm2Id === undefined ? [] : ["-vfyopt", `distid:${sm2Id}`];
      const out = execFileSync(
        "/usr/bin/openssl",
        [
          "verify",
          ...id,
          "-partial_chain",
          "-CAfile",
          join(dir, `issuer${i}.pem`),
          join(dir, `cert${i}.pem`),
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      subject = issuer;
      return out;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
