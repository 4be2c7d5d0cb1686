// Lint configuration: typescript-eslint's recommended rules over the library, tests and loaders.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "reports/**", ".reports.*/**", "node_modules/**", "dashboards/**/.observablehq/**", "fixtures/**", "coverage/**", "tests/__output__/**", ".bench-cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["bin/**/*.js", ".ci/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
