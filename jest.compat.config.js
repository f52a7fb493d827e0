/** `npm run test:compat` (scripts/compat.sh): the installed-package scenarios, once per tested leg. */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ["<rootDir>/tests/compat"], testPathIgnorePatterns: ["/node_modules/"] };
