import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { faultConfigFromCli } from "../emulator/faults/config";
import { startEmulator } from "../emulator/server";
import { emulatorStackConfig } from "../emulator/stackConfig";
import { describeVariants, variantOptionsFrom } from "../emulator/variants";

/**
 * `node dist/cli/emulator.js [--port 8787] [--data .state/emulator] [--fixture file] [--faults file.json]`;
 * without `--faults`, the env `BCS_EMULATOR_FAULTS` (JSON text) configures fault injection;
 * `--variant-seed <n|random>` (or the env `BCS_EMULATOR_VARIANT_SEED`) picks the answers the official
 * sources leave open (emulator/variants.ts); `--freeze-latency-ms <n>` (or `BCS_EMULATOR_FREEZE_LATENCY_MS`)
 * keeps a frozen certificate counted as active for n ms, as the real service does for 30 to 60 s.
 */
async function main(
  args: string[],
  opts: { defaultDataDir: string; printStackConfig: boolean },
): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8787" },
      data: { type: "string", default: opts.defaultDataDir },
      fixture: { type: "string" },
      faults: { type: "string" },
      "variant-seed": { type: "string" },
      "freeze-latency-ms": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a port number`);
  const latency = values["freeze-latency-ms"] ?? process.env.BCS_EMULATOR_FREEZE_LATENCY_MS;
  if (latency !== undefined && latency !== "" && !/^\d{1,7}$/.test(latency))
    throw new Error(`--freeze-latency-ms ${latency} is not a whole number of milliseconds`);
  const emulator = await startEmulator({
    port,
    dataDir: resolve(values.data),
    fixturePath: values.fixture === undefined ? undefined : resolve(values.fixture),
    faults: faultConfigFromCli(values.faults, process.env.BCS_EMULATOR_FAULTS),
    variants:
      values["variant-seed"] !== undefined
        ? variantOptionsFrom(values["variant-seed"], "--variant-seed")
        : variantOptionsFrom(process.env.BCS_EMULATOR_VARIANT_SEED, "BCS_EMULATOR_VARIANT_SEED"),
    freezeLatencyMs: latency ? Number(latency) : undefined,
  });
  console.log(`emulator listening on ${emulator.url}`);
  if (opts.printStackConfig && !values.fixture) {
    console.log("point a stack at it (the default fixture's credentials; Ctrl-C stops the emulator):");
    for (const [kind, key, value] of emulatorStackConfig(emulator.url))
      console.log(`  pulumi config set ${kind === "secret" ? "--secret " : ""}${key} ${value}`);
  }
  // The seed is what replays a failing run: always print it.
  if (emulator.faults) console.log(`emulator faults on: ${JSON.stringify(emulator.faults)}`);
  console.log(describeVariants(emulator.variants));
  if (emulator.timing.freezeLatencyMs > 0)
    console.log(`emulator freezes take effect after ${emulator.timing.freezeLatencyMs} ms`);

  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`emulator: closing failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Runs the emulator until SIGINT or SIGTERM; a start-up error exits 1. */
export function runEmulatorCli(
  args: string[],
  opts: { defaultDataDir: string; printStackConfig: boolean },
): void {
  main(args, opts).catch((err: unknown) => {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(1);
  });
}

if (require.main === module)
  runEmulatorCli(process.argv.slice(2), { defaultDataDir: ".state/emulator", printStackConfig: false });
