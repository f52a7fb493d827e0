import { emulatorStackConfig } from "../emulator/stackConfig";

/**
 * Prints the demo stack's config for an emulator at the given URL, one `kind<TAB>key<TAB>value` line
 * per setting; credentials are the fixture's and are stored as secrets.
 */
for (const line of emulatorStackConfig(process.argv[2])) console.log(line.join("\t"));
