/**
 * `node dist/bench/failPreview.js`: what a failing `pulumi preview` costs beside a passing one, in one
 * run: the expiry gate (examples/expiry-gate) passing, failing, and failing its lookup; bench/throwing
 * passing, failing with a plain Error (the gate before) and with a stackless RunError (the gate now).
 * It prints a Markdown table: wall time, the program's CPU seconds and peak memory (VmHWM), load.
 *
 *   PULUMI_BCS_ENGINE_BIN  the engine (default: scripts/engine.sh)
 *   BENCH_MODULES          a directory whose node_modules the programs run with (default: this repo),
 *                          e.g. another @pulumi/pulumi; `node` is whichever PATH finds
 *   BENCH_REPEATS          previews per case (default 1); a plain Error costs minutes on Node 20/22
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator } from "../emulator/server";
import { installPackageCopy } from "../testing/installedPackage";
import { fixtureCredentials } from "../testing/fixture";
import { Engine, engineBin } from "./engine";
import { MemorySampler } from "./sampler";

const repo = resolve(__dirname, "../..");

interface Case {
  label: string;
  dir: string;
  stack: string;
  env: Record<string, string>;
}

interface Row {
  label: string;
  exitCode: number | null;
  wallS: number;
  programCpuS: number;
  programPeakMiB: number;
  foreignCpuS: number;
  unhandledReport: boolean;
}

/** A compiled program laid out as users install it: pulumi-bcs copied, the rest linked from `modulesRoot`. */
function installedProgram(program: string, dir: string, modulesRoot: string): string {
  mkdirSync(dir);
  installPackageCopy(dir, repo, modulesRoot);
  copyFileSync(join(repo, "dist", program, "index.js"), join(dir, "index.js"));
  copyFileSync(join(repo, program, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  return dir;
}

async function main(): Promise<void> {
  const repeats = Number(process.env.BENCH_REPEATS ?? 1);
  const modulesRoot = resolve(process.env.BENCH_MODULES ?? repo);
  const bin = engineBin();
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-failpreview-"));
  mkdirSync(join(scratch, "state"));
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  const engine = new Engine(bin, scratch, "bench-passphrase-not-secret");
  const sampler = new MemorySampler(`PULUMI_HOME=${engine.env.PULUMI_HOME}`, 200);
  try {
    const gate = installedProgram("examples/expiry-gate", join(scratch, "gate"), modulesRoot);
    const throwing = installedProgram("bench/throwing", join(scratch, "throwing"), modulesRoot);
    await engine.stack("gate", gate, { "pulumi-bcs-expiry-gate:window": { value: "30d" } });
    await engine.stack("unknownCa", gate, { "pulumi-bcs-expiry-gate:caId": { value: "99999999" } });
    for (const how of ["none", "runError", "error"])
      await engine.stack(how, throwing, { "pulumi-bcs-bench-throwing:failWith": { value: how } });
    const ncloud = {
      NCLOUD_ACCESS_KEY_ID: fixtureCredentials.ncloud.accessKey,
      NCLOUD_SECRET_ACCESS_KEY: fixtureCredentials.ncloud.secretKey,
      BCS_NCLOUD_ENDPOINT: emulator.url,
    };
    const cases: Case[] = [
      {
        label: "gate passes",
        dir: gate,
        stack: "gate",
        env: { ...ncloud, PULUMI_BCS_NOW: "2025-06-01T00:00:00Z" },
      },
      {
        label: "gate fails (stackless RunError)",
        dir: gate,
        stack: "gate",
        env: { ...ncloud, PULUMI_BCS_NOW: "2025-07-20T00:00:00Z" },
      },
      { label: "gate's lookup fails (unknown CA)", dir: gate, stack: "unknownCa", env: ncloud },
      { label: "apply passes", dir: throwing, stack: "none", env: {} },
      { label: "apply throws a stackless RunError", dir: throwing, stack: "runError", env: {} },
      { label: "apply throws an Error", dir: throwing, stack: "error", env: {} },
    ];
    await sampler.start();
    const rows: Row[] = [];
    for (let r = 0; r < repeats; r++)
      for (const c of cases) {
        await sampler.take();
        const result = await engine.attempt(c.dir, ["preview", "--stack", c.stack], c.env);
        const window = await sampler.take();
        const program = window.byKind.program;
        rows.push({
          label: c.label,
          exitCode: result.code,
          wallS: Math.round(result.ms / 100) / 10,
          programCpuS: program.cpuS,
          programPeakMiB: Math.round(program.hwmKiB / 1024),
          foreignCpuS: window.foreignCpuS,
          unhandledReport: result.output.includes("failed with an unhandled exception"),
        });
        process.stderr.write(`failPreview: ${JSON.stringify(rows[rows.length - 1])}\n`);
      }
    sampler.stop();
    const version = (file: string) =>
      execFileSync("node", ["-p", `require(${JSON.stringify(file)}).version`], { encoding: "utf8" }).trim();
    const env = { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: engine.env.PULUMI_HOME };
    console.log(
      `node ${execFileSync("node", ["--version"], { encoding: "utf8" }).trim()}, ` +
        `pulumi ${execFileSync(join(bin, "pulumi"), ["version"], { encoding: "utf8", env }).trim()}, ` +
        `@pulumi/pulumi ${version(join(modulesRoot, "node_modules/@pulumi/pulumi/package.json"))}\n`,
    );
    console.log(
      "| preview | exit | wall s | program CPU s | program peak MiB | SDK's unhandled-exception report | other load, CPU s |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    for (const row of rows)
      console.log(
        `| ${row.label} | ${row.exitCode} | ${row.wallS} | ${row.programCpuS} | ${row.programPeakMiB} | ${row.unhandledReport ? "yes" : "no"} | ${row.foreignCpuS} |`,
      );
  } finally {
    sampler.stop();
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
