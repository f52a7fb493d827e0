import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pythonEnv, pythonSdk } from "../../testing/languagePythonBin";

/**
 * examples/python is typed: mypy (--strict, examples/python/mypy.ini) checks it against the Python
 * SDK generated from the package schema, and fails when the program misuses one of its types.
 */
jest.setTimeout(5 * 60 * 1000);

const repo = resolve(__dirname, "../..");
const example = readFileSync(join(repo, "examples/python/__main__.py"), "utf8");
let scratch: string;

/**
 * mypy on `source` as examples/python's program: its exit status and what it printed. Each call
 * gets a folder and cache of its own: mypy trusts a cached file of the same size and mtime, so two
 * misuses that change the program by the same number of characters in one second would otherwise
 * be checked as the first.
 */
function mypy(source: string): { status: number; printed: string } {
  const run = mkdtempSync(join(scratch, "run-"));
  const program = join(run, "__main__.py");
  writeFileSync(program, source);
  const args = [
    "--config-file",
    join(repo, "examples/python/mypy.ini"),
    "--cache-dir",
    join(run, "cache"),
    program,
  ];
  try {
    const printed = execFileSync(join(pythonEnv(), "bin/mypy"), args, {
      encoding: "utf8",
      env: { ...process.env, MYPYPATH: pythonSdk() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { status: 0, printed };
  } catch (err) {
    const { status, stdout } = err as { status: number; stdout: string };
    return { status, printed: stdout };
  }
}

/** The example with `from` (which must be in it) replaced by `to`. */
function misused(from: string, to: string): string {
  expect(example).toContain(from);
  return example.replace(from, to);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-mypy-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("examples/python type-checks against the generated SDK", () => {
  expect(mypy(example)).toEqual({ status: 0, printed: expect.stringMatching(/^Success: no issues found/) });
});

it.each([
  [
    "a bool input given a string",
    ["security_mode=True", 'security_mode="yes"'],
    /"security_mode".*incompatible type "str"; expected "bool \| Awaitable\[bool\] \| Output\[bool\] \| None"/,
  ],
  [
    "a required input left out",
    ['        org_name="org1",\n', ""],
    /Missing named argument "org_name" for "UserCertificateArgs"/,
  ],
  [
    "an input the resource does not have",
    [
      'renew_before="30d",\n    ),\n)\n\n# NAVER',
      'renew_before="30d",\n        frozen=True,\n    ),\n)\n\n# NAVER',
    ],
    /Unexpected keyword argument "frozen" for "FabricCaUserCertificateArgs"/,
  ],
  [
    "an output misspelled",
    ["app_user.private_key_pem", "app_user.private_key"],
    /"UserCertificate" has no attribute "private_key"/,
  ],
  [
    "an int argument given a string",
    ['cfg.require_int("networkId")', 'cfg.require("networkId")'],
    /"network_id".*incompatible type "str"; expected "int \| None"/,
  ],
] as [string, [string, string], RegExp][])("mypy refuses %s", (_, [from, to], error) => {
  const { status, printed } = mypy(misused(from, to));
  expect(status).toBe(1);
  expect(printed).toMatch(error);
});
