import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // scripts/: the evaluation scripts' scoring (their tables are the documented figures).
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./scripts/count-reporter.ts"],
    // `npm run coverage`: line coverage of the library and server sources (not of tests, scripts or the
    // browser bundle, which runs in Chromium and is covered by the end-to-end tests instead).
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.testkit.ts", "packages/web/**", "packages/*/src/testing/**"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "bench-out/coverage",
    },
  },
});
