// Builds the web UI (Vite) and bundles the runnable entry points (CLI, server) with esbuild; type checking is `npm run typecheck`.
import { build } from "esbuild";
import { existsSync } from "node:fs";

// The browser UI (packages/web) with Vite, into packages/web/dist, which the server serves.
if (existsSync("packages/web/index.html")) {
  const { build: viteBuild } = await import("vite");
  await viteBuild({ configFile: "packages/web/vite.config.ts", logLevel: "warn" });
}

const entries = [
  { in: "packages/cli/src/main.ts", out: "packages/cli/dist/attune" },
  { in: "packages/server/src/main.ts", out: "packages/server/dist/server" },
];
for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({
    entryPoints: [e.in],
    outfile: `${e.out}.js`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    packages: "bundle",
    external: ["better-sqlite3", "pg", "pg-native", "playwright-core", "chromium-bidi"],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: "warning",
  });
}
