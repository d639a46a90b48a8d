#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build` (also run by `npm ci` via prepare).
// `attune fit` gets a bundle of its own (the engine and the CSV reader) so it starts in a fraction
// of the time the full command (server, database, reports) takes to load.
if (process.argv[2] === "fit") await import("../dist/attune-fit.js");
else await import("../dist/attune.js");
