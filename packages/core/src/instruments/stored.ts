// What a scored response stores, and on what scale: the names the database keeps (`total`,
// `percent_of_max`, each subscale, each indicator as 0/1, each coded type's intensity) and the long table's score scales
// (records/longTable.ts: `alliance`, `wellbeing`), so the dashboard and the tidy export read every form
// the same way. One rule for every form: a form with a subscale of that name stores it on its own scale
// (the demo forms' item means); otherwise an alliance form stores its total's percent of maximum as
// `alliance`, and an outcome form where higher is better as `wellbeing`.
import { SCALE_ALLIANCE, SCALE_WELLBEING } from "../records/longTable.ts";
import { scaleRange, type Score } from "./scoring.ts";
import type { Instrument } from "./types.ts";

/** The stored name of a total's percent of maximum (the common 0–100 metric). */
export const SCALE_PERCENT_OF_MAX = "percent_of_max";

const PERCENT = { min: 0, max: 100 } as const;

/** The long-table scale a form's total fills on the 0–100 metric, if any. */
function totalRole(instrument: Instrument): string | undefined {
  if (!instrument.scoring.total) return undefined;
  if (instrument.kind === "alliance") return SCALE_ALLIANCE;
  if (instrument.kind === "outcome" && instrument.scoring.higherIsBetter) return SCALE_WELLBEING;
  return undefined;
}

/**
 * The scores a response stores, by name.
 *
 * @example
 * storedScores(phq9, scoreResponse(phq9, answers) as Score); // { total: 12, percent_of_max: 44.4, ... }
 */
export function storedScores(instrument: Instrument, score: Score): Record<string, number> {
  const out: Record<string, number> = {};
  if (score.total !== null) out["total"] = score.total;
  if (score.percentOfMax !== null) {
    out[SCALE_PERCENT_OF_MAX] = score.percentOfMax;
    const role = totalRole(instrument);
    if (role) out[role] = score.percentOfMax;
  }
  for (const [k, v] of Object.entries(score.subscales)) if (v !== null) out[k] = v;
  for (const [k, v] of Object.entries(score.indicators)) if (v !== null) out[k] = v ? 1 : 0;
  for (const [k, v] of Object.entries(score.intensities)) if (v !== null) out[k] = v;
  return out;
}

/**
 * The range of a stored score of this form; undefined for imported scores (their response declares
 * it, else ASSUMED_SCALE) and for names the form does not store.
 *
 * @example
 * storedScaleRange(getInstrument("phq-9"), "percent_of_max"); // { min: 0, max: 100 }
 */
export function storedScaleRange(
  instrument: Instrument,
  scale: string,
): { readonly min: number; readonly max: number } | undefined {
  const sub = instrument.scoring.subscales.find((s) => s.id === scale);
  if (sub) {
    const imported = sub.items.some((l) => {
      const item = instrument.items.find((it) => it.linkId === l);
      return item !== undefined && instrument.answerScales[item.scale]?.kind === "imported";
    });
    return imported ? undefined : scaleRange(instrument, sub);
  }
  if (scale === SCALE_PERCENT_OF_MAX || scale === totalRole(instrument)) return PERCENT;
  const total = instrument.scoring.total;
  if (scale === "total" && total) return scaleRange(instrument, total);
  return undefined;
}

/**
 * The stored score a form's outcome is followed by (not on track, the dashboard's outcome series) and
 * which way is better; undefined for forms that are not outcome measures.
 *
 * @example
 * outcomeScale(getInstrument("phq-9")); // { scale: "percent_of_max", higherIsBetter: false }
 */
export function outcomeScale(instrument: Instrument): { scale: string; higherIsBetter: boolean } | undefined {
  if (instrument.kind !== "outcome") return undefined;
  const higherIsBetter = instrument.scoring.higherIsBetter;
  if (instrument.scoring.subscales.some((s) => s.id === SCALE_WELLBEING))
    return { scale: SCALE_WELLBEING, higherIsBetter };
  return instrument.scoring.total ? { scale: SCALE_PERCENT_OF_MAX, higherIsBetter } : undefined;
}
