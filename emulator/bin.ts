#!/usr/bin/env node
import { runEmulatorCli } from "./cli";

/**
 * The package's command, for trying pulumi-bcs with no cloud account:
 * `npx pulumi-bcs emulator [--port 8787] [--data .pulumi-bcs-emulator] [--fixture file] [--faults file.json]`.
 */
const [command, ...args] = process.argv.slice(2);
if (command !== "emulator") {
  console.error(
    "usage: pulumi-bcs emulator [--port 8787] [--data .pulumi-bcs-emulator] [--fixture file.json] [--faults file.json]\n" +
      "  starts a local emulator of Huawei Cloud BCS and NAVER Cloud Blockchain Service and prints the\n" +
      "  `pulumi config set` commands that point a stack at it",
  );
  process.exit(command === undefined || command === "--help" || command === "help" ? 0 : 2);
}
runEmulatorCli(args, { defaultDataDir: ".pulumi-bcs-emulator", printStackConfig: true });
