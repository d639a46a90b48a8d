// What an analysis run is on the wire: the selection it recorded, its redactions after erasures, and
// the helpers that turn a stored run into that record.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  getUser,
  listRunRedactions,
  type AnalysisRun,
  type Db,
  type LongFilter,
  type RunRedaction,
} from "@attune/db";
import type { AppEnv } from "../context.ts";
import { userOf } from "../auth/principal.ts";
import { Id, Selection } from "@attune/api";
export { Day, RedactionOut, RunOut, RunWithResults, Selection } from "@attune/api";

export const idParam = { params: z.object({ id: Id }) };

export const redactionOut = (x: RunRedaction) => ({
  at: x.at,
  rowsRemoved: Number(x.rows_removed),
  before: x.before_sha256,
  after: x.after_sha256,
});

/** Said wherever a redacted run's data or recomputed numbers are served (report, R script, run page). */
export function redactionNote(redactions: readonly RunRedaction[]): string | null {
  const last = redactions.at(-1);
  if (!last) return null;
  const rows = redactions.reduce((n, x) => n + Number(x.rows_removed), 0);
  return (
    `data redacted after erasure: ${rows} row${rows === 1 ? "" : "s"} of erased patients removed ` +
    `(${redactions.length} erasure${redactions.length === 1 ? "" : "s"}, latest ${last.at}; data sha256 now ` +
    `${last.after_sha256}); numbers recomputed from these data may differ slightly from the recorded ones`
  );
}

export function selectionOf(run: AnalysisRun): Selection {
  return Selection.parse(JSON.parse(run.selection));
}

export async function runOut(db: Db, run: AnalysisRun) {
  const by = await getUser(db, run.run_by);
  const redactions = await listRunRedactions(db, [run.id]);
  return {
    id: run.id,
    runAt: run.run_at,
    runBy: by?.code ?? "",
    attuneVersion: run.attune_version,
    recipe: run.recipe,
    selection: selectionOf(run),
    rows: Number(run.rows),
    dataSha256: run.data_sha256,
    redactions: redactions.map(redactionOut),
  };
}

export async function filterOf(c: Context<AppEnv>, sel: Selection): Promise<LongFilter> {
  return {
    networkId: userOf(c).network_id,
    ...(sel.study ? { studyId: sel.study } : {}),
    ...(sel.from ? { from: sel.from } : {}),
    ...(sel.to ? { to: sel.to } : {}),
    ...(sel.arms ? { arms: sel.arms } : {}),
    // A whole-network run shows the arms of the study chosen for them, or none; runs recorded before
    // the choice existed (no armsFrom in their selection) keep each episode's own arm.
    ...(sel.study || sel.armsFrom === undefined ? {} : { armsFrom: sel.armsFrom }),
  };
}
