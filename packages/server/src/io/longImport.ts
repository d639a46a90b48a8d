// Imports long-format rows (one per patient × session): creates therapists, patients, episodes,
// sessions and score-carrying responses (alliance and well-being on each rater's imported-scores form,
// form totals on each form's imported-totals form), all in one transaction, or nothing if any row is bad.
import { attributeColumns, storeFileValues } from "./therapistColumns.ts";
import {
  createEpisode,
  createPatient,
  findEpisode,
  importAllocation,
  importStudy,
  importTherapist,
  patientsByCode,
  getEpisode,
  lastSessionDate,
  setEpisodeEnd,
  setSessionModality,
  type Patient,
  type Store,
  listAttributes,
  listSites,
  createSite,
  setPatientSite,
} from "@attune/db";
import {
  DECLARED_SCALE_URL,
  episodeEndProblem,
  importedScoresUrl,
  RATER_KINDS,
  SCORE_COLUMNS,
} from "@attune/core";
import type { QuestionnaireResponse } from "fhir/r4";
import type { Ctx } from "../context.ts";
import { checkResponse } from "../fhir/qr.ts";
import type { ImportReport, Progress, Rejection } from "./report.ts";
import { skippedTotalsWarnings } from "./longTotals.ts";
import { validateRows, type LongColumns, type LongRow, type RawLongRow } from "./longRows.ts";
import { scaleWarnings, type DeclaredScales } from "./longScales.ts";
import { storeTotals, type SkippedTotal } from "./longTotalsStore.ts";
import { EpisodeSessions } from "./importSessions.ts";
import { ImportWrites } from "./importWrites.ts";

export interface LongImportOptions {
  networkId: string;
  /** Study to file the episodes under (created with arms from the condition values); default "imported". */
  study?: string;
  actorId: string | null;
  /** The scales of the score columns; undeclared scores are assumed to be item means on 1–5. */
  scales?: DeclaredScales;
  onProgress?: Progress;
}

/**
 * Validates all rows, then stores them in one transaction; any problem stores nothing and is reported.
 *
 * @example
 * const report = await importLongRows(ctx, raw, DEFAULT_COLUMNS, { networkId, actorId });
 */
export async function importLongRows(
  ctx: Pick<Ctx, "store" | "instruments">,
  raw: RawLongRow[],
  columns: LongColumns,
  opts: LongImportOptions,
): Promise<ImportReport> {
  const scales = opts.scales ?? {};
  const { rows, rejected } = validateRows(raw, columns, scales);
  const report: ImportReport = { ok: false, rows: raw.length, created: {}, rejected };
  if (rejected.length > 0) return report;
  const created = { therapists: 0, patients: 0, episodes: 0, sessions: 0, responses: 0, sites: 0 };
  const conflicts: Rejection[] = [];
  const skipped: SkippedTotal[] = [];
  await ctx.store.db
    .transaction()
    .execute(async (trx) => {
      // Therapist attribute columns: checked before anything is stored (a refusal stores nothing).
      const extraOf = new Map(raw.map((x) => [x.line, x.extra]));
      const attrs = attributeColumns(
        await listAttributes(trx, opts.networkId),
        rows.map((r) => ({ line: r.line, therapist: r.therapist, extra: extraOf.get(r.line) })),
      );
      if (attrs.rejected.length) {
        conflicts.push(...attrs.rejected);
        throw new RollbackImport();
      }
      const target = await importStudy(trx, opts.networkId, opts.study ?? "imported");
      const study = target.study;
      const therapists = new Map<string, string>();
      const patients = new Map<string, string>();
      // Each patient's row as stored now (its site set below), for createEpisode not to read it again.
      const patientRows = new Map<string, Patient>();
      // The file's patients already stored, read at once; those created here have no episodes yet.
      const stored = await patientsByCode(
        trx,
        opts.networkId,
        rows.map((r) => r.patient),
      );
      const newPatients = new Set<string>();
      const sites = new Map((await listSites(trx, opts.networkId)).map((x) => [x.name, x.id]));
      const episodes = new Map<string, string>();
      const sessions = new EpisodeSessions(trx);
      const writes = new ImportWrites(trx);
      // An episode's end is checked once: every row of an episode that gives one gives the same
      // (validateRows), and what the check reads does not change between them (importWrites.ts).
      const endProblems = new Map<string, string | undefined>();
      for (const [i, r] of rows.entries()) {
        let tid = therapists.get(r.therapist);
        if (!tid) {
          const t = await importTherapist(trx, opts.networkId, r.therapist);
          if (typeof t === "string") {
            conflicts.push({ row: r.line, column: columns.therapist, message: t });
            continue;
          }
          if (t.created) created.therapists++;
          tid = t.user.id;
          therapists.set(r.therapist, tid);
          if (r.condition !== null) {
            const problem = await importAllocation(trx, target, t.user, r.condition);
            if (problem) {
              conflicts.push({ row: r.line, column: columns.condition, message: problem });
              continue;
            }
          }
        }
        let pid = patients.get(r.patient);
        if (!pid) {
          let p = stored.get(r.patient);
          if (!p) {
            p = await createPatient(trx, { networkId: opts.networkId, code: r.patient });
            created.patients++;
            newPatients.add(p.id);
          }
          pid = p.id;
          patients.set(r.patient, pid);
          patientRows.set(pid, p);
          if (r.site !== null) {
            let sid = sites.get(r.site);
            if (!sid) {
              sid = (await createSite(trx, opts.networkId, r.site)).id;
              sites.set(r.site, sid);
              created.sites++;
            }
            if (p.site_id === null) {
              await setPatientSite(trx, pid, sid);
              patientRows.set(pid, { ...p, site_id: sid });
            } else if (p.site_id !== sid) {
              const storedSite = [...sites].find(([, id]) => id === p.site_id)?.[0] ?? p.site_id;
              conflicts.push({
                row: r.line,
                column: columns.site,
                message: `patient ${r.patient} is stored at site "${storedSite}", not "${r.site}" (imports never overwrite)`,
              });
              continue;
            }
          }
        }
        const ekey = `${pid}\u0000${tid}`;
        let eid = episodes.get(ekey);
        if (!eid) {
          let e = newPatients.has(pid) ? undefined : await findEpisode(trx, pid, tid);
          if (!e) {
            e = await createEpisode(trx, {
              patientId: pid,
              therapistId: tid,
              studyId: study.id,
              study,
              ...(patientRows.has(pid) ? { patient: patientRows.get(pid)! } : {}),
            });
            created.episodes++;
            sessions.created(e.id);
          }
          eid = e.id;
          episodes.set(ekey, eid);
        }
        const episode = {
          id: eid,
          network_id: opts.networkId,
          patient_id: pid,
          therapist_id: tid,
          study_id: study.id,
          arm_id: null,
          started_at: "",
          ended_at: null,
          end_reason: null,
        };
        if (r.end) {
          if (!endProblems.has(eid)) {
            const problem = await endConflict(trx, eid, r);
            endProblems.set(eid, problem);
            if (!problem) await setEpisodeEnd(trx, eid, r.end);
          }
          const problem = endProblems.get(eid);
          if (problem) {
            conflicts.push({ row: r.line, column: columns.end_date, message: problem });
            continue;
          }
        }
        const { session, created: isNew, forms } = await sessions.ensure(writes, eid, r.session, r.modality);
        const hasScores = SCORE_COLUMNS.some((c) => r[c.column] !== null);
        if (isNew) created.sessions++;
        // Form totals alone may join a session with answers: storeTotals skips each form it already has.
        else if (hasScores && forms.length > 0) {
          conflicts.push({
            row: r.line,
            column: columns.session,
            message: `patient ${r.patient} session ${r.session} already has stored answers (imports never overwrite)`,
          });
          continue;
        } else if (r.modality !== null && session.modality !== r.modality) {
          if (session.modality !== null) {
            conflicts.push({
              row: r.line,
              column: columns.modality,
              message: `patient ${r.patient} session ${r.session} is stored as ${session.modality}, not ${r.modality} (imports never overwrite)`,
            });
            continue;
          }
          await setSessionModality(trx, session.id, r.modality);
        }
        // Each rater's scores travel as one response to that rater's imported-scores form (core's carrier).
        for (const rater of RATER_KINDS) {
          const items = SCORE_COLUMNS.filter((c) => c.rater === rater).flatMap((c) => {
            const value = r[c.column];
            if (value === null) return [];
            const scale = scales[c.scale];
            const extension = scale
              ? [
                  {
                    url: DECLARED_SCALE_URL,
                    valueRange: { low: { value: scale.min }, high: { value: scale.max } },
                  },
                ]
              : undefined;
            return [
              { linkId: c.scale, ...(extension ? { extension } : {}), answer: [{ valueDecimal: value }] },
            ];
          });
          if (items.length === 0) continue;
          const url = importedScoresUrl(rater);
          const qr: QuestionnaireResponse = {
            resourceType: "QuestionnaireResponse",
            questionnaire: url,
            status: "completed",
            item: items,
          };
          const ch = checkResponse(ctx, qr, `row ${r.line}`);
          writes.response(ch, { episode, session, authorKind: "import", authorId: opts.actorId });
          created.responses++;
        }
        // Form totals: one response per form to its imported-totals carrier, unless the session has it.
        const totals = storeTotals(ctx, writes, r, columns, {
          episode,
          session,
          actorId: opts.actorId,
          forms,
        });
        created.responses += totals.stored;
        skipped.push(...totals.skipped);
        // A refused import rolls back: what it would write is not worth writing.
        if (conflicts.length > 0) writes.drop();
        else await writes.flushWhenFull();
        if (i % 200 === 0) opts.onProgress?.(i, rows.length);
      }
      if (conflicts.length > 0) writes.drop();
      else await writes.flush();
      conflicts.push(...(await storeFileValues(trx, opts.networkId, attrs.values, therapists, opts.actorId)));
      if (conflicts.length > 0) throw new RollbackImport();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RollbackImport)) throw e;
    });
  opts.onProgress?.(rows.length, rows.length);
  if (conflicts.length > 0) return { ...report, rejected: conflicts };
  const warnings = [...scaleWarnings(rows, columns, scales), ...skippedTotalsWarnings(skipped)];
  return { ok: true, rows: raw.length, created, rejected: [], ...(warnings.length ? { warnings } : {}) };
}

class RollbackImport extends Error {}

/** Why the row's end cannot be stored: the episode already ended otherwise, or a session is dated later. */
async function endConflict(
  trx: Parameters<typeof setEpisodeEnd>[0],
  episodeId: string,
  r: LongRow,
): Promise<string | undefined> {
  const end = r.end!;
  const stored = await getEpisode(trx, episodeId);
  if (stored?.end_reason && (stored.ended_at !== end.endedAt || stored.end_reason !== end.reason))
    return `patient ${r.patient}'s episode already ended (${stored.end_reason}, ${stored.ended_at ?? "no date"}); imports never overwrite`;
  if (end.endedAt === null) return undefined;
  return episodeEndProblem({ endedAt: end.endedAt, lastSessionDate: await lastSessionDate(trx, episodeId) });
}

export type { Store };
