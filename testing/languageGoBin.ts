import { cachedBuild } from "./serverProcess";

/**
 * The directory of pulumi-language-go: PULUMI_BCS_LANGUAGE_GO_BIN (set by `npm test`), or what
 * scripts/language-host.sh go builds or finds in its cache.
 */
export const languageGoBin = cachedBuild("PULUMI_BCS_LANGUAGE_GO_BIN", "language-host.sh", "go");

/**
 * The directory of bcs-go-example, examples/go compiled against the generated Go SDK:
 * PULUMI_BCS_GO_PROGRAM_BIN (set by `npm test`), or what scripts/go-program.sh builds or finds in its
 * cache (it generates the SDK first, from the compiled schema in dist/).
 */
export const goProgramBin = cachedBuild("PULUMI_BCS_GO_PROGRAM_BIN", "go-program.sh");
