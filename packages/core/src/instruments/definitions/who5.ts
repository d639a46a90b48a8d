// WHO-5 Well-Being Index (Psychiatric Research Unit, Mental Health Centre North Zealand; WHO 1998).
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, range1 } from "./helpers.ts";

const TOPP_2015 =
  "Topp CW, Østergaard SD, Søndergaard S, Bech P (2015). The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom 84(3):167–176.";
const PRU_SCORING =
  "Psychiatric Research Unit, Mental Health Centre North Zealand: WHO-5 scoring guidance (raw score 0–25 × 4 = percentage score 0–100; a raw score below 13 indicates poor well-being; a 10% difference indicates a significant change).";

export const who5: Instrument = {
  id: "who-5",
  version: "1.0.0",
  title: { en: "WHO-5 Well-Being Index" },
  shortTitle: "WHO-5",
  construct: { en: "Subjective well-being", fr: "Bien-être subjectif" },
  rater: "patient",
  kind: "outcome",
  description: {
    en: "Five positively worded statements about the last two weeks, each 0 (at no time) to 5 (all of the time). Raw score 0–25; × 4 gives the percentage score 0–100 (attune's percentOfMax).",
    fr: "Cinq affirmations positives sur les deux dernières semaines, cotées de 0 (jamais) à 5 (tout le temps). Score brut 0–25 ; × 4 donne le score en pourcentage 0–100 (percentOfMax d'attune).",
  },
  instructions: {
    en: "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: {
    frequency: {
      kind: "ordinal",
      options: [
        { value: 5, label: { en: "All of the time" } },
        { value: 4, label: { en: "Most of the time" } },
        { value: 3, label: { en: "More than half of the time" } },
        { value: 2, label: { en: "Less than half of the time" } },
        { value: 1, label: { en: "Some of the time" } },
        { value: 0, label: { en: "At no time" } },
      ],
    },
  },
  items: numberedItems("who5", "frequency", [
    { en: "I have felt cheerful and in good spirits" },
    { en: "I have felt calm and relaxed" },
    { en: "I have felt active and vigorous" },
    { en: "I woke up feeling fresh and rested" },
    { en: "My daily life has been filled with things that interest me" },
  ]),
  scoring: {
    total: {
      id: "total",
      label: { en: "raw score", fr: "score brut" },
      items: linkIds("who5", range1(5)),
      method: "sum",
      maxMissing: 0,
      missingRuleSource:
        "attune convention: no prorating rule is published for the WHO-5, so only complete forms are scored",
    },
    subscales: [],
    higherIsBetter: true,
    cutoffs: [
      {
        id: "clinical",
        scale: "total",
        direction: "below",
        value: 13,
        label: {
          en: "poor well-being (raw < 13, percentage ≤ 48): screen for depression",
          fr: "bien-être faible (brut < 13, pourcentage ≤ 48) : dépister une dépression",
        },
        source: `${PRU_SCORING} ${TOPP_2015}`,
      },
      {
        id: "likely-depression",
        scale: "total",
        direction: "atOrBelow",
        value: 7,
        label: { en: "likely depression (percentage ≤ 28)", fr: "dépression probable (pourcentage ≤ 28)" },
        source: TOPP_2015,
      },
    ],
    reliableChange: {
      scale: "total",
      metric: "percentOfMax",
      threshold: 10,
      method: "published",
      sd: null,
      reliability: null,
      source: PRU_SCORING,
      note: "A change of 10 percentage points (2.5 raw points) is the conventional 'significant change' of the WHO-5 scoring guidance; it is not a Jacobson–Truax index, and no SD/reliability is given for it.",
    },
  },
  licence: {
    holder:
      "Psychiatric Research Unit, Mental Health Centre North Zealand (WHO Collaborating Centre in Mental Health)",
    code: "free-no-permission",
    terms: "The WHO-5 may be used free of charge without permission. Cite the source.",
    notice:
      "WHO-5 Well-Being Index © Psychiatric Research Unit, WHO Collaborating Centre in Mental Health, Mental Health Centre North Zealand.",
    textShipped: true,
  },
  references: [TOPP_2015, PRU_SCORING],
  caveats: [
    "Only the English wording is shipped; the official French version can be imported as a translation.",
    "The instruction sentence is attune's rendering for an on-screen form; the five statements and answer labels are the published English wording.",
    "WHO has republished the WHO-5 (2024) under its own licence terms; check them if you redistribute the form outside attune.",
  ],
};
