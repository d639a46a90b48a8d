// Therapist in-session experiences: flow, anxiety, negative reactions. Project-authored, not validated.
import type { Instrument, ScaleRule } from "../types.ts";
import { ATTUNE_LICENCE, NOT_VALIDATED_CAVEAT } from "./allianceCheckInShared.ts";
import { ordinal } from "./helpers.ts";

const rule = "attune convention: a 3-item subscale is prorated when at most 1 of its items is missing";

function subscale(id: string, label: { en: string; fr: string }, items: string[]): ScaleRule {
  return { id, label, items, method: "sum", maxMissing: 1, missingRuleSource: rule };
}

export const therapistExperiences: Instrument = {
  id: "therapist-experiences",
  version: "0.1.0",
  title: {
    en: "attune therapist in-session experiences (not validated)",
    fr: "Vécu du thérapeute en séance attune (non validé)",
  },
  shortTitle: "Therapist experiences",
  construct: { en: "Therapist's in-session experiences", fr: "Vécu du thérapeute pendant la séance" },
  rater: "therapist",
  kind: "process",
  perSession: true,
  description: {
    en: "Nine statements the therapist rates after a session, 0 (not at all) to 4 (very much): flow (absorption, ease), anxiety (worry, uncertainty) and negative reactions (irritation, detachment). Three subscales of 0–12; no total, because the three are different experiences.",
    fr: "Neuf affirmations que le thérapeute cote après la séance, de 0 (pas du tout) à 4 (énormément) : flow (absorption, aisance), anxiété (inquiétude, incertitude) et réactions négatives (irritation, détachement). Trois sous-échelles de 0–12 ; pas de total, car ce sont des expériences différentes.",
  },
  instructions: {
    en: "Thinking about the session you have just had with this patient, how much did you experience each of the following?",
    fr: "En pensant à la séance que vous venez d'avoir avec ce patient ou cette patiente, dans quelle mesure avez-vous vécu chacun des éléments suivants ?",
  },
  validated: false,
  projectAuthored: true,
  answerScales: {
    amount: ordinal(0, [
      { en: "Not at all", fr: "Pas du tout" },
      { en: "A little", fr: "Un peu" },
      { en: "Moderately", fr: "Moyennement" },
      { en: "A lot", fr: "Beaucoup" },
      { en: "Very much", fr: "Énormément" },
    ]),
  },
  items: [
    [
      "flow-1",
      "I was fully absorbed in the work with my patient.",
      "J'étais pleinement absorbé(e) par le travail avec mon patient ou ma patiente.",
    ],
    ["flow-2", "Time went by without my noticing it.", "Le temps a passé sans que je m'en rende compte."],
    ["flow-3", "The work came easily to me.", "Le travail s'est fait avec aisance."],
    [
      "anxiety-1",
      "I felt anxious during the session.",
      "Je me suis senti(e) anxieux ou anxieuse pendant la séance.",
    ],
    ["anxiety-2", "I was unsure of what to do next.", "Je ne savais pas trop quoi faire ensuite."],
    [
      "anxiety-3",
      "I worried about how well I was doing as a therapist.",
      "Je me suis inquiété(e) de la qualité de mon travail de thérapeute.",
    ],
    [
      "negative-1",
      "I felt irritated or frustrated with my patient.",
      "Je me suis senti(e) irrité(e) ou frustré(e) par mon patient ou ma patiente.",
    ],
    ["negative-2", "I felt bored or detached.", "Je me suis senti(e) ennuyé(e) ou détaché(e)."],
    ["negative-3", "I wished the session were over.", "J'avais hâte que la séance se termine."],
  ].map(([linkId, en, fr], i) => ({
    linkId: linkId as string,
    prefix: String(i + 1),
    scale: "amount",
    text: { en: en as string, fr: fr as string },
  })),
  scoring: {
    subscales: [
      subscale("flow", { en: "flow", fr: "flow" }, ["flow-1", "flow-2", "flow-3"]),
      subscale("anxiety", { en: "anxiety", fr: "anxiété" }, ["anxiety-1", "anxiety-2", "anxiety-3"]),
      subscale("negative", { en: "negative reactions", fr: "réactions négatives" }, [
        "negative-1",
        "negative-2",
        "negative-3",
      ]),
    ],
    higherIsBetter: false,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote: "not validated and without a total; no reliable-change threshold",
  },
  licence: ATTUNE_LICENCE,
  references: [
    "The constructs (therapist flow, anxiety and negative reactions in session) follow the PRN literature summarised in DESIGN.md; no wording is taken from any published instrument.",
  ],
  caveats: [NOT_VALIDATED_CAVEAT],
};
