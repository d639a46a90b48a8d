// The server process: `node packages/server/dist/server.js`. Configured by the environment and an optional
// JSON config file (ATTUNE_CONFIG), checked at start against one schema (ops/settings.ts, docs/deploy.md):
// a bad value stops the server with one line naming it.
import { ensureBootstrap } from "./seed.ts";
import { startServer } from "./listen.ts";
import { loadSettings } from "./ops/settings.ts";
import { serverOptions } from "./ops/start.ts";

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
const server = await startServer(serverOptions(settings)).catch(stopWith);
if (settings.adminEmail && settings.adminPassword) {
  const b = await ensureBootstrap(server.store, {
    network: settings.networkName ?? "attune network",
    email: settings.adminEmail,
    password: settings.adminPassword,
  });
  if (b.created)
    process.stdout.write(`created network ${b.networkId} with coordinator ${settings.adminEmail}\n`);
}
process.stdout.write(
  `attune server listening on ${server.url} (${server.store.dialect}: ${server.store.location})\n`,
);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
