import { parseArgs } from "node:util";
import { clockFrom } from "../provider/common/clock";
import { holdSecret, scrub } from "../provider/http/scrub";
import { resolveSettings, secretValues } from "../provider/common/settings";
import { formatRows, runChecks } from "./check";
import { stackConfig } from "./stackConfig";

export const CHECK_USAGE =
  "usage: pulumi-bcs check [--huawei-project <project id>] [--stack <name>]\n" +
  "  checks, per configured cloud, that the endpoint answers over valid TLS, the clock is close to the\n" +
  "  server's, and the credentials and project are accepted; creates nothing. Reads the stack's bcs:\n" +
  "  config in a Pulumi project (through the pulumi CLI), then the same environment variables as the\n" +
  "  provider (BCS_*, HW_*, OS_*, NCLOUD_*); exits 1 when a check fails";

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
  const source = await stackConfig(cwd, env, values.stack);
  let settings;
  try {
    settings = resolveSettings(source.readConfig, env);
  } catch (err) {
    print(`pulumi-bcs check: ${(err as Error).message}`);
    return 1;
  }
  secretValues(settings).forEach(holdSecret);
  const rows = await runChecks(settings, { huaweiProjectId: values["huawei-project"], now: clockFrom(env) });
  if (rows.length === 0) {
    print(
      "pulumi-bcs check: no cloud is configured: set the Huawei (HW_ACCESS_KEY/HW_SECRET_KEY, HW_AUTH_TOKEN or " +
        "HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME) or NAVER (NCLOUD_ACCESS_KEY_ID/NCLOUD_SECRET_ACCESS_KEY) settings",
    );
    return 1;
  }
  print(scrub(`settings: ${source.note}\n${formatRows(rows)}`, secretValues(settings)));
  return rows.some((r) => r.outcome === "FAIL") ? 1 : 0;
}
