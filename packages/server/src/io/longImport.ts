// Imports long-format rows (one per patient × session): creates therapists, patients, episodes,
// sessions and score-carrying responses, all in one transaction, or nothing if any row is bad.
import { attributeColumns, storeFileValues } from "./therapistColumns.ts";
import {
  createEpisode,
  createPatient,
  ensureSession,
  findEpisode,
  getPatientByCode,
  importAllocation,
  importStudy,
  importTherapist,
  listResponses,
  SessionRepository,
  getEpisode,
  lastSessionDate,
  setEpisodeEnd,
  setSessionModality,
  type EpisodeEnd,
  type Store,
  listAttributes,
} from "@attune/db";
import {
  ASSUMED_SCALE,
  codeProblem,
  DECLARED_SCALE_URL,
  importedScoresUrl,
  endReasonOf,
  episodeEndProblem,
  IMPORT_COLUMNS,
  isEndReason,
  isModality,
  isoDateProblem,
  MISSING_CELLS as MISSING,
  modalityOf,
  parseScaleRange,
  RATER_KINDS,
  SCORE_COLUMNS,
  SCORE_SCALES,
  sessionNumber,
  type ImportColumn,
  type Modality,
  type ScaleRange,
  type ScoreColumnName,
  type ScoreScale,
} from "@attune/core";
import type { QuestionnaireResponse } from "fhir/r4";
import type { Ctx } from "../context.ts";
import { checkResponse } from "../fhir/qr.ts";
import { store as storeResponse } from "../submissions.ts";
import type { ImportReport, Progress, Rejection } from "./report.ts";

/** One row as read from the file: every column an import reads, as text (core's IMPORT_COLUMNS). */
export type RawLongRow = { line: number } & { [C in ImportColumn]: string | undefined } & {
  /** The row's other cells by column name (therapist attribute columns are read from these). */
  extra?: Record<string, string>;
};

type LongRow = {
  line: number;
  therapist: string;
  patient: string;
  session: number;
  condition: string | null;
  modality: Modality | null;
  end: EpisodeEnd | null;
} & { [C in ScoreColumnName]: number | null };

/** Column names as the user's file calls them (defaults: the recipes' names), by long-table column. */
export type LongColumns = { [C in ImportColumn]: string };

export const DEFAULT_COLUMNS: LongColumns = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c, c]),
) as LongColumns;

/** The scale imported scores are on, per stored scale (both alliance columns share one). */
export type DeclaredScales = { [S in ScoreScale]?: ScaleRange };
export type { ScaleRange };
export { ASSUMED_SCALE };

/**
 * Parses a declared scale such as "1-7", "0..27" or "-3..3".
 *
 * @example
 * parseScale("1-7"); // { min: 1, max: 7 }
 */
export const parseScale = parseScaleRange;

/**
 * Parses the declared scales of the score scales as the user typed them; an error names the bad one with
 * `label(scale)` (the flag, query parameter or field it came from).
 *
 * @example
 * parseScales({ alliance: "1-7" }, (r) => `--${r}-scale`); // { alliance: { min: 1, max: 7 } }
 */
export function parseScales(
  given: { [S in ScoreScale]?: string | undefined },
  label: (scale: ScoreScale) => string,
): DeclaredScales | string {
  const out: DeclaredScales = {};
  for (const scale of SCORE_SCALES) {
    const text = given[scale];
    if (text === undefined) continue;
    const parsed = parseScale(text);
    if (typeof parsed === "string") return `${label(scale)}: ${parsed}`;
    out[scale] = parsed;
  }
  return out;
}

export function validateRows(
  raw: RawLongRow[],
  columns: LongColumns,
  scales: DeclaredScales = {},
): { rows: LongRow[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const rows: LongRow[] = [];
  const seen = new Map<string, number>();
  const condOf = new Map<string, { value: string | null; line: number }>();
  const endOfEpisode = new Map<string, { end: EpisodeEnd; line: number }>();
  for (const r of raw) {
    const bad = (col: keyof LongColumns, message: string) =>
      rejected.push({ row: r.line, column: columns[col], message });
    const before = rejected.length;
    const code = (col: "therapist" | "patient") => {
      const v = (r[col] ?? "").trim();
      const problem = codeProblem(v, col);
      if (problem) bad(col, problem);
      return v;
    };
    const num = (col: ScoreColumnName, scale: ScaleRange | undefined) => {
      const v = (r[col] ?? "").trim();
      if (MISSING.has(v)) return null;
      const x = Number(v);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(x) || Math.abs(x) > 1e6) {
        bad(col, `"${v.slice(0, 40)}" is not a number`);
        return null;
      }
      if (scale && (x < scale.min || x > scale.max)) {
        bad(col, `${x} is outside the declared scale ${scale.min}–${scale.max}`);
        return null;
      }
      return x;
    };
    const therapist = code("therapist");
    const patient = code("patient");
    const sn = sessionNumber(r.session ?? "");
    if (typeof sn === "string") bad("session", sn);
    const session = typeof sn === "number" ? sn : NaN;
    const cv = (r.condition ?? "").trim();
    const condition = MISSING.has(cv) ? null : cv;
    const armProblem = condition === null ? undefined : codeProblem(condition, "condition (arm)");
    if (armProblem) bad("condition", armProblem);
    const mv = (r.modality ?? "").trim();
    let modality: Modality | null = null;
    if (!MISSING.has(mv)) {
      const m = modalityOf(mv);
      if (isModality(m)) modality = m;
      else bad("modality", m);
    }
    const end = endOf(r, bad);
    const scores = Object.fromEntries(
      SCORE_COLUMNS.map((c) => [c.column, num(c.column, scales[c.scale])]),
    ) as { [C in ScoreColumnName]: number | null };
    const row: LongRow = { line: r.line, therapist, patient, session, condition, modality, end, ...scores };
    if (rejected.length > before) continue;
    const key = `${patient}\u0000${session}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      bad("session", `patient ${patient} session ${session} appears twice (also row ${dup})`);
      continue;
    }
    seen.set(key, r.line);
    const c = condOf.get(therapist);
    if (c && c.value !== condition) {
      bad(
        "condition",
        `therapist ${therapist} has condition "${condition ?? "NA"}" here but "${c.value ?? "NA"}" in row ${c.line} (condition is therapist-level)`,
      );
      continue;
    }
    if (!c) condOf.set(therapist, { value: condition, line: r.line });
    // The end is the episode's: rows of one patient with one therapist that give it must agree.
    const ekey = `${patient}\u0000${therapist}`;
    const e = endOfEpisode.get(ekey);
    if (end && e && (e.end.endedAt !== end.endedAt || e.end.reason !== end.reason)) {
      bad(
        end.reason !== e.end.reason ? "end_reason" : "end_date",
        `patient ${patient} ends ${end.endedAt ?? "(no date)"} (${end.reason}) here but ${e.end.endedAt ?? "(no date)"} (${e.end.reason}) in row ${e.line} (the end is the episode's)`,
      );
      continue;
    }
    if (end && !e) endOfEpisode.set(ekey, { end, line: r.line });
    rows.push(row);
  }
  return { rows, rejected };
}

export interface LongImportOptions {
  networkId: string;
  /** Study to file the episodes under (created with arms from the condition values); default "imported". */
  study?: string;
  actorId: string | null;
  /** The scales of the score columns; undeclared scores are assumed to be item means on 1–5. */
  scales?: DeclaredScales;
  onProgress?: Progress;
}

/** Warnings for undeclared scales whose values do not fit the assumed 1–5 (the dashboard would clamp them). */
function scaleWarnings(rows: LongRow[], columns: LongColumns, scales: DeclaredScales): string[] {
  const out: string[] = [];
  for (const scale of SCORE_SCALES) {
    if (scales[scale]) continue;
    const cols = SCORE_COLUMNS.filter((c) => c.scale === scale).map((c) => c.column);
    const values = rows.flatMap((r) => cols.map((c) => r[c])).filter((v): v is number => v !== null);
    const outside = values.filter((v) => v < ASSUMED_SCALE.min || v > ASSUMED_SCALE.max).length;
    if (outside > 0)
      out.push(
        `no scale declared for ${cols.map((c) => columns[c]).join(" and ")}: the dashboard assumes item means on ` +
          `${ASSUMED_SCALE.min}–${ASSUMED_SCALE.max}, but ${outside} of ${values.length} values lie outside it ` +
          `(range ${Math.min(...values)} to ${Math.max(...values)}); declare the scale (${scale}_scale, e.g. 1-7) ` +
          "so the dashboard puts the scores on 0–100 correctly",
      );
  }
  return out;
}

/** Validates all rows, then stores them in one transaction (or throws with the report). */
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
  const created = { therapists: 0, patients: 0, episodes: 0, sessions: 0, responses: 0 };
  const conflicts: Rejection[] = [];
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
      const episodes = new Map<string, string>();
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
          let p = await getPatientByCode(trx, opts.networkId, r.patient);
          if (!p) {
            p = await createPatient(trx, { networkId: opts.networkId, code: r.patient });
            created.patients++;
          }
          pid = p.id;
          patients.set(r.patient, pid);
        }
        const ekey = `${pid}\u0000${tid}`;
        let eid = episodes.get(ekey);
        if (!eid) {
          let e = await findEpisode(trx, pid, tid);
          if (!e) {
            e = await createEpisode(trx, { patientId: pid, therapistId: tid, studyId: study.id });
            created.episodes++;
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
          const problem = await endConflict(trx, eid, r);
          if (problem) {
            conflicts.push({ row: r.line, column: columns.end_date, message: problem });
            continue;
          }
          await setEpisodeEnd(trx, eid, r.end);
        }
        const before = await countSessions(trx, eid);
        const session = await ensureSession(trx, eid, r.session, null, r.modality);
        if ((await countSessions(trx, eid)) > before) created.sessions++;
        else if (
          (await listResponses(trx, { networkId: opts.networkId, sessionId: session.id, limit: 1 })).length >
          0
        ) {
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
          await storeResponse(trx, ch, { episode, session, authorKind: "import", authorId: opts.actorId });
          created.responses++;
        }
        if (i % 200 === 0) opts.onProgress?.(i, rows.length);
      }
      conflicts.push(...(await storeFileValues(trx, opts.networkId, attrs.values, therapists, opts.actorId)));
      if (conflicts.length > 0) throw new RollbackImport();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RollbackImport)) throw e;
    });
  opts.onProgress?.(rows.length, rows.length);
  if (conflicts.length > 0) return { ...report, rejected: conflicts };
  const warnings = scaleWarnings(rows, columns, scales);
  return { ok: true, rows: raw.length, created, rejected: [], ...(warnings.length ? { warnings } : {}) };
}

class RollbackImport extends Error {}

/** The row's episode end (date and reason, both or neither), or null; a bad cell is reported by `bad`. */
function endOf(r: RawLongRow, bad: (col: keyof LongColumns, message: string) => void): EpisodeEnd | null {
  const date = (r.end_date ?? "").trim();
  const reason = (r.end_reason ?? "").trim();
  const hasDate = !MISSING.has(date);
  const hasReason = !MISSING.has(reason);
  if (!hasDate && !hasReason) return null;
  if (!hasReason) {
    bad(
      "end_reason",
      `an end date (${date.slice(0, 40)}) needs its reason (completed, dropout, referred, other)`,
    );
    return null;
  }
  const dateProblem = hasDate ? isoDateProblem(date, "end date") : undefined;
  if (dateProblem) bad("end_date", dateProblem);
  const why = endReasonOf(reason);
  const known = isEndReason(why);
  if (!known) bad("end_reason", why);
  return dateProblem || !known ? null : { endedAt: hasDate ? date.slice(0, 10) : null, reason: why };
}

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

const countSessions = SessionRepository.count;

export type { Store };
