import { readFileSync } from "node:fs";

/** Reads `pulumi stack output --json` of the demo on stdin and prints two tables. */
interface DemoOutputs {
  certificates: {
    userName: string;
    subject: string;
    notAfter: string;
    serialNumber: string;
    frozen: boolean;
  }[];
  identityTable: { identityName: string; identityType: string; expireDate: string; createDate: string }[];
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const outputs = JSON.parse(readFileSync(0, "utf8")) as DemoOutputs;
console.log("\nUser certificates (Huawei BCS)");
console.log(
  table(
    ["user", "subject", "expires", "serial", "frozen"],
    outputs.certificates.map((c) => [c.userName, c.subject, c.notAfter, c.serialNumber, String(c.frozen)]),
  ),
);
console.log("\nCA identities (NAVER Cloud, network 1630, CA 25728700)");
console.log(
  table(
    ["name", "type", "expires", "created"],
    outputs.identityTable.map((i) => [i.identityName, i.identityType, i.expireDate, i.createDate]),
  ),
);
