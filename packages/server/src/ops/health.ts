// /healthz for load balancers and monitors: the database answers, and its schema is this attune's.
// 200 when both hold; 503 (with the reason) when the database is unreachable or its schema differs.
import type { Context } from "hono";
import { appliedMigrations, HealthRepository, knownMigrations } from "@attune/db";
import type { Ctx } from "../context.ts";
import { ATTUNE_VERSION } from "../version.ts";

/**
 * Answers the health check.
 *
 * @example
 * app.get("/healthz", (c) => health(ctx, c));
 */
export async function health(ctx: Ctx, c: Context): Promise<Response> {
  const t0 = performance.now();
  let reachable = true;
  let error: string | undefined;
  let applied: string[] = [];
  try {
    await HealthRepository.ping(ctx.store.db);
    applied = await appliedMigrations(ctx.store.db);
  } catch (e) {
    reachable = false;
    error = e instanceof Error ? e.message : String(e);
  }
  const known = knownMigrations();
  const pending = known.filter((m) => !applied.includes(m));
  const unknown = applied.filter((m) => !known.includes(m));
  const current = reachable && pending.length === 0 && unknown.length === 0;
  return c.json(
    {
      status: current ? "ok" : "unavailable",
      version: ATTUNE_VERSION,
      database: ctx.store.dialect,
      db: {
        reachable,
        latencyMs: Math.round((performance.now() - t0) * 10) / 10,
        ...(error ? { error } : {}),
      },
      schema: { version: applied.at(-1) ?? null, expected: known.at(-1) ?? null, pending, unknown, current },
    },
    current ? 200 : 503,
  );
}
