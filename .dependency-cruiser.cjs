/**
 * The import-graph rules `npm run lint:imports` (part of scripts/test.sh and `npm run lint`) checks:
 * one rule for the layers (docs/decisions/0035-layers-and-rooms.md). pulumi-bcs is one core
 * (provider/) under two faces (sdk/, the dynamic-resource face; package/, the plugin face). The tools
 * around them (cli/, preflight/, emulator/, bench/, testing/, scripts/, tests/, examples/) may open the
 * core where they check or test it; nothing in the core may reach up to a face or a tool.
 * tests/repo/importRules.test.ts runs each rule below against a deliberate violation.
 */

const backend = (name, others) => ({
  name: `${name}-keeps-to-itself`,
  comment:
    `provider/${name}/ imports no other backend's folder: a change to one backend cannot break another; ` +
    "what they share lives in provider/common/ or provider/http/.",
  severity: "error",
  from: { path: `^provider/${name}/` },
  to: { path: `^provider/(${others})/` },
});

/** A floor of the core: provider/<below[0]>/ imports no part of provider/ but the folders in `below`. */
const floor = (name, below, comment) => ({
  name,
  comment,
  severity: "error",
  from: { path: `^provider/${below.split("|")[0]}/` },
  to: { path: "^provider/", pathNot: `^provider/(${below})/` },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import loop: modules that need each other belong in one module, or share a lower one.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-imports-no-face",
      comment:
        "provider/ is the core both faces run (the dynamic provider process, the bcs plugin, the lookup in " +
        "the program): it imports nothing outside itself but packages, or the core would run face or test " +
        "code in every face.",
      severity: "error",
      from: { path: "^provider/" },
      to: { pathNot: "^(provider/|node_modules/)", dependencyTypesNot: ["core"] },
    },
    {
      name: "face-through-the-front-door",
      comment:
        "A face (sdk/, package/) reaches the core only through provider/index.ts, the contract the stored " +
        "shims already require, and the resource models (provider/<backend>/model.ts, with their common " +
        "shape in provider/common/model.ts, re-exported by the registry provider/models.ts). Anything else the " +
        "faces need is exported there, so the core's surface is one file and can be changed behind it.",
      severity: "error",
      from: { path: "^(sdk|package)/" },
      to: { path: "^provider/", pathNot: "^provider/(index|models?|[^/]+/model)\\.ts$" },
    },
    floor(
      "common-knows-no-backend",
      "common|http",
      "provider/common/ is the policy every backend shares (settings machinery, clock, validation, drift, " +
        "notices): it imports only itself and provider/http/, so a backend's vocabulary (its regions, its " +
        "settings rows) lives in the backend's folder and the one settings table is joined in provider/settings.ts.",
    ),
    floor(
      "http-is-the-ground-floor",
      "http",
      "provider/http/ is the transport under every client: it imports nothing else of the core. What it " +
        "needs from above (where a warning goes) is handed in by the caller.",
    ),
    backend("huawei", "ncloud|fabricCa"),
    backend("ncloud", "huawei|fabricCa"),
    backend("fabricCa", "huawei|ncloud"),
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    // Type-only imports count: they tie the layers together just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default"] },
  },
};
