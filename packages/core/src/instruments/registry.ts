// The instrument library: every instrument attune knows, by id.
import { allianceCheckInPatient } from "./definitions/allianceCheckInPatient.ts";
import { allianceCheckInTherapist } from "./definitions/allianceCheckInTherapist.ts";
import { core10 } from "./definitions/core10.ts";
import { gad7 } from "./definitions/gad7.ts";
import { ors } from "./definitions/ors.ts";
import { phq9 } from "./definitions/phq9.ts";
import { ruptureCoding } from "./definitions/ruptureCoding.ts";
import { sai } from "./definitions/sai.ts";
import { srs } from "./definitions/srs.ts";
import { therapistExperiences } from "./definitions/therapistExperiences.ts";
import { treatmentConfidence } from "./definitions/treatmentConfidence.ts";
import { waiSrPatient } from "./definitions/waiSrPatient.ts";
import { waiSrTherapist } from "./definitions/waiSrTherapist.ts";
import { who5 } from "./definitions/who5.ts";
import { DEMO_FORMS } from "./definitions/demoForms.ts";
import { IMPORTED_SCORE_FORMS } from "./definitions/importedScores.ts";
import { IMPORTED_TOTALS_FORMS } from "./definitions/importedTotals.ts";
import { scaleRange } from "./scoring.ts";
import type { Instrument, InstrumentKind, LocalizedText, Rater } from "./types.ts";

const INSTRUMENTS: readonly Instrument[] = [
  phq9,
  gad7,
  who5,
  core10,
  ors,
  waiSrPatient,
  waiSrTherapist,
  sai,
  srs,
  allianceCheckInPatient,
  allianceCheckInTherapist,
  ruptureCoding,
  therapistExperiences,
  treatmentConfidence,
];

const BY_ID = new Map(INSTRUMENTS.map((i) => [i.id, i]));

/** One line of the instrument table. */
export interface InstrumentSummary {
  readonly id: string;
  readonly shortTitle: string;
  readonly title: LocalizedText;
  readonly construct: LocalizedText;
  readonly rater: Rater;
  readonly kind: InstrumentKind;
  readonly items: number;
  /** Range of the total, or null for forms without one. */
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly subscales: readonly string[];
  readonly textShipped: boolean;
  readonly validated: boolean;
  readonly licence: string;
}

/**
 * Every instrument, in the order of the docs table.
 *
 * @example
 * listInstruments().filter((i) => i.kind === "alliance").map((i) => i.id);
 * // ["wai-sr", "wai-sr-t", "sai", "srs", "alliance-checkin-patient", "alliance-checkin-therapist"]
 */
export function listInstruments(): InstrumentSummary[] {
  return INSTRUMENTS.map((i) => ({
    id: i.id,
    shortTitle: i.shortTitle,
    title: i.title,
    construct: i.construct,
    rater: i.rater,
    kind: i.kind,
    items: i.items.length,
    range: i.scoring.total ? scaleRange(i, i.scoring.total) : null,
    subscales: i.scoring.subscales.map((s) => s.id),
    textShipped: i.licence.textShipped,
    validated: i.validated,
    licence: i.licence.code,
  }));
}

/**
 * All instrument definitions.
 *
 * @example
 * allInstruments().length; // 14
 */
export function allInstruments(): readonly Instrument[] {
  return INSTRUMENTS;
}

/**
 * Every form a network can be sent or can import into: the demo forms, the imported-score carriers and
 * the library (the server's catalog).
 *
 * @example
 * catalogInstruments().map((i) => i.id).slice(0, 2); // ["alliance-patient", "alliance-therapist"]
 */
export function catalogInstruments(): readonly Instrument[] {
  return CATALOG;
}

const CATALOG: readonly Instrument[] = [
  ...DEMO_FORMS,
  ...IMPORTED_SCORE_FORMS,
  ...IMPORTED_TOTALS_FORMS,
  ...INSTRUMENTS,
];

/**
 * The instrument with this id, or undefined.
 *
 * @example
 * findInstrument("phq-9")?.shortTitle; // "PHQ-9"
 */
export function findInstrument(id: string): Instrument | undefined {
  return BY_ID.get(id);
}

/**
 * The instrument with this id; throws an Error naming the known ids when there is none.
 *
 * @example
 * getInstrument("wai-sr").scoring.subscales.map((s) => s.id); // ["goal", "task", "bond"]
 */
export function getInstrument(id: string): Instrument {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown instrument "${id}"; known: ${[...BY_ID.keys()].join(", ")}`);
  return found;
}
