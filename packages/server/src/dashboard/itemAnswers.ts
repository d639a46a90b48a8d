// The patient alliance form's item answers behind each stored alliance score, for the item-level rupture
// rule (itemCalibration.ts): read from the stored QuestionnaireResponse, reverse-keyed as the score is,
// on the form's own item scale. Imported scores have no items; their sessions keep the mean statistic.
import { patientResponsesWithScale, type Db } from "@attune/db";
import {
  answersFromResponse,
  instrumentUrl,
  SCALE_ALLIANCE,
  scaleBounds,
  scoreResponse,
  type Instrument,
  type QuestionnaireResponse,
} from "@attune/core";
import type { InstrumentCatalog } from "../instruments/catalog.ts";
import { stripVersion } from "../instruments/catalog.ts";

/** A form whose alliance score is the mean or sum of whole-number items on one scale. */
export interface AllianceItemForm {
  readonly url: string;
  readonly min: number;
  readonly max: number;
  /** The items of its alliance score, in form order. */
  readonly linkIds: readonly string[];
}

/**
 * The items behind a form's stored `alliance` score (its `alliance` subscale, else the total of an
 * alliance form) when they share one whole-number answer scale; null otherwise (imported scores,
 * continuous or mixed items).
 *
 * @example
 * allianceItemForm(demoAlliancePatient); // { url, min: 1, max: 5, linkIds: ["goal", "task", "bond1", "bond2"] }
 */
export function allianceItemForm(instrument: Instrument): AllianceItemForm | null {
  const rule =
    instrument.scoring.subscales.find((s) => s.id === SCALE_ALLIANCE) ??
    (instrument.kind === "alliance" ? instrument.scoring.total : undefined);
  if (!rule || rule.items.length === 0) return null;
  let bounds: { min: number; max: number } | null = null;
  for (const linkId of rule.items) {
    const item = instrument.items.find((it) => it.linkId === linkId);
    const scale = item ? instrument.answerScales[item.scale] : undefined;
    if (!scale || scale.kind === "imported" || scale.kind === "continuous") return null;
    const b = scaleBounds(scale);
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max) || b.max <= b.min) return null;
    if (bounds && (bounds.min !== b.min || bounds.max !== b.max)) return null;
    bounds = b;
  }
  return bounds ? { url: stripVersion(instrumentUrl(instrument)), ...bounds, linkIds: rule.items } : null;
}

/** The item answers of a network's sessions on its patient alliance form. */
export interface AllianceItems {
  /** The form read (the one most sessions used); null when no stored alliance score has items. */
  readonly form: AllianceItemForm | null;
  /** Per session id: the form's item answers after reverse keying (null = unanswered). */
  readonly bySession: ReadonlyMap<string, readonly (number | null)[]>;
}

/**
 * Reads the item answers of the patients' current alliance responses of these episodes. When several
 * item forms were used, the one with most responses is read (one item model per network); sessions of
 * other forms or of imported scores have no entry.
 *
 * @example
 * const { form, bySession } = await loadAllianceItems(db, instruments, episodeIds);
 */
export async function loadAllianceItems(
  db: Db,
  instruments: InstrumentCatalog,
  episodeIds: readonly string[],
): Promise<AllianceItems> {
  const rows = await patientResponsesWithScale(db, episodeIds, SCALE_ALLIANCE);
  const forms = new Map<string, { form: AllianceItemForm; instrument: Instrument; rows: typeof rows }>();
  for (const r of rows) {
    const url = stripVersion(r.questionnaire_url);
    let entry = forms.get(url);
    if (!entry) {
      const instrument = instruments.byUrl(url)?.definition;
      const form = instrument ? allianceItemForm(instrument) : null;
      if (!instrument || !form) continue;
      forms.set(url, (entry = { form, instrument, rows: [] }));
    }
    entry.rows.push(r);
  }
  const chosen = [...forms.values()].sort((a, b) => b.rows.length - a.rows.length)[0];
  const bySession = new Map<string, readonly (number | null)[]>();
  if (!chosen) return { form: null, bySession };
  for (const r of chosen.rows) {
    const answers = itemAnswersOf(r, chosen.instrument, chosen.form);
    if (answers) bySession.set(r.session_id, answers);
  }
  return { form: chosen.form, bySession };
}

/**
 * Read answers by response id: a stored response never changes (a correction is a new row), so each is
 * parsed and scored once per process — the dashboard reads a caseload's answers on every request.
 */
const readAnswers = new Map<string, readonly (number | null)[] | null>();
const READ_CACHE_LIMIT = 200_000;

function itemAnswersOf(
  r: { id: string; resource: string },
  instrument: Instrument,
  form: AllianceItemForm,
): readonly (number | null)[] | null {
  const key = `${r.id}\u0000${form.url}`;
  const hit = readAnswers.get(key);
  if (hit !== undefined) return hit;
  const resource = (
    typeof r.resource === "string" ? JSON.parse(r.resource) : r.resource
  ) as QuestionnaireResponse;
  const read = answersFromResponse(instrument, resource);
  const score = read.ok ? scoreResponse(instrument, read.answers) : null;
  const answers = score?.ok ? form.linkIds.map((l) => score.itemScores[l] ?? null) : null;
  const out = answers && answers.some((a) => a !== null) ? answers : null;
  if (readAnswers.size >= READ_CACHE_LIMIT) readAnswers.clear();
  readAnswers.set(key, out);
  return out;
}
