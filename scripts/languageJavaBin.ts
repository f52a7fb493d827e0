import { cachedBuild } from "./serverProcess";

/**
 * The directory of bcs-java-example.jar, its lib/ and host/ (the Java host that runs that jar),
 * examples/java built against the generated Java SDK: PULUMI_BCS_JAVA_PROGRAM_BIN (set by `npm test`), or what scripts/java-program.sh builds or finds
 * in its cache (it generates the SDK first, from the compiled schema in dist/).
 */
export const javaProgramBin = cachedBuild("PULUMI_BCS_JAVA_PROGRAM_BIN", "java-program.sh");
