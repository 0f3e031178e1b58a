// Type-aware lint, sorted imports with no module imported twice, and the dependency rule written down:
// domain ← application ← adapters ← composition root (src/main.ts, src/hosts, src/cli). Each layer may
// import only the layers inside it, and the domain nothing with I/O.
import eslint from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

const OUTER_LAYERS = {
  application: ["**/adapters/**", "**/hosts/**", "**/cli/**", "**/main", "**/config"],
  adapters: ["**/hosts/**", "**/cli/**", "**/main"],
};

export default tseslint.config(
  {
    ignores: ["dist/", "coverage/", "node_modules/", "bench/results/", "*.config.js", "*.config.mjs", "bin/"],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      "no-duplicate-imports": "error",
    },
  },
  {
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
    },
  },
  {
    files: ["src/application/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: OUTER_LAYERS.application,
              message: "Dependencies point inward: use cases import the domain, never adapters or hosts.",
            },
            { group: ["@azure/*", "@microsoft/*"], message: "Use cases reach SDKs through ports." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: OUTER_LAYERS.adapters,
              message: "Dependencies point inward: adapters never import the composition root or a host.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@azure/*", "@microsoft/*", "adaptivecards*", "node:*", "fs", "http", "https"],
              message: "The domain is pure: no SDKs, no I/O.",
            },
            {
              group: [
                "**/adapters/**",
                "**/application/**",
                "**/cli/**",
                "**/hosts/**",
                "**/main",
                "**/config",
              ],
              message: "Dependencies point inward: the domain imports nothing outside it.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "The domain reads no environment." }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "Time is passed in.",
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Time is passed in." },
        {
          selector: "MemberExpression[object.name='DateTime'][property.name='now']",
          message: "Time is passed in.",
        },
      ],
    },
  },
  {
    // One setting for every schema, made before any schema is (src/domain/schemas.ts).
    files: ["src/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    ignores: ["src/domain/schemas.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "zod", message: "Import z from src/domain/schemas, which sets zod up first." }] },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  prettier,
  {
    // Plain ES module scripts (a test helper run in its own Node process): no type information to check.
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly" },
    },
  },
);
