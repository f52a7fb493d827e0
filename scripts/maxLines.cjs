/**
 * No source file over 400 lines (issue 12): a file that long usually does several jobs. Each exception
 * is named here with its reason. Run by `npm run lint` and scripts/test.sh.
 */
const { execFileSync } = require("node:child_process");
const { readFileSync } = require("node:fs");

const MAX_LINES = 400;
const FOLDERS = ["provider", "sdk", "cli", "emulator", "bench", "scripts", "testing"];
const ALLOWED = {
  "provider/fabricCa/client.ts":
    "one job: the typed client of every Fabric CA route, each with its answer check",
};

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", ...FOLDERS], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"));
const tooLong = files
  .map((file) => ({ file, lines: readFileSync(file, "utf8").split("\n").length - 1 }))
  .filter(({ file, lines }) => lines > MAX_LINES && !(file in ALLOWED));
for (const { file, lines } of tooLong)
  console.error(
    `${file}: ${lines} lines (at most ${MAX_LINES}; split it, or name it in scripts/maxLines.cjs with why)`,
  );
process.exit(tooLong.length > 0 ? 1 : 0);
