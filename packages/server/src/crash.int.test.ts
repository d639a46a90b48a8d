// Crash test: many concurrent patient submissions against the real server process, which is
// killed with SIGKILL mid-load and restarted. Every acknowledged submission must be present,
// none twice, retries must get the first result, and the database must pass its integrity check.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { describeEachDialect } from "@attune/db/testing";
import { openStore } from "@attune/db";
import { seedFleet, type Fleet } from "./testing/fleet.ts";
import { buildServer, startServerProcess, type ServerProcess } from "./testing/process.ts";
import { validSubmission } from "./testing/harness.ts";

const N = 600;
const CONCURRENCY = 48;

interface Ack {
  ids: string[];
  replayed: boolean;
}

async function submit(url: string, token: string, goal: number): Promise<Ack | undefined> {
  try {
    const res = await fetch(`${url}/api/r/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validSubmission(goal)),
    });
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    return (await res.json()) as Ack;
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("status")) throw e;
    return undefined; // connection refused/reset: not acknowledged
  }
}

describeEachDialect("crash (SIGKILL mid-load)", (dialect) => {
  let dbUrl: string;
  let dispose: () => Promise<void>;
  let fleet: Fleet;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    buildServer();
    ({ url: dbUrl, dispose } = await dialect.create());
    const store = await openStore({ url: dbUrl });
    fleet = await seedFleet(store, N);
    await store.close();
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await dispose?.();
  });

  it("keeps every acknowledged submission exactly once across a SIGKILL", async () => {
    server = await startServerProcess(dbUrl);
    const acked = new Map<string, Ack>();
    const goal = (i: number) => 1 + (i % 5);
    let next = 0;
    let killed = false;
    const killAt = Math.floor(N / 3);
    const worker = async (url: string) => {
      while (next < N) {
        const i = next++;
        const link = fleet.links[i]!;
        const ack = await submit(url, link.token, goal(i));
        if (ack) acked.set(link.token, ack);
        if (!killed && acked.size >= killAt) {
          killed = true;
          server!.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(server!.url)));
    await server.stop("SIGKILL");
    expect(killed).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(killAt);
    expect(acked.size).toBeLessThan(N);

    // Restart on the same database and retry everything, as patients' phones would.
    server = await startServerProcess(dbUrl);
    const url = server.url;
    let replayedSame = 0;
    next = 0;
    const retry = async () => {
      while (next < N) {
        const i = next++;
        const link = fleet.links[i]!;
        const ack = await submit(url, link.token, goal(i));
        expect(ack, `retry of link ${i}`).toBeDefined();
        const first = acked.get(link.token);
        if (first) {
          expect(ack!.replayed).toBe(true);
          expect(ack!.ids).toEqual(first.ids);
          replayedSame++;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, retry));
    expect(replayedSame).toBe(acked.size);
    await server.stop("SIGTERM");
    server = undefined;

    const store = await openStore({ url: dbUrl });
    try {
      const ids = [...acked.values()].flatMap((a) => a.ids);
      const present = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await store.db
          .selectFrom("responses")
          .select("id")
          .where("id", "in", ids.slice(i, i + 500))
          .execute();
        for (const r of rows) present.add(r.id);
      }
      expect(present.size).toBe(ids.length);
      const perSession = await sql<{ n: number | string; c: number | string }>`
        select count(*) as n, count(distinct questionnaire_url) as c from responses where network_id = ${fleet.networkId}
        group by session_id`.execute(store.db);
      expect(perSession.rows).toHaveLength(N);
      for (const r of perSession.rows) {
        expect(Number(r.n)).toBe(2);
        expect(Number(r.c)).toBe(2);
      }
      expect(await store.integrityCheck()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
