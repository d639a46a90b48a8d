// GAD-7: generalised anxiety symptoms over the last two weeks (Spitzer, Kroenke, Williams & Löwe 2006).
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, ordinal, range1 } from "./helpers.ts";
import {
  IAPT_MANUAL,
  PHQ_DIFFICULTY,
  PHQ_DIFFICULTY_TEXT,
  PHQ_FREQUENCY,
  PHQ_SCREENERS_LICENCE,
} from "./pfizerNotice.ts";

const SPITZER_2006 =
  "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006). A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 166(10):1092–1097.";

export const gad7: Instrument = {
  id: "gad-7",
  version: "1.0.0",
  title: { en: "Generalized Anxiety Disorder scale (GAD-7)" },
  shortTitle: "GAD-7",
  construct: { en: "Anxiety symptoms", fr: "Symptômes anxieux" },
  rater: "patient",
  kind: "outcome",
  description: {
    en: "Seven anxiety symptoms rated for frequency over the last two weeks (0–21), plus one unscored item on how difficult the problems have made daily life.",
    fr: "Sept symptômes anxieux cotés selon leur fréquence au cours des deux dernières semaines (0–21), plus une question non cotée sur la gêne dans la vie quotidienne.",
  },
  instructions: { en: "Over the last 2 weeks, how often have you been bothered by the following problems?" },
  validated: true,
  projectAuthored: false,
  answerScales: { frequency: ordinal(0, PHQ_FREQUENCY), difficulty: ordinal(0, PHQ_DIFFICULTY) },
  items: [
    ...numberedItems("gad7", "frequency", [
      { en: "Feeling nervous, anxious, or on edge" },
      { en: "Not being able to stop or control worrying" },
      { en: "Worrying too much about different things" },
      { en: "Trouble relaxing" },
      { en: "Being so restless that it is hard to sit still" },
      { en: "Becoming easily annoyed or irritable" },
      { en: "Feeling afraid, as if something awful might happen" },
    ]),
    { linkId: "gad7-8", prefix: "8", scale: "difficulty", text: PHQ_DIFFICULTY_TEXT },
  ],
  scoring: {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds("gad7", range1(7)),
      method: "sum",
      maxMissing: 1,
      missingRuleSource:
        "attune convention (not a rule published by the GAD-7 authors): prorate when at most 1 of the 7 items is missing",
      loinc: {
        code: "70274-6",
        display: "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
      },
    },
    subscales: [],
    higherIsBetter: false,
    cutoffs: [
      {
        id: "clinical",
        scale: "total",
        direction: "atOrAbove",
        value: 8,
        label: {
          en: "anxiety caseness (NHS Talking Therapies)",
          fr: "cas clinique d'anxiété (NHS Talking Therapies)",
        },
        source: IAPT_MANUAL,
      },
      {
        id: "gad",
        scale: "total",
        direction: "atOrAbove",
        value: 10,
        label: { en: "probable generalized anxiety disorder", fr: "trouble anxieux généralisé probable" },
        source: SPITZER_2006,
      },
    ],
    bands: [
      { min: 0, max: 4, label: { en: "minimal", fr: "minimale" } },
      { min: 5, max: 9, label: { en: "mild", fr: "légère" } },
      { min: 10, max: 14, label: { en: "moderate", fr: "modérée" } },
      { min: 15, max: 21, label: { en: "severe", fr: "sévère" } },
    ],
    bandsSource: SPITZER_2006,
    reliableChange: {
      scale: "total",
      metric: "score",
      threshold: 4,
      method: "published",
      sd: null,
      reliability: null,
      source: IAPT_MANUAL,
      note: "The SD and reliability behind the 4-point threshold are not restated in the manual and have not been verified by attune.",
    },
  },
  licence: PHQ_SCREENERS_LICENCE,
  references: [SPITZER_2006, IAPT_MANUAL],
  caveats: [
    "Only the English wording is shipped; official translations (including French) exist and can be imported as translations with `attune instruments import`.",
    "Item 8 (difficulty) is part of the form but of no score.",
  ],
};
