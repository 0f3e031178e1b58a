/** Tests are TypeScript compiled one file at a time by ts-jest (type errors are caught by `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
    // jose (used by the Agents SDK and jwks-rsa) ships only as ES modules, which Jest's loader cannot require.
    "/node_modules/jose/.+\\.js$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testTimeout: 30000,
};
