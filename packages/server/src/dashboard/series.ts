// A dyad's session series on the 0–100 metric, read from stored scores: the patient's and the
// therapist's alliance and the patient's outcome per session (newest version of each response). The
// outcome is the network's (networkOutcome): the first outcome form its studies schedule for patients,
// in its own direction (PHQ-9: lower is better), else the well-being role of any form (higher is better).
import type { Db } from "@attune/db";
import { SeriesRepository } from "@attune/db";
import {
  ASSUMED_SCALE,
  SCALE_ALLIANCE,
  SCALE_WELLBEING,
  seriesPercent,
  storedScaleRange,
  totalsSourceUrl,
  type SessionRecord,
} from "@attune/core";
import { stripVersion, type InstrumentCatalog } from "../instruments/catalog.ts";

export interface SeriesSession extends SessionRecord {
  readonly sessionId: string;
}

/** Which stored score is a network's outcome, and which way is better. */
export interface OutcomeSource {
  /** The outcome form (null: the well-being role of any form, e.g. imported scores). */
  readonly url: string | null;
  /** Stored scale read (0–100). */
  readonly scale: string;
  readonly higherIsBetter: boolean;
  /** Short name for people ("wellbeing", "phq9"). */
  readonly id: string;
}

/** Without a scheduled outcome form: the well-being role (imported data, the demo forms). */
export const WELLBEING_OUTCOME: OutcomeSource = {
  url: null,
  scale: SCALE_WELLBEING,
  higherIsBetter: true,
  id: "wellbeing",
};

/**
 * The network's outcomes: every patient form its studies schedule that the catalog knows as an outcome
 * (with its direction), in schedule order, else the well-being role. The first is the dashboard's outcome
 * (series, band, caseload column); every one of them drives not on track.
 *
 * @example
 * await networkOutcomes(db, instruments, networkId); // [{ url: ".../phq9", scale: "percent_of_max", higherIsBetter: false, id: "phq9" }, …]
 */
export async function networkOutcomes(
  db: Db,
  instruments: InstrumentCatalog,
  networkId: string,
): Promise<OutcomeSource[]> {
  const out: OutcomeSource[] = [];
  for (const url of await SeriesRepository.scheduledPatientForms(db, networkId)) {
    const inst = instruments.byUrl(url);
    if (!inst?.outcome) continue;
    // The well-being role is stored by every form that carries it (imported scores too): any form's.
    const source: OutcomeSource = {
      url: inst.outcome.scale === SCALE_WELLBEING ? null : inst.questionnaire.url,
      scale: inst.outcome.scale,
      higherIsBetter: inst.outcome.higherIsBetter,
      id: inst.questionnaire.id ?? inst.questionnaire.name ?? url,
    };
    if (!out.some((o) => o.url === source.url && o.scale === source.scale)) out.push(source);
  }
  return out.length > 0 ? out : [WELLBEING_OUTCOME];
}

/**
 * The network's first outcome (the dashboard's series, band and caseload column).
 *
 * @example
 * await networkOutcome(db, instruments, networkId); // { url: ".../phq9", scale: "percent_of_max", higherIsBetter: false, id: "phq9" }
 */
export async function networkOutcome(
  db: Db,
  instruments: InstrumentCatalog,
  networkId: string,
): Promise<OutcomeSource> {
  return (await networkOutcomes(db, instruments, networkId))[0] ?? WELLBEING_OUTCOME;
}

/**
 * Range of a stored score of a form, from its core definition (storedScaleRange: 0–100 for the library's
 * totals, the demo forms' item-mean scales); imported scores and unknown forms without a declared scale
 * are assumed item means on 1–5 (ASSUMED_SCALE), as the long table and the simulator write them.
 *
 * @example
 * scoreRange(instruments, ALLIANCE_PATIENT, "alliance"); // { min: 1, max: 5 }
 */
export function scoreRange(
  instruments: InstrumentCatalog,
  url: string,
  scale: string,
): { readonly min: number; readonly max: number } {
  const definition = instruments.byUrl(url)?.definition;
  return (definition && storedScaleRange(definition, scale)) ?? ASSUMED_SCALE;
}

/**
 * Sessions of the given episodes with their scores, ordered by session number; `outcome` on 0–100 in the
 * outcome form's own direction.
 *
 * @example
 * const series = await loadSeries(db, instruments, [episodeId], outcome);
 */
export async function loadSeries(
  db: Db,
  instruments: InstrumentCatalog,
  episodeIds: readonly string[],
  outcome: OutcomeSource = WELLBEING_OUTCOME,
): Promise<Map<string, SeriesSession[]>> {
  return (await loadOutcomeSeries(db, instruments, episodeIds, [outcome]))[0]!;
}

/**
 * The series of several outcomes at once, one map per outcome in the order given: one read of the
 * sessions and one of the scores whatever the number of outcome forms a network schedules (the
 * dashboard reads every form's series on each caseload request).
 *
 * @example
 * const [first, phq9] = await loadOutcomeSeries(db, instruments, episodeIds, [wellbeing, phq9Source]);
 */
export async function loadOutcomeSeries(
  db: Db,
  instruments: InstrumentCatalog,
  episodeIds: readonly string[],
  outcomes: readonly OutcomeSource[],
): Promise<Map<string, SeriesSession[]>[]> {
  const out = outcomes.map(() => new Map<string, SeriesSession[]>());
  if (episodeIds.length === 0) return out;
  const sessions = await SeriesRepository.sessionsOf(db, episodeIds);
  const scales = [...new Set([SCALE_ALLIANCE, ...outcomes.map((o) => o.scale)])];
  const scores = await SeriesRepository.currentScores(db, episodeIds, scales);
  const outcomeUrls = outcomes.map((o) => (o.url === null ? null : stripVersion(o.url)));
  /** Per session: the patient's and therapist's alliance and each outcome's score (0–100). */
  const bySession = new Map<string, { ap: number | null; at: number | null; outcome: (number | null)[] }>();
  const ranges = new Map<string, { readonly min: number; readonly max: number }>();
  for (const s of scores) {
    const key = `${s.questionnaire_url}\u0000${s.scale}`;
    let range = ranges.get(key);
    if (!range) ranges.set(key, (range = scoreRange(instruments, s.questionnaire_url, s.scale)));
    let v = bySession.get(s.session_id);
    if (!v) bySession.set(s.session_id, (v = { ap: null, at: null, outcome: outcomes.map(() => null) }));
    // A scale declared at import wins over the form's (imported scores are on the network's own scale).
    const declared =
      s.range_min !== null && s.range_max !== null
        ? { min: Number(s.range_min), max: Number(s.range_max) }
        : null;
    const value = seriesPercent(declared ?? range, Number(s.value));
    if (s.scale === SCALE_ALLIANCE && s.rater === "patient") v.ap = value;
    else if (s.scale === SCALE_ALLIANCE && s.rater === "therapist") v.at = value;
    else if (s.rater === "patient")
      outcomes.forEach((o, i) => {
        const url = outcomeUrls[i];
        // An imported total (no items) follows its form: the carrier stores the form's score names.
        if (
          s.scale === o.scale &&
          (url === null || totalsSourceUrl(stripVersion(s.questionnaire_url)) === url)
        )
          v.outcome[i] = value;
      });
  }
  for (const s of sessions) {
    const v = bySession.get(s.id);
    out.forEach((byEpisode, i) => {
      let list = byEpisode.get(s.episode_id);
      if (!list) byEpisode.set(s.episode_id, (list = []));
      list.push({
        sessionId: s.id,
        session: Number(s.number),
        ...(s.date ? { date: s.date } : {}),
        alliancePatient: v?.ap ?? null,
        allianceTherapist: v?.at ?? null,
        outcome: v?.outcome[i] ?? null,
      });
    });
  }
  return out;
}
