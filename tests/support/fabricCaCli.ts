import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningFabricCa } from "../../testing/fabricCaServer";

/** The real fabric-ca-client, enrolled as the bootstrap admin of `ca`: changes made behind Pulumi's back. */
export interface FabricCaCli {
  /** Its home (`-H`): the MSP folder, and `msp/crls/crl.pem` after `gencrl`. */
  home: string;
  /** Runs a command against the CA; returns what it printed. */
  run(args: string[]): string;
}

export function enrolledFabricCaCli(ca: RunningFabricCa): FabricCaCli {
  const home = mkdtempSync(join(tmpdir(), "fabric-client-"));
  const bin = join(ca.bin, "fabric-ca-client");
  const { host } = new URL(ca.url);
  execFileSync(
    bin,
    ["enroll", "-H", home, "-u", `http://${ca.bootstrap.id}:${ca.bootstrap.secret}@${host}`],
    {
      stdio: "ignore",
    },
  );
  return {
    home,
    run: (args) => execFileSync(bin, [...args, "-H", home, "-u", ca.url], { encoding: "utf8" }),
  };
}
