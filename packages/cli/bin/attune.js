#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build` (also run by `npm ci` via prepare).
import "../dist/attune.js";
