import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { javaProgramBin } from "../../testing/languageJavaBin";

/**
 * examples/java is typed: javac compiles it against the Java SDK generated from the package schema
 * (the jars examples/java's build puts in lib/, com.pulumi:bcs among them), and refuses it when the
 * program misuses one of its types.
 */
jest.setTimeout(5 * 60 * 1000);

const repo = resolve(__dirname, "../..");
const source = "examples/java/src/main/java/bcs/example/App.java";
const example = readFileSync(join(repo, source), "utf8");
let scratch: string;
let classpath: string;

/** javac on `program` as examples/java's App.java: its exit status and what it printed. */
function javac(program: string): { status: number; printed: string } {
  const run = mkdtempSync(join(scratch, "run-"));
  const file = join(run, "App.java");
  writeFileSync(file, program);
  const args = [
    "-Xlint:all",
    "-Werror",
    "--release",
    "11",
    "-cp",
    classpath,
    "-d",
    join(run, "classes"),
    file,
  ];
  try {
    execFileSync("javac", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { status: 0, printed: "" };
  } catch (err) {
    const { status, stderr } = err as { status: number; stderr: string };
    return { status, printed: stderr };
  }
}

/** The example with `from` (which must be in it) replaced by `to`. */
function misused(from: string, to: string): string {
  expect(example).toContain(from);
  return example.replace(from, to);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-javac-"));
  const lib = join(javaProgramBin(), "lib");
  const jars = readdirSync(lib).filter((f) => f.endsWith(".jar"));
  expect(jars).toContain("bcs-0.1.0.jar");
  classpath = jars.map((jar) => join(lib, jar)).join(":");
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("examples/java compiles against the generated SDK, without a warning", () => {
  expect(javac(example)).toEqual({ status: 0, printed: "" });
});

it.each([
  [
    "a bool input given a string",
    [".securityMode(true)", '.securityMode("yes")'],
    /no suitable method found for securityMode\(String\)/,
  ],
  [
    "an input the resource does not have",
    ['.caUrl(cfg.require("caUrl"))', '.caUrl(cfg.require("caUrl"))\n                .frozen(true)'],
    /cannot find symbol\n(.*\n){2}\s+symbol: +method frozen\(boolean\)\n\s+location: class Builder\n/,
  ],
  [
    "an output misspelled",
    ["appUser.privateKeyPem()", "appUser.privateKey()"],
    /cannot find symbol\n(.*\n){2}\s+symbol: +method privateKey\(\)\n\s+location: variable appUser of type UserCertificate\n/,
  ],
  [
    "an int argument given a string",
    ['.networkId(cfg.requireInteger("networkId"))', '.networkId(cfg.require("networkId"))'],
    /no suitable method found for networkId\(String\)/,
  ],
  [
    "a secret input taken as a plain string",
    ["Output<String> mspId = ", "String mspId = "],
    /incompatible types: no instance\(s\) of type variable\(s\) U exist so that Output<U> conforms to String/,
  ],
] as [string, [string, string], RegExp][])("javac refuses %s", (_, [from, to], error) => {
  const { status, printed } = javac(misused(from, to));
  expect(status).toBe(1);
  expect(printed).toMatch(error);
});

it("a required input left out compiles: the SDK's builders check it only when build() runs", () => {
  // What javac cannot see, said here so that it is known: the generated builder has no compile-time
  // notion of a required field (its build() throws MissingRequiredPropertyException at run time).
  expect(javac(misused('                .orgName("org1")\n', ""))).toEqual({ status: 0, printed: "" });
});
