import { readFileSync } from "node:fs";

/** Prints a titled table with aligned columns. */
export function printTable(title: string, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log([line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
}

/** Reads `pulumi stack output --json` of the Huawei/NAVER demo on stdin and prints two tables. */
interface DemoOutputs {
  certificates: {
    userName: string;
    subject: string;
    notAfter: string;
    expiresInDays: number;
    serialNumber: string;
    frozen: boolean;
  }[];
  identityTable: { identityName: string; identityType: string; expireDate: string; createDate: string }[];
}

if (require.main === module) {
  const outputs = JSON.parse(readFileSync(0, "utf8")) as DemoOutputs;
  printTable(
    "User certificates (Huawei BCS)",
    ["user", "subject", "expires", "days left", "serial", "frozen"],
    outputs.certificates.map((c) => [
      c.userName,
      c.subject,
      c.notAfter,
      String(c.expiresInDays),
      c.serialNumber,
      String(c.frozen),
    ]),
  );
  printTable(
    "CA identities (NAVER Cloud, network 1630, CA 25728700)",
    ["name", "type", "expires", "created"],
    outputs.identityTable.map((i) => [i.identityName, i.identityType, i.expireDate, i.createDate]),
  );
}
