// PHQ-9: depression symptoms over the last two weeks (Kroenke, Spitzer & Williams 2001).
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, ordinal, range1 } from "./helpers.ts";
import {
  IAPT_MANUAL,
  PHQ_DIFFICULTY,
  PHQ_DIFFICULTY_TEXT,
  PHQ_FREQUENCY,
  PHQ_SCREENERS_LICENCE,
} from "./pfizerNotice.ts";

const KROENKE_2001 =
  "Kroenke K, Spitzer RL, Williams JBW (2001). The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 16(9):606–613.";

export const phq9: Instrument = {
  id: "phq-9",
  version: "1.0.0",
  title: { en: "Patient Health Questionnaire (PHQ-9)" },
  shortTitle: "PHQ-9",
  construct: { en: "Depression symptoms", fr: "Symptômes dépressifs" },
  rater: "patient",
  kind: "outcome",
  description: {
    en: "Nine DSM-IV depression symptoms rated for frequency over the last two weeks (0–27), plus one unscored item on how difficult the problems have made daily life.",
    fr: "Neuf symptômes dépressifs du DSM-IV cotés selon leur fréquence au cours des deux dernières semaines (0–27), plus une question non cotée sur la gêne dans la vie quotidienne.",
  },
  instructions: {
    en: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { frequency: ordinal(0, PHQ_FREQUENCY), difficulty: ordinal(0, PHQ_DIFFICULTY) },
  items: [
    ...numberedItems("phq9", "frequency", [
      { en: "Little interest or pleasure in doing things" },
      { en: "Feeling down, depressed, or hopeless" },
      { en: "Trouble falling or staying asleep, or sleeping too much" },
      { en: "Feeling tired or having little energy" },
      { en: "Poor appetite or overeating" },
      {
        en: "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      },
      { en: "Trouble concentrating on things, such as reading the newspaper or watching television" },
      {
        en: "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      },
      { en: "Thoughts that you would be better off dead or of hurting yourself in some way" },
    ]),
    { linkId: "phq9-10", prefix: "10", scale: "difficulty", text: PHQ_DIFFICULTY_TEXT },
  ],
  scoring: {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds("phq9", range1(9)),
      method: "sum",
      maxMissing: 1,
      missingRuleSource:
        "attune convention (not a rule published by the PHQ authors): prorate when at most 1 of the 9 items is missing",
      loinc: {
        code: "44261-6",
        display: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
      },
    },
    subscales: [],
    higherIsBetter: false,
    cutoffs: [
      {
        id: "clinical",
        scale: "total",
        direction: "atOrAbove",
        value: 10,
        label: { en: "probable depression (caseness)", fr: "dépression probable (cas clinique)" },
        source: `${KROENKE_2001} Also the caseness threshold of the NHS Talking Therapies manual.`,
      },
    ],
    bands: [
      { min: 0, max: 4, label: { en: "minimal", fr: "minimale" } },
      { min: 5, max: 9, label: { en: "mild", fr: "légère" } },
      { min: 10, max: 14, label: { en: "moderate", fr: "modérée" } },
      { min: 15, max: 19, label: { en: "moderately severe", fr: "modérément sévère" } },
      { min: 20, max: 27, label: { en: "severe", fr: "sévère" } },
    ],
    bandsSource: KROENKE_2001,
    reliableChange: {
      scale: "total",
      metric: "score",
      threshold: 6,
      method: "published",
      sd: null,
      reliability: null,
      source: IAPT_MANUAL,
      note: "The SD and reliability behind the 6-point threshold are not restated in the manual and have not been verified by attune. Löwe et al. (2004, Med Care 42:1194–1201) estimated the minimal clinically important individual change as 5 points (2 standard errors of measurement).",
    },
    riskItems: [
      {
        linkId: "phq9-9",
        atOrAbove: 1,
        label: {
          en: "thoughts of being better off dead or of self-harm",
          fr: "idées de mort ou d'auto-agression",
        },
      },
    ],
  },
  licence: PHQ_SCREENERS_LICENCE,
  references: [KROENKE_2001, IAPT_MANUAL],
  caveats: [
    "Only the English wording is shipped; official translations (including French) exist and can be imported as translations with `attune instruments import`.",
    "Item 10 (difficulty) is part of the form but of no score.",
  ],
};
