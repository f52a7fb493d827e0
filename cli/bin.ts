#!/usr/bin/env node
import { CHECK_USAGE, runCheckCli } from "./check";
import { runEmulatorCli } from "./emulator";

/**
 * The package's command: `npx pulumi-bcs emulator [--port 8787] [--data .pulumi-bcs-emulator] [--fixture file]
 * [--faults file.json]` for trying pulumi-bcs with no cloud account, and `npx pulumi-bcs check` before
 * the first `pulumi up` against a real one.
 */
const [command, ...args] = process.argv.slice(2);
if (command === "check") {
  // The checks live in preflight/ and the emulator in emulator/; this file only dispatches.
  runCheckCli(args).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`pulumi-bcs check: ${(err as Error).message}\n${CHECK_USAGE}`);
      process.exit(2);
    },
  );
} else if (command !== "emulator") {
  console.error(
    "usage: pulumi-bcs emulator [--port 8787] [--data .pulumi-bcs-emulator] [--fixture file.json] [--faults file.json]\n" +
      "  starts a local emulator of Huawei Cloud BCS and NAVER Cloud Blockchain Service and prints the\n" +
      "  `pulumi config set` commands that point a stack at it\n" +
      CHECK_USAGE,
  );
  process.exit(command === undefined || command === "--help" || command === "help" ? 0 : 2);
} else {
  runEmulatorCli(args, { defaultDataDir: ".pulumi-bcs-emulator", printStackConfig: true });
}
