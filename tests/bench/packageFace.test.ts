import { packageFaceSection, packageFaceSummary } from "../../bench/packageFace";
import { PACKAGE_PROJECT, packageProgram } from "../../bench/packageProgram";
import type { Run, RunSeries } from "../../bench/results";
import type { StateSize } from "../../bench/stateSize";

const cpuS = (engine: number, program: number, languageHost: number, provider: number) =>
  ({ engine, program, languageHost, provider, other: 0, bench: 0, foreign: 9 }) as Run["cpuS"];
const run = (series: RunSeries, op: "up" | "destroy", ms: number, backend?: "file" | "s3"): Run =>
  ({ n: 100, series, op, ms, rep: 0, backend, cpuS: cpuS(1, 2, 0.5, 3) }) as Run;

const size = (exportBytesPerResource: number, entryBytes: number, providerBytes: number): StateSize => ({
  exportBytes: exportBytesPerResource * 100,
  resources: 100,
  exportBytesPerResource,
  entryBytes,
  providerBytes,
  providerCopies: providerBytes ? 2 : 0,
  materialBytes: 1024,
  materialFields: { mspPublic: 700, mspSecret: 324, privateKeyPem: 0 },
  restBytes: entryBytes - providerBytes - 1024,
  stackTraceBytes: 0,
});

describe("the package face in the bench", () => {
  it("takes the medians of ours and package on the primary backend only, per N the package ran at", () => {
    const runs = [
      run("ours", "up", 10_000),
      run("ours", "up", 30_000),
      run("ours", "destroy", 8_000),
      run("ours", "up", 99_000, "s3"),
      { ...run("package", "up", 12_000), cpuS: cpuS(2, 0, 4, 1.25) },
      run("package", "destroy", 6_000),
      { ...run("ours", "up", 1_000), n: 10 },
    ];
    expect(packageFaceSummary(runs)).toEqual({
      "100": {
        upMs: { ours: 20_000, package: 12_000 },
        destroyMs: { ours: 8_000, package: 6_000 },
        // The program's CPU and its language host's together: a YAML program runs inside its host.
        upCpuS: {
          ours: { engine: 1, programAndHost: 2.5, provider: 3 },
          package: { engine: 2, programAndHost: 4, provider: 1.3 },
        },
        repeats: 1,
      },
    });
  });

  it("renders both faces with their language hosts, state per certificate and the package / ours ratios", () => {
    const lines = packageFaceSection({
      packageFace: {
        "100": {
          upMs: { ours: 20_000, package: 12_000 },
          destroyMs: { ours: 8_000, package: 6_000 },
          upCpuS: { ours: { engine: 1, programAndHost: 2.5, provider: 3 } },
          repeats: 2,
        },
      },
      stateSize: { "100": size(4096, 4096, 614), "package-100": size(6144, 5120, 0) },
    });
    expect(lines).toContain("## The package face beside the dynamic face");
    expect(lines).toContain(
      "| 100 | ours (dynamic) | Node.js | 20.00 | 8.00 | 1.0 / 2.5 / 3.0 | 4.0 | 4.0 | 0.6 | 1.0 | 2.4 |",
    );
    expect(lines).toContain(
      "| 100 | package (2 runs) | YAML | 12.00 | 6.00 | – | 6.0 | 5.0 | 0.0 | 1.0 | 4.0 |",
    );
    expect(lines).toContain("| 100 | package / ours | | 0.60 | 0.75 | | 1.50 | 1.25 | | | |");
    expect(lines.at(-1)).toBe(
      "Package material per field (bytes, JSON-encoded): mspPublic 700, mspSecret 324.",
    );
  });

  it("renders nothing when the package series did not run (results from before issue 14)", () => {
    expect(packageFaceSection({ stateSize: {} })).toEqual([]);
    expect(packageFaceSection({ packageFace: {}, stateSize: {} })).toEqual([]);
  });

  it("writes a YAML program of N UserCertificates through the plugin, as bench/program declares them", () => {
    const project = JSON.parse(packageProgram(3, "/opt/bcs/package/bin")) as {
      name: string;
      runtime: string;
      plugins: { providers: { name: string; path: string }[] };
      resources: Record<string, { type: string; properties: Record<string, string> }>;
    };
    expect(project.name).toBe(PACKAGE_PROJECT);
    expect(project.runtime).toBe("yaml");
    expect(project.plugins.providers).toEqual([{ name: "bcs", path: "/opt/bcs/package/bin" }]);
    expect(Object.keys(project.resources)).toEqual(["cert-0", "cert-1", "cert-2"]);
    expect(project.resources["cert-1"]).toEqual({
      type: "bcs:index:UserCertificate",
      properties: {
        projectId: "${projectId}",
        blockchainId: "${blockchainId}",
        orgName: "org2",
        userName: "bench0001",
      },
    });
  });
});
