// Builds the web UI (Vite) and bundles the runnable entry points (CLI, server) with esbuild; type checking is `npm run typecheck`.
import { build } from "esbuild";
import { existsSync } from "node:fs";

// The browser UI (packages/web) with Vite, into packages/web/dist, which the server serves.
if (existsSync("packages/web/index.html")) {
  const { build: viteBuild } = await import("vite");
  await viteBuild({ configFile: "packages/web/vite.config.ts", logLevel: "warn" });
  // The pages take only types from @attune/api (plus its small client): its zod schemas must not reach
  // the browser bundle. A value import of a schema would pull zod in; fail loudly rather than ship it.
  const { readdirSync, readFileSync } = await import("node:fs");
  const assets = "packages/web/dist/assets";
  for (const f of readdirSync(assets).filter((n) => n.endsWith(".js"))) {
    if (readFileSync(`${assets}/${f}`, "utf8").includes("_zod"))
      throw new Error(`${assets}/${f} contains zod: import only types from @attune/api in packages/web`);
  }
}

// Both bundles contain the server, whose analysis worker (packages/server/src/analysis/pool.ts) loads
// `analysis-worker.js` from the bundle's own directory: it is emitted next to each.
const WORKER = "packages/server/src/analysis/worker.ts";
const entries = [
  { in: "packages/cli/src/main.ts", out: "packages/cli/dist/attune" },
  // The lean bundle bin/attune.js runs for `attune fit`: the engine and the CSV reader only.
  { in: "packages/cli/src/fitMain.ts", out: "packages/cli/dist/attune-fit" },
  { in: WORKER, out: "packages/cli/dist/analysis-worker", if: "packages/cli/src/main.ts" },
  // `attune --version` (bin/attune.js) reads the version from this one-constant bundle.
  {
    in: "packages/server/src/version.ts",
    out: "packages/cli/dist/attune-version",
    if: "packages/cli/src/main.ts",
  },
  { in: "packages/server/src/main.ts", out: "packages/server/dist/server" },
  { in: WORKER, out: "packages/server/dist/analysis-worker", if: "packages/server/src/main.ts" },
];
for (const e of entries) {
  if (!existsSync(e.in) || (e.if && !existsSync(e.if))) continue;
  await build({
    entryPoints: [e.in],
    outfile: `${e.out}.js`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    packages: "bundle",
    external: ["better-sqlite3", "pg", "pg-native", "playwright-core", "chromium-bidi", "pdfkit"],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: "warning",
  });
}
