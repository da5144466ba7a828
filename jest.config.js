/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  // The package's own import paths, as README snippets use them.
  moduleNameMapper: {
    "^cdktf-runner-pools$": "<rootDir>/lib/index.ts",
    "^cdktf-runner-pools/stacks/(.*)$": "<rootDir>/stacks/$1-runner-stack.ts",
    "^cdktf-runner-pools/(aws|gcp|azure|tls)$": "<rootDir>/lib/$1/index.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 120000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
