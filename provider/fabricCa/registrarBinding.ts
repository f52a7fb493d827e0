import type { Settings } from "./settings";

/**
 * The registrar belongs to one CA (fabric-ca-client keeps an enrollment with the URL it was made at):
 * `bcs:fabricCaUrl` names the CAs it may be sent to. Any other URL is refused before a request.
 */

const SETTING = "bcs:fabricCaUrl (BCS_FABRIC_CA_URL)";

/** A URL as compared: scheme, host and port as `URL` normalises them, and the path without a trailing `/`. */
function normalised(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname.replace(/\/+$/, "");
}

/** The CAs bcs:fabricCaUrl names, normalised; empty when it is not set. */
function allowedCas(settings: Settings): string[] {
  return (settings.fabricCaUrl ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "")
    .map(normalised);
}

/** Why the registrar may not be used at `url` (already a valid endpoint), naming `field`; undefined when it may. */
export function registrarBindingProblem(settings: Settings, field: string, url: string): string | undefined {
  const allowed = allowedCas(settings);
  const at = normalised(url);
  if (allowed.includes(at)) return undefined;
  if (allowed.length === 0)
    return (
      `${field} ${at}: ${SETTING} is not set. The Fabric CA registrar is sent only to the CAs that ` +
      `setting names (one URL, or several separated by commas); if ${at} is your registrar's CA, ` +
      `run \`pulumi config set bcs:fabricCaUrl ${at}\``
    );
  return (
    `${field} ${at} is not a CA the registrar may be used at: ${SETTING} names ${allowed.join(", ")}. ` +
    "Nothing was sent to it; fix the URL, or add it to bcs:fabricCaUrl if the registrar belongs there too"
  );
}

/** Throws {@link registrarBindingProblem}'s message. */
export function assertRegistrarMayGo(settings: Settings, field: string, url: string): void {
  const problem = registrarBindingProblem(settings, field, url);
  if (problem) throw new Error(problem);
}
