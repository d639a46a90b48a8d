import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// The layers (docs/architecture.md): imports only go down. Each package's sources may import the
// packages below it and nothing above or beside it; tests may reach further (they start servers).
const LAYERS = {
  stats: [],
  core: ["stats"],
  report: ["stats", "core"],
  db: ["stats", "core"],
  api: [],
  server: ["stats", "core", "report", "db", "api"],
  cli: ["stats", "core", "report", "db", "server", "api"],
  web: [],
};
// The browser-safe subpaths: the record definitions (codes, session numbers, dates, arms) that every
// path in validates with, so a page checks a code exactly as the server does; for the pages also the
// API's contract (@attune/api: its types only, see below) and its one client (@attune/api/client), and the
// progress report's words (@attune/core/progress), which the server's PDF of the report uses too.
const ONLY = {
  api: ["core/records"],
  web: ["core/records", "core/progress", "api", "api/client"],
};
const PACKAGES = Object.keys(LAYERS);
const layerRules = Object.entries(LAYERS).map(([pkg, below]) => ({
  files: [`packages/${pkg}/src/**/*.ts`],
  ignores: ["**/*.test.ts", "**/testing/**", "**/*.testkit.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          pkg in ONLY
            ? {
                regex: `^@attune/(?!(${ONLY[pkg].map((p) => p.replace("/", "\\/")).join("|")})$)`,
                message: `${pkg} may import only ${ONLY[pkg].map((p) => `@attune/${p}`).join(", ")} of the attune packages (docs/architecture.md).`,
              }
            : {
                group: PACKAGES.filter((p) => p !== pkg && !below.includes(p)).map((p) => `@attune/${p}`),
                message: `${pkg} may import only ${below.length ? below.join(", ") : "no other attune package"} (docs/architecture.md: imports only go down).`,
              },
          {
            group: ["../../*/src/*", "../../../*/src/*", "../../../../*/src/*"],
            message: "import another package by its name (@attune/...), not by a path into its sources.",
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "coverage/**", "bench-out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["packages/web/src/**"], languageOptions: { globals: { ...globals.browser } } },
  ...layerRules,
  // The pages take the API's types from @attune/api but no runtime code (its schemas would add zod to
  // the bundle); the client (@attune/api/client) is the one runtime import.
  {
    files: ["packages/web/src/**/*.ts", "packages/cli/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@attune/api",
              allowTypeImports: true,
              message:
                "import only the types of @attune/api here (import type); call the API with @attune/api/client.",
            },
          ],
        },
      ],
    },
  },
);
