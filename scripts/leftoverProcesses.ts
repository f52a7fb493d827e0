import { killProcessTree, leftoverProcesses } from "../testing/processTree";

/**
 * `node dist/scripts/leftoverProcesses.js <marker>`, run by scripts/test.sh once every suite is done:
 * lists the processes that the run started and that are still running (their environment holds
 * PULUMI_BCS_TEST_RUN=<marker>, which test.sh exported; this process must be started without it), and
 * kills them. Exits 1 when there were any.
 */
async function main(): Promise<void> {
  const marker = process.argv[2];
  if (!marker) throw new Error("usage: leftoverProcesses.js <marker>");
  const left = await leftoverProcesses("PULUMI_BCS_TEST_RUN", marker);
  if (left.length === 0) return;
  console.error(`test: ${left.length} process(es) started by this run were still running (killed now):`);
  for (const { pid, command } of left) console.error(`  ${pid} ${JSON.stringify(command.slice(0, 300))}`);
  for (const { pid } of left) killProcessTree(pid);
  process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
