/** Tests are TypeScript compiled by swc (type errors are caught by `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }],
    // jose (used by the Agents SDK and jwks-rsa) ships only as ES modules, which Jest's loader cannot require.
    "/node_modules/jose/.+\\.js$": [
      "@swc/jest",
      { jsc: { target: "es2022", parser: { syntax: "ecmascript" } }, module: { type: "commonjs" } },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testTimeout: 30000,
};
