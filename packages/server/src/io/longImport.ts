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
  type Store,
  listAttributes,
} from "@attune/db";
import { codeProblem, sessionNumber } from "@attune/core";
import type { QuestionnaireResponse } from "fhir/r4";
import type { Ctx } from "../context.ts";
import { DECLARED_SCALE, IMPORTED_PATIENT, IMPORTED_THERAPIST } from "../instruments/imported.ts";
import { checkResponse } from "../fhir/qr.ts";
import { store as storeResponse } from "../submissions.ts";
import type { ImportReport, Progress, Rejection } from "./report.ts";

export interface RawLongRow {
  /** Line in the source file (for the report). */
  line: number;
  therapist: string | undefined;
  patient: string | undefined;
  session: string | undefined;
  condition: string | undefined;
  alliance_patient: string | undefined;
  alliance_therapist: string | undefined;
  wellbeing: string | undefined;
  /** The row's other cells by column name (therapist attribute columns are read from these). */
  extra?: Record<string, string>;
}

interface LongRow {
  line: number;
  therapist: string;
  patient: string;
  session: number;
  condition: string | null;
  alliance_patient: number | null;
  alliance_therapist: number | null;
  wellbeing: number | null;
}

const MISSING = new Set(["", "NA", "N/A", "na", "NaN", "."]);

/** Column names as the user's file calls them (defaults: the recipes' names). */
export interface LongColumns {
  therapist: string;
  patient: string;
  session: string;
  condition: string;
  alliance_patient: string;
  alliance_therapist: string;
  wellbeing: string;
}

export const DEFAULT_COLUMNS: LongColumns = {
  therapist: "therapist",
  patient: "patient",
  session: "session",
  condition: "condition",
  alliance_patient: "alliance_patient",
  alliance_therapist: "alliance_therapist",
  wellbeing: "wellbeing",
};

/** The scale imported scores are on, per role (both alliance columns share one). */
export interface DeclaredScales {
  alliance?: ScaleRange;
  wellbeing?: ScaleRange;
}
export interface ScaleRange {
  min: number;
  max: number;
}

/** The scale the dashboard assumes for undeclared imported scores (item means, as the simulator writes). */
export const ASSUMED_SCALE: ScaleRange = { min: 1, max: 5 };

/**
 * Parses a declared scale such as "1-7", "0..27" or "-3..3".
 *
 * @example
 * parseScale("1-7"); // { min: 1, max: 7 }
 */
export function parseScale(text: string): ScaleRange | string {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.|-|–|to)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return `scale "${text.slice(0, 40)}" is not of the form min-max (e.g. 1-7 or 0..27)`;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (!(max > min)) return `scale "${text.slice(0, 40)}" has max ${max} not above min ${min}`;
  return { min, max };
}

/**
 * Parses the declared scales of both roles as the user typed them; an error names the bad one with
 * `label(role)` (the flag, query parameter or field it came from).
 *
 * @example
 * parseScales({ alliance: "1-7" }, (r) => `--${r}-scale`); // { alliance: { min: 1, max: 7 } }
 */
export function parseScales(
  given: { alliance?: string | undefined; wellbeing?: string | undefined },
  label: (role: keyof DeclaredScales) => string,
): DeclaredScales | string {
  const out: DeclaredScales = {};
  for (const role of ["alliance", "wellbeing"] as const) {
    const text = given[role];
    if (text === undefined) continue;
    const parsed = parseScale(text);
    if (typeof parsed === "string") return `${label(role)}: ${parsed}`;
    out[role] = parsed;
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
    const num = (col: "alliance_patient" | "alliance_therapist" | "wellbeing") => {
      const v = (r[col] ?? "").trim();
      if (MISSING.has(v)) return null;
      const x = Number(v);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(x) || Math.abs(x) > 1e6) {
        bad(col, `"${v.slice(0, 40)}" is not a number`);
        return null;
      }
      const scale = col === "wellbeing" ? scales.wellbeing : scales.alliance;
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
    const row: LongRow = {
      line: r.line,
      therapist,
      patient,
      session,
      condition,
      alliance_patient: num("alliance_patient"),
      alliance_therapist: num("alliance_therapist"),
      wellbeing: num("wellbeing"),
    };
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
  const check = (
    role: "alliance" | "wellbeing",
    cols: ("alliance_patient" | "alliance_therapist" | "wellbeing")[],
  ) => {
    if (scales[role]) return;
    const values = rows.flatMap((r) => cols.map((c) => r[c])).filter((v): v is number => v !== null);
    const outside = values.filter((v) => v < ASSUMED_SCALE.min || v > ASSUMED_SCALE.max).length;
    if (outside > 0)
      out.push(
        `no scale declared for ${cols.map((c) => columns[c]).join(" and ")}: the dashboard assumes item means on ` +
          `${ASSUMED_SCALE.min}–${ASSUMED_SCALE.max}, but ${outside} of ${values.length} values lie outside it ` +
          `(range ${Math.min(...values)} to ${Math.max(...values)}); declare the scale (${role}_scale, e.g. 1-7) ` +
          "so the dashboard puts the scores on 0–100 correctly",
      );
  };
  check("alliance", ["alliance_patient", "alliance_therapist"]);
  check("wellbeing", ["wellbeing"]);
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
        };
        const before = await countSessions(trx, eid);
        const session = await ensureSession(trx, eid, r.session);
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
        }
        const item = (linkId: "alliance" | "wellbeing", value: number | null) => {
          if (value === null) return [];
          const scale = scales[linkId];
          const extension = scale
            ? [{ url: DECLARED_SCALE, valueRange: { low: { value: scale.min }, high: { value: scale.max } } }]
            : undefined;
          return [{ linkId, ...(extension ? { extension } : {}), answer: [{ valueDecimal: value }] }];
        };
        const pItems = [...item("alliance", r.alliance_patient), ...item("wellbeing", r.wellbeing)];
        const tItems = item("alliance", r.alliance_therapist);
        for (const [url, items] of [
          [IMPORTED_PATIENT, pItems],
          [IMPORTED_THERAPIST, tItems],
        ] as const) {
          if (items.length === 0) continue;
          const qr: QuestionnaireResponse = {
            resourceType: "QuestionnaireResponse",
            questionnaire: url,
            status: "completed",
            item: [...items],
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

const countSessions = SessionRepository.count;

export type { Store };
