// A dyad's session series on the 0–100 metric, read from stored scores: the patient's and the
// therapist's alliance and the patient's well-being per session (newest version of each response).
import type { Db } from "@attune/db";
import { SCALE_ALLIANCE, SCALE_WELLBEING, SeriesRepository } from "@attune/db";
import type { SessionRecord } from "@attune/core";
import type { InstrumentCatalog } from "../instruments/catalog.ts";

export interface SeriesSession extends SessionRecord {
  readonly sessionId: string;
}

const MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";

/**
 * Range of a scale score of a form: the instrument's stored range (0–100 for the core library), the
 * items' minValue/maxValue when the form declares them (scores are item means), else 1–5, the item-mean scale of the long table and of the simulator (imported scores).
 */
export function scoreRange(instruments: InstrumentCatalog, url: string): { min: number; max: number } {
  const instrument = instruments.byUrl(url);
  if (instrument?.roleScoreRange) return instrument.roleScoreRange;
  const items = instrument?.questionnaire.item ?? [];
  const ext = items[0]?.extension ?? [];
  const min = ext.find((e) => e.url === MIN)?.valueInteger;
  const max = ext.find((e) => e.url === MAX)?.valueInteger;
  return typeof min === "number" && typeof max === "number" && max > min ? { min, max } : { min: 1, max: 5 };
}

// Imported long-format scores without a declared scale are assumed item means on 1–5; a value beyond it
// (e.g. 5.4 from another instrument's metric) is clamped onto 0–100 rather than failing the dashboard
// (the import warns about such values and asks for the scale).
const pct = (v: number, r: { min: number; max: number }) =>
  Math.min(100, Math.max(0, Math.round(((v - r.min) / (r.max - r.min)) * 1000) / 10));

/** Sessions of the given episodes with their scores, ordered by session number. */
export async function loadSeries(
  db: Db,
  instruments: InstrumentCatalog,
  episodeIds: readonly string[],
): Promise<Map<string, SeriesSession[]>> {
  const out = new Map<string, SeriesSession[]>();
  if (episodeIds.length === 0) return out;
  const sessions = await SeriesRepository.sessionsOf(db, episodeIds);
  const scores = await SeriesRepository.currentScores(db, episodeIds, [SCALE_ALLIANCE, SCALE_WELLBEING]);
  const bySession = new Map<string, { ap: number | null; at: number | null; wb: number | null }>();
  const ranges = new Map<string, { min: number; max: number }>();
  for (const s of scores) {
    let range = ranges.get(s.questionnaire_url);
    if (!range) ranges.set(s.questionnaire_url, (range = scoreRange(instruments, s.questionnaire_url)));
    let v = bySession.get(s.session_id);
    if (!v) bySession.set(s.session_id, (v = { ap: null, at: null, wb: null }));
    // A scale declared at import wins over the form's (imported scores are on the network's own scale).
    const declared =
      s.range_min !== null && s.range_max !== null
        ? { min: Number(s.range_min), max: Number(s.range_max) }
        : null;
    const value = pct(Number(s.value), declared ?? range);
    if (s.scale === SCALE_ALLIANCE && s.rater === "patient") v.ap = value;
    else if (s.scale === SCALE_ALLIANCE && s.rater === "therapist") v.at = value;
    else if (s.scale === SCALE_WELLBEING && s.rater === "patient") v.wb = value;
  }
  for (const s of sessions) {
    let list = out.get(s.episode_id);
    if (!list) out.set(s.episode_id, (list = []));
    const v = bySession.get(s.id);
    list.push({
      sessionId: s.id,
      session: Number(s.number),
      ...(s.date ? { date: s.date } : {}),
      alliancePatient: v?.ap ?? null,
      allianceTherapist: v?.at ?? null,
      outcome: v?.wb ?? null,
    });
  }
  return out;
}
