// The server process: `node packages/server/dist/server.js`. Configured by the environment and an optional
// JSON config file (ATTUNE_CONFIG), checked at start against one schema (ops/settings.ts, docs/deploy.md):
// a bad value stops the server with one line naming it.
import { loadSettings } from "./ops/settings.ts";
import { startFromSettings } from "./ops/start.ts";

/** The operator's to fix (a bad setting, a database from a newer attune): one line, exit 1. */
function stopWith(err: unknown): never {
  process.stderr.write(`attune: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

let settings: ReturnType<typeof loadSettings>;
try {
  settings = loadSettings({ env: process.env });
} catch (e) {
  stopWith(e);
}
const { server, lines } = await startFromSettings(settings).catch(stopWith);
for (const line of lines) process.stdout.write(`${line}\n`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
