// CORE-10: psychological distress over the last week (Barkham et al. 2013), © CORE System Trust.
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, ordinal, range1 } from "./helpers.ts";

const BARKHAM_2013 =
  "Barkham M, Bewick B, Mullin T, Gilbody S, Connell J, Cahill J, Mellor-Clark J, Richards D, Unsworth G, Evans C (2013). The CORE-10: a short measure of psychological distress for routine use in the psychological therapies. Couns Psychother Res 13(1):3–13.";
const MANUAL = "Connell J, Barkham M (2007). CORE-10 User Manual, Version 1.0. CORE System Trust.";

export const core10: Instrument = {
  id: "core-10",
  version: "1.0.0",
  title: { en: "CORE-10 (Clinical Outcomes in Routine Evaluation)" },
  shortTitle: "CORE-10",
  construct: { en: "Psychological distress", fr: "Détresse psychologique" },
  rater: "patient",
  kind: "outcome",
  description: {
    en: "Ten statements about the last week, each 0 (not at all) to 4 (most or all of the time); items 2 and 3 are reverse-keyed. Total 0–40.",
    fr: "Dix affirmations sur la dernière semaine, cotées de 0 (pas du tout) à 4 (la plupart du temps ou tout le temps) ; les items 2 et 3 sont inversés. Total 0–40.",
  },
  instructions: {
    en: "This form has 10 statements about how you have been OVER THE LAST WEEK. Please read each statement and think how often you felt that way last week. Then tick the box which is closest to this.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: {
    frequency: ordinal(0, [
      { en: "Not at all" },
      { en: "Only occasionally" },
      { en: "Sometimes" },
      { en: "Often" },
      { en: "Most or all of the time" },
    ]),
  },
  items: numberedItems(
    "core10",
    "frequency",
    [
      { en: "I have felt tense, anxious or nervous" },
      { en: "I have felt I have someone to turn to for support when needed" },
      { en: "I have felt able to cope when things go wrong" },
      { en: "Talking to people has felt too much for me" },
      { en: "I have felt panic or terror" },
      { en: "I made plans to end my life" },
      { en: "I have had difficulty getting to sleep or staying asleep" },
      { en: "I have felt despairing or hopeless" },
      { en: "I have felt unhappy" },
      { en: "Unwanted images or memories have been distressing me" },
    ],
    { reverse: [2, 3] },
  ),
  scoring: {
    total: {
      id: "total",
      label: { en: "clinical score", fr: "score clinique" },
      items: linkIds("core10", range1(10)),
      method: "sum",
      maxMissing: 1,
      missingRuleSource: `${MANUAL}: a score is not computed when more than one item is missing; with one missing the total is prorated`,
    },
    subscales: [],
    higherIsBetter: false,
    cutoffs: [
      {
        id: "clinical",
        scale: "total",
        direction: "atOrAbove",
        value: 11,
        label: { en: "clinical range", fr: "zone clinique" },
        source: BARKHAM_2013,
      },
    ],
    reliableChange: {
      scale: "total",
      metric: "score",
      threshold: 6,
      method: "published",
      sd: null,
      reliability: null,
      source: BARKHAM_2013,
      note: "Reliable change index of 6 points as reported for the CORE-10 (Barkham et al. 2013); the SD and α it rests on are in the paper and have not been re-verified by attune. Other samples give other values (e.g. 9 points in a stroke sample, Steverson et al. 2024).",
    },
    riskItems: [
      {
        linkId: "core10-6",
        atOrAbove: 1,
        label: { en: "plans to end one's life", fr: "projets de mettre fin à ses jours" },
      },
    ],
  },
  licence: {
    holder: "CORE System Trust",
    code: "CC-BY-NC-ND-4.0",
    terms:
      "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International: free to reproduce, on paper or in software, for non-commercial use, provided the wording is not changed in any way (no reordering, cutting or adding items or text) and the copyright line is kept. (The Trust's pages have also stated CC BY-ND 4.0; the stricter NC-ND terms are applied here.)",
    notice: "© CORE System Trust: https://www.coresystemtrust.org.uk/copyright.pdf",
    textShipped: true,
    url: "https://www.coresystemtrust.org.uk/home/copyright-licensing/",
  },
  references: [BARKHAM_2013, MANUAL],
  caveats: [
    "The wording must not be changed: attune ships no French rendering of its own; an official French CORE-10 can be imported as a translation.",
    "The exact copyright line printed on the current official form should be checked against the form supplied by the CORE System Trust.",
  ],
};
