import { parseArgs } from "node:util";
import { clockFrom } from "../provider/common/clock";
import { holdSecret, scrub } from "../provider/http/scrub";
import { resolveSettings, secretValues } from "../provider/settings";
import { formatRows, passed, runChecks } from "../preflight/check";
import { stackConfig, stackConfigTimeoutMs } from "../preflight/stackConfig";

export const CHECK_USAGE =
  "usage: pulumi-bcs check [--huawei-project <project id>] [--stack <name>]\n" +
  "  (the project id also from bcs:huaweiProjectId, HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID)\n" +
  "  checks, per configured cloud, that the endpoint answers over valid TLS, the clock is close to the\n" +
  "  server's, and the credentials and project are accepted; creates nothing. Reads the stack's bcs:\n" +
  "  config in a Pulumi project (through the pulumi CLI), then the same environment variables as the\n" +
  "  provider (BCS_*, HW_*, OS_*, NCLOUD_*); exits 1 when a check fails or the credentials could not be checked";

/**
 * `pulumi-bcs check`: the preflight before a first `pulumi up`. Returns the exit code; everything it
 * prints is scrubbed of the credentials it read.
 */
export async function runCheckCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (text: string) => void = (text) => console.log(text),
  cwd: string = process.cwd(),
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { "huawei-project": { type: "string" }, stack: { type: "string" } },
    strict: true,
  });
  let settings;
  let source;
  try {
    source = await stackConfig(cwd, env, values.stack, stackConfigTimeoutMs(env));
    settings = resolveSettings(source.readConfig, env);
  } catch (err) {
    print(`pulumi-bcs check: ${(err as Error).message}`);
    return 1;
  }
  secretValues(settings).forEach(holdSecret);
  const huaweiProjectId = values["huawei-project"] ?? settings.huaweiProjectId;
  const rows = await runChecks(settings, { huaweiProjectId, now: clockFrom(env) });
  if (rows.length === 0) {
    print(
      "pulumi-bcs check: no cloud is configured: set the Huawei (HW_ACCESS_KEY/HW_SECRET_KEY, HW_AUTH_TOKEN or " +
        "HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME) or NAVER (NCLOUD_ACCESS_KEY_ID/NCLOUD_SECRET_ACCESS_KEY) settings",
    );
    return 1;
  }
  print(scrub(`settings: ${source.note}\n${formatRows(rows)}`, secretValues(settings)));
  // A stack named on the command line that could not be read was not checked, whatever the rows say.
  return passed(rows) && !(values.stack && source.failed) ? 0 : 1;
}
