// Load figure: sustained patient submissions per second and latency percentiles against the real
// server process on loopback, bounded in count and time.
//   npx tsx packages/server/src/bench/load.ts [--db sqlite|postgres] [--count 20000] [--seconds 30] [--connections 32]
// PostgreSQL uses ATTUNE_TEST_PG_URL (a fresh database is created on that server and dropped after).
import autocannon from "autocannon";
import { parseArgs } from "node:util";
import { openStore, LinkRepository } from "@attune/db";
import { testDialects } from "@attune/db/testing";
import { seedFleet } from "../testing/fleet.ts";
import { buildServer, startServerProcess } from "../testing/process.ts";
import { validSubmission } from "../testing/harness.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    count: { type: "string", default: "20000" },
    seconds: { type: "string", default: "30" },
    connections: { type: "string", default: "32" },
  },
});
const count = Number(values.count);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const dialect = testDialects().find((d) => d.name === values.db);
if (!dialect?.available)
  throw new Error(`dialect ${values.db} unavailable (${dialect?.skipReason ?? "unknown"})`);

buildServer();
const { url: dbUrl, dispose } = await dialect.create();
const seedStore = await openStore({ url: dbUrl });
const t0 = Date.now();
const fleet = await seedFleet(seedStore, count);
await seedStore.close();
process.stderr.write(`seeded ${count} links in ${Date.now() - t0} ms\n`);

const server = await startServerProcess(dbUrl);
const body = JSON.stringify(validSubmission());
let next = 0;
try {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        amount: count,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => {
              const link = fleet.links[next++ % fleet.links.length]!;
              return { ...req, path: `/api/r/${link.token}/submit`, body };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    const stop = setTimeout(() => instance.stop(), seconds * 1000);
    instance.on("done", () => clearTimeout(stop));
  });
  const store = await openStore({ url: dbUrl, migrate: false });
  const stored = await LinkRepository.submittedCount(store.db, fleet.networkId);
  await store.close();
  const figure = {
    dialect: dialect.name,
    connections,
    requests: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    submissionsPerSecond: Math.round(result["2xx"] / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    linksUsedInDatabase: stored,
  };
  process.stdout.write(JSON.stringify(figure) + "\n");
} finally {
  await server.stop("SIGTERM");
  await dispose();
}
