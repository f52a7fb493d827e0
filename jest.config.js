/** @type {import('jest').Config} */
module.exports = {
  // "node", and jest's workers exit without the slow heap teardown (see the file).
  testEnvironment: "<rootDir>/tests/support/jestEnvironment.ts",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // tests/compat needs the legs scripts/compat.sh prepares; jest.compat.config.js runs it.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/compat/"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^pulumi-bcs$": "<rootDir>/sdk/index.ts",
    "^pulumi-bcs/provider$": "<rootDir>/provider/index.ts",
  },
  testTimeout: 60000,
};
