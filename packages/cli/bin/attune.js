#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build` (also run by `npm ci` via prepare).
// `attune fit` gets a bundle of its own (the engine and the CSV reader) so it starts in a fraction
// of the time the full command (server, database, reports) takes to load; `attune --version` reads
// a one-line bundle of the version constant instead of loading the 5 MB full command for it.
const [command, ...rest] = process.argv.slice(2);
if (command === "fit") {
  await import("../dist/attune-fit.js");
} else if ((command === "--version" || command === "-V") && rest.length === 0) {
  const { ATTUNE_VERSION } = await import("../dist/attune-version.js");
  process.stdout.write(`${ATTUNE_VERSION}\n`);
} else await import("../dist/attune.js");
