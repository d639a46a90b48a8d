// The study or run a request names, if it belongs to the caller's network (else 404, never 403, so
// another network's ids are not confirmed to exist).
import type { Context } from "hono";
import { getRun, getStudy, type AnalysisRun, type Db, type Study } from "@attune/db";
import type { AppEnv } from "../context.ts";
import { notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";

/**
 * The study `id` of the signed-in user's network.
 *
 * @example
 * const study = await studyOf(db, c, c.req.valid("param").id);
 */
export async function studyOf(db: Db, c: Context<AppEnv>, id: string): Promise<Study> {
  const s = await getStudy(db, id);
  if (!s || s.network_id !== userOf(c).network_id) throw notFound(`study ${id}`);
  return s;
}

/**
 * The analysis run `id` of the signed-in user's network.
 *
 * @example
 * const run = await runOf(db, c, c.req.valid("param").id);
 */
export async function runOf(db: Db, c: Context<AppEnv>, id: string): Promise<AnalysisRun> {
  const r = await getRun(db, id);
  if (!r || r.network_id !== userOf(c).network_id) throw notFound(`run ${id}`);
  return r;
}
