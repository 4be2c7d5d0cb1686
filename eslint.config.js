// Lint configuration: typescript-eslint's recommended rules over the library, tests and loaders, and the
// library's one-way layers (README, "Development"): a module imports only from its own layer or the layers
// beneath it (eslint-plugin-boundaries), and no chain of imports comes back to where it started
// (eslint-plugin-import-x's no-cycle).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "eslint-plugin-boundaries";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import noImportCycle from "./eslint-rules/no-import-cycle.js";

const lib = "src/lib";
const files = (dir, names) => `${lib}/${dir}/{${names.join(",")}}.ts`;

/**
 * The layers of `src/lib`, lowest first. Each entry is one layer: the elements in it (a type and the files it
 * covers; the first pattern a file matches classifies it). A module may import its own element and any element
 * of a lower layer; elements of one layer do not import each other.
 */
const LAYERS = [
  // format/: how every output writes a date and escapes HTML (the charts, the report build and the documents).
  [{ type: "base", pattern: ["src/data/**", `${lib}/errors.ts`, `${lib}/json-file.ts`, `${lib}/format/**`] }],
  [{ type: "schema", pattern: `${lib}/schema/**` }],
  [{ type: "stats", pattern: `${lib}/stats/**` }],
  [{ type: "import", pattern: `${lib}/import/**` }],
  // The imported records as arquero tables (toTables): made from the records, beneath the analyses.
  [{ type: "tables", pattern: `${lib}/tables/**` }],
  [{ type: "cohort", pattern: `${lib}/cohort/**` }],
  [{ type: "gaps", pattern: `${lib}/gaps/**` }, { type: "interventions", pattern: `${lib}/interventions/**` }],
  // The cost of provision (issue #15): the provision map costed, beside the interventions' impact.
  [{ type: "provision", pattern: `${lib}/provision/**` }],
  // Disclosure's contract with the report: the policy, the links between cells, the disclosed shape. The
  // report is built to it; applying it (below, `disclosure`) comes after the report.
  [{ type: "disclosure-contract", pattern: files("disclosure", ["policy", "links", "disclosed", "disclosed-schema", "identifiers"]) }],
  // The report's content: its schema and the sections it composes from the analyses.
  [{ type: "report", pattern: files("report", ["schema", "per-school", "comparisons"]) }],
  [{ type: "disclosure", pattern: `${lib}/disclosure/**` }],
  // Building a report: analyses, then disclosure for the audience.
  [{ type: "report-build", pattern: `${lib}/report/**` }],
  // The SENCO's documents (SEN information report, review planning, pupil profiles), made from reports and data.
  [{ type: "documents", pattern: `${lib}/documents/**` }],
  [{ type: "charts", pattern: `${lib}/charts/**` }, { type: "cli", pattern: `${lib}/cli/**` }],
  [{ type: "barrel", pattern: `${lib}/index.ts` }],
];

const elements = LAYERS.flat().map((e) => ({ ...e, mode: "full" }));
const layerPolicies = LAYERS.flatMap((layer, rank) =>
  layer.map((e) => ({
    from: { element: { type: e.type } },
    disallow: {
      to: {
        element: {
          types: { anyOf: [...layer.filter((o) => o !== e), ...LAYERS.slice(rank + 1).flat()].map((o) => o.type) },
        },
      },
    },
    message: `${e.type} is beneath {{ to.element.type }}: it may import only its own layer and the layers below (eslint.config.js, LAYERS)`,
  })),
);

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
  {
    files: [`${lib}/**/*.ts`, "src/data/**/*.ts"],
    plugins: { boundaries, "import-x": importX, layers: { rules: { "no-import-cycle": noImportCycle } } },
    settings: {
      "boundaries/elements": elements,
      // `mode: "full"` (whole-path patterns, so one folder can hold two layers) is deprecated in 7.x but works.
      "boundaries/legacy-warnings": false,
      "boundaries/include": [`${lib}/**/*.ts`, "src/data/**/*.ts"],
      "import/resolver": { typescript: { project: "tsconfig.json" } },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "allow", policies: layerPolicies }],
      "boundaries/no-unknown-files": "error",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "layers/no-import-cycle": ["error", {
        roots: [lib, "src/data"],
      }],
    },
  },
);
