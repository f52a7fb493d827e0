import { cachedBuild } from "./serverProcess";

/**
 * The directory of pulumi-language-java: PULUMI_BCS_LANGUAGE_JAVA_BIN (set by `npm test`), or what
 * scripts/language-host.sh java builds or finds in its cache.
 */
export const languageJavaBin = cachedBuild("PULUMI_BCS_LANGUAGE_JAVA_BIN", "language-host.sh", "java");

/**
 * The Maven repository of the Java face (com.pulumi:pulumi and the pinned plugins, from Maven Central):
 * PULUMI_BCS_JAVA_MAVEN (set by `npm test`), or what scripts/java-maven.sh fills or finds in its cache.
 * Read-only: a build that installs into a repository works on a copy.
 */
export const javaMaven = cachedBuild("PULUMI_BCS_JAVA_MAVEN", "java-maven.sh");

/**
 * The directory of bcs-java-example.jar, its lib/ and host/ (the Java host that runs that jar),
 * examples/java built against the generated Java SDK: PULUMI_BCS_JAVA_PROGRAM_BIN (set by `npm test`), or what scripts/java-program.sh builds or finds
 * in its cache (it generates the SDK first, from the compiled schema in dist/).
 */
export const javaProgramBin = cachedBuild("PULUMI_BCS_JAVA_PROGRAM_BIN", "java-program.sh");
