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
  server: ["stats", "core", "report", "db"],
  cli: ["stats", "core", "report", "db", "server"],
  web: [],
};
// The one browser-safe subpath the pages may import: the record definitions (codes, session numbers,
// dates, arms) that every path in validates with, so a page checks a code exactly as the server does.
const WEB_ALLOWED = "@attune/core/records";
const PACKAGES = Object.keys(LAYERS);
const layerRules = Object.entries(LAYERS).map(([pkg, below]) => ({
  files: [`packages/${pkg}/src/**/*.ts`],
  ignores: ["**/*.test.ts", "**/testing/**", "**/*.testkit.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          pkg === "web"
            ? {
                regex: `^@attune/(?!${WEB_ALLOWED.slice("@attune/".length).replace("/", "\\/")}$)`,
                message: `web may import only ${WEB_ALLOWED} of the attune packages (docs/architecture.md).`,
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
);
