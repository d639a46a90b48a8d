// The attune alliance check-in: one structure, two parallel wordings (patient about the therapist,
// therapist about the patient), so that both views land on the same 0–100 metric item for item.
import type { AnswerScale, Instrument, Licence, LocalizedText, ScaleRule } from "../types.ts";
import { ordinal } from "./helpers.ts";

export const ATTUNE_LICENCE: Licence = {
  holder: "The attune project",
  code: "MIT",
  terms:
    "Written by the attune project and distributed with it under the MIT licence; free to use, translate and adapt.",
  notice: null,
  textShipped: true,
};

export const NOT_VALIDATED_CAVEAT =
  "NOT VALIDATED: written by the attune project for demonstrations and for networks without a licensed alliance form. Its reliability and validity have not been studied; do not report it as an established measure.";

export const AGREEMENT: AnswerScale = ordinal(0, [
  { en: "Not at all", fr: "Pas du tout" },
  { en: "A little", fr: "Un peu" },
  { en: "Moderately", fr: "Moyennement" },
  { en: "Mostly", fr: "En grande partie" },
  { en: "Completely", fr: "Complètement" },
]);

/** The six item linkIds, the same in both forms so items can be paired. */
export const CHECKIN_ITEMS = ["bond-1", "bond-2", "goals-1", "goals-2", "tasks-1", "tasks-2"] as const;

const twoItemRule = "attune convention: a 2-item subscale is scored only when both items are answered";

export const CHECKIN_SCALES: { total: ScaleRule; subscales: ScaleRule[] } = {
  total: {
    id: "total",
    label: { en: "alliance", fr: "alliance" },
    items: [...CHECKIN_ITEMS],
    method: "sum",
    maxMissing: 1,
    missingRuleSource: "attune convention: prorate when at most 1 of the 6 items is missing",
  },
  subscales: [
    {
      id: "bond",
      label: { en: "bond", fr: "lien" },
      items: ["bond-1", "bond-2"],
      method: "sum",
      maxMissing: 0,
      missingRuleSource: twoItemRule,
    },
    {
      id: "goals",
      label: { en: "goals", fr: "objectifs" },
      items: ["goals-1", "goals-2"],
      method: "sum",
      maxMissing: 0,
      missingRuleSource: twoItemRule,
    },
    {
      id: "tasks",
      label: { en: "tasks", fr: "tâches" },
      items: ["tasks-1", "tasks-2"],
      method: "sum",
      maxMissing: 0,
      missingRuleSource: twoItemRule,
    },
  ],
};

/** Builds one form of the check-in from its six wordings (in CHECKIN_ITEMS order). */
export function checkInForm(spec: {
  id: string;
  rater: "patient" | "therapist";
  title: LocalizedText;
  construct: LocalizedText;
  description: LocalizedText;
  instructions: LocalizedText;
  texts: readonly LocalizedText[];
}): Instrument {
  return {
    id: spec.id,
    version: "0.1.0",
    title: spec.title,
    shortTitle: spec.rater === "patient" ? "Check-in (P)" : "Check-in (T)",
    construct: spec.construct,
    rater: spec.rater,
    kind: "alliance",
    description: spec.description,
    instructions: spec.instructions,
    validated: false,
    projectAuthored: true,
    answerScales: { agreement: AGREEMENT },
    items: CHECKIN_ITEMS.map((linkId, i) => {
      const text = spec.texts[i];
      if (!text) throw new Error(`${spec.id}: no wording for item ${linkId}`);
      return { linkId, prefix: String(i + 1), scale: "agreement", text, required: false };
    }),
    scoring: {
      ...CHECKIN_SCALES,
      higherIsBetter: true,
      cutoffs: [],
      reliableChange: null,
      reliableChangeNote:
        "the check-in is not validated, so no reliability or SD is known; compute a threshold from the network's own data with jacobsonTruaxThreshold(sd, reliability)",
    },
    licence: ATTUNE_LICENCE,
    references: [
      "Bordin ES (1979). The generalizability of the psychoanalytic concept of the working alliance. Psychother Theory Res Pract 16(3):252–260 (the bond/goals/tasks model the items cover; no wording is taken from any instrument).",
    ],
    caveats: [NOT_VALIDATED_CAVEAT],
  };
}
