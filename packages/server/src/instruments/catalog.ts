// The small interface the server needs from an instrument: the Questionnaire, who answers it, how to
// check a response against it, and how to score it; every one is a core definition (core.ts).
import type { Questionnaire, QuestionnaireResponse } from "fhir/r4";
import type { Instrument as CoreInstrument } from "@attune/core";
import type { Rater } from "@attune/db";
import type { Problem } from "../errors.ts";

export interface Instrument {
  questionnaire: Questionnaire & { url: string };
  /** The core definition the form, its checks and its scores come from. */
  definition: CoreInstrument;
  rater: Rater;
  /** Problems with the answers (unknown items, wrong types, out-of-range, missing required). */
  check(qr: QuestionnaireResponse): Problem[];
  /** Scale scores; the long table reads `alliance` and `wellbeing`. */
  score(qr: QuestionnaireResponse): Record<string, number>;
  /** Ranges the response declares for its scores (imported, already-scored data), by scale. */
  scoreRanges?(qr: QuestionnaireResponse): Record<string, { min: number; max: number }>;
  /**
   * An outcome form: the stored scale on 0–100 the dashboard's not-on-track follows, and which way is
   * better (PHQ-9, CORE-10: lower; WHO-5, ORS, the well-being form: higher).
   */
  outcome?: { scale: string; higherIsBetter: boolean };
}

export interface InstrumentCatalog {
  byUrl(url: string): Instrument | undefined;
  all(): Instrument[];
}

export function catalogOf(instruments: Instrument[]): InstrumentCatalog {
  const map = new Map(instruments.map((i) => [i.questionnaire.url, i]));
  return { byUrl: (u) => map.get(stripVersion(u)), all: () => [...map.values()] };
}

/** `url|version` canonical references resolve to the url. */
export function stripVersion(canonical: string): string {
  const bar = canonical.indexOf("|");
  return bar < 0 ? canonical : canonical.slice(0, bar);
}
