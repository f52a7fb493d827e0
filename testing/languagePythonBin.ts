import { cachedBuild } from "./serverProcess";

/**
 * The directory of pulumi-language-python and pulumi-language-python-exec:
 * PULUMI_BCS_LANGUAGE_PYTHON_BIN (set by `npm test`), or what scripts/language-host.sh python builds or
 * finds in its cache.
 */
export const languagePythonBin = cachedBuild("PULUMI_BCS_LANGUAGE_PYTHON_BIN", "language-host.sh", "python");

/**
 * The virtual environment of the Python face (pulumi and mypy at tools/python/requirements.txt):
 * PULUMI_BCS_PYTHON_ENV (set by `npm test`), or what scripts/python-env.sh makes or finds in its cache.
 */
export const pythonEnv = cachedBuild("PULUMI_BCS_PYTHON_ENV", "python-env.sh");

/**
 * The directory holding the generated `pulumi_bcs` package: PULUMI_BCS_PYTHON_SDK (set by `npm test`),
 * or what scripts/python-sdk.sh generates or finds in its cache (from the compiled schema in dist/).
 */
export const pythonSdk = cachedBuild("PULUMI_BCS_PYTHON_SDK", "python-sdk.sh");
