/**
 * The import-graph rules `npm test` and `npm run lint` check (issue 12): no import loop anywhere, the
 * provider process's code (provider/) never reaches into program-side or test code, and each backend
 * keeps to its own folder (provider/common/ and provider/http/ are shared by all).
 */

const backend = (name, others) => ({
  name: `${name}-keeps-to-itself`,
  comment: `provider/${name}/ imports no other backend's folder; what they share lives in provider/common/ or provider/http/.`,
  severity: "error",
  from: { path: `^provider/${name}/` },
  to: { path: `^provider/(${others})/` },
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
      name: "provider-stays-in-the-provider",
      comment:
        "provider/ is what the dynamic-provider process runs: it imports nothing that runs in the program " +
        "(sdk/, lookups/), the emulator, the bench, the scripts or the tests.",
      severity: "error",
      from: { path: "^provider/" },
      to: { path: "^(sdk|lookups|emulator|bench|scripts|tests|examples)/" },
    },
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
