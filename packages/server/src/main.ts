// The server process: `node packages/server/dist/server.js`. Configuration from the environment:
// ATTUNE_DATABASE_URL (postgres://… or a SQLite file; default .attune-data/attune.sqlite),
// ATTUNE_DATA_DIR, HOST (default 127.0.0.1), PORT (default 8080), ATTUNE_PUBLIC_URL,
// ATTUNE_SECURE_COOKIES=1, ATTUNE_ADMIN_EMAIL / ATTUNE_ADMIN_PASSWORD (first coordinator).
import { ensureBootstrap } from "./seed.ts";
import { startServer } from "./listen.ts";

const env = process.env;
const port = Number(env["PORT"] ?? 8080);
const host = env["HOST"] ?? "127.0.0.1";
const server = await startServer({
  host,
  port,
  config: {
    ...(env["ATTUNE_PUBLIC_URL"] ? { publicBaseUrl: env["ATTUNE_PUBLIC_URL"] } : {}),
    secureCookies: env["ATTUNE_SECURE_COOKIES"] === "1",
  },
}).catch((err: unknown) => {
  // The operator's to fix (a newer database, a bad setting): one line, exit 1.
  process.stderr.write(`attune: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
if (env["ATTUNE_ADMIN_EMAIL"] && env["ATTUNE_ADMIN_PASSWORD"]) {
  const b = await ensureBootstrap(server.store, {
    network: env["ATTUNE_NETWORK_NAME"] ?? "attune network",
    email: env["ATTUNE_ADMIN_EMAIL"],
    password: env["ATTUNE_ADMIN_PASSWORD"],
  });
  if (b.created)
    process.stdout.write(`created network ${b.networkId} with coordinator ${env["ATTUNE_ADMIN_EMAIL"]}\n`);
}
process.stdout.write(
  `attune server listening on ${server.url} (${server.store.dialect}: ${server.store.location})\n`,
);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
