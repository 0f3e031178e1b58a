// Type-aware lint; the domain may not import SDKs, so dependencies point inward only.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

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
              group: ["**/adapters/**", "**/application/**", "**/cli/**"],
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
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  prettier,
);
