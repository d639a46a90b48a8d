// /metrics in Prometheus text format (prom-client), on a registry of this app's own: requests by route
// pattern and status, a latency histogram, responses stored, the analysis queue, the database pool,
// and prom-client's process metrics (CPU, memory, event-loop lag, open handles).
import type { Context } from "hono";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Ctx } from "../context.ts";

export interface Metrics {
  registry: Registry;
  /** Called by the request log for every answered request. */
  observe(c: Context, route: string, ms: number): void;
}

/**
 * The app's metrics, reading the queue and pool when scraped.
 *
 * @example
 * const m = createMetrics(ctx); app.get("/metrics", async (c) => c.text(await m.registry.metrics()));
 */
export function createMetrics(ctx: Ctx): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "attune_" });
  const requests = new Counter({
    name: "attune_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "attune_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const stored = new Counter({
    name: "attune_responses_stored_total",
    help: "Questionnaire responses stored (patient, therapist, observer); on PostgreSQL each process also counts those relayed from the others",
    labelNames: ["rater"] as const,
    registers: [registry],
  });
  ctx.events.on((e) => stored.inc({ rater: e.rater }));
  const submissions = new Counter({
    name: "attune_patient_submissions_total",
    help: "Patient-link submissions answered by this process, by outcome (accepted — stored or a retry answered with the first result — or refused)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "attune_analysis_queue_jobs",
    help: "Analysis runs waiting or running on the worker thread",
    registers: [registry],
    collect() {
      this.set(ctx.analysis.pending);
    },
  });
  new Gauge({
    name: "attune_db_pool_connections",
    help: "PostgreSQL pool connections by state (total, idle, waiting clients); SQLite has one connection",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const p = ctx.store.poolStats?.() ?? { total: 1, idle: 1, waiting: 0 };
      this.set({ state: "total" }, p.total);
      this.set({ state: "idle" }, p.idle);
      this.set({ state: "waiting" }, p.waiting);
    },
  });
  return {
    registry,
    observe(c, route, ms) {
      const status = c.res.status;
      requests.inc({ method: c.req.method, route, status: String(status) });
      latency.observe({ method: c.req.method, route }, ms / 1000);
      if (c.req.method === "POST" && route === "/api/r/:token/submit")
        submissions.inc({ outcome: status < 300 ? "accepted" : "refused" });
    },
  };
}
