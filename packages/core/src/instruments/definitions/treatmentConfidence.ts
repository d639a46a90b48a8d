// attune confidence in therapist and treatment: a patient-rated process measure the researcher workspace
// can relate to alliance and outcome. Project-authored wording, not validated.
import type { Instrument, ScaleRule } from "../types.ts";
import { AGREEMENT, ATTUNE_LICENCE, NOT_VALIDATED_CAVEAT } from "./allianceCheckInShared.ts";

const twoItemRule = "attune convention: a 2-item subscale is scored only when both items are answered";

function subscale(id: string, label: { en: string; fr: string }, items: string[]): ScaleRule {
  return { id, label, items, method: "sum", maxMissing: 0, missingRuleSource: twoItemRule };
}

export const treatmentConfidence: Instrument = {
  id: "treatment-confidence",
  version: "0.1.0",
  title: {
    en: "attune confidence in therapist and treatment (not validated)",
    fr: "Confiance dans le thérapeute et le traitement attune (non validé)",
  },
  shortTitle: "Confidence",
  construct: {
    en: "Patient's confidence in the therapist and the treatment",
    fr: "Confiance du patient dans le thérapeute et le traitement",
  },
  rater: "patient",
  kind: "process",
  description: {
    en: "Four statements the patient rates, 0 (not at all) to 4 (completely): confidence in the therapist (2 items, 0–8) and in the treatment (2 items, 0–8); total 0–16. Written by the attune project; not validated.",
    fr: "Quatre affirmations que le patient ou la patiente cote, de 0 (pas du tout) à 4 (complètement) : confiance dans le thérapeute (2 items, 0–8) et dans le traitement (2 items, 0–8) ; total 0–16. Rédigé par le projet attune ; non validé.",
  },
  instructions: {
    en: "Thinking about your therapy so far, how well does each statement fit what you think?",
    fr: "En pensant à votre thérapie jusqu'ici, dans quelle mesure chaque affirmation correspond-elle à ce que vous pensez ?",
  },
  validated: false,
  projectAuthored: true,
  answerScales: { agreement: AGREEMENT },
  items: [
    [
      "confidence-therapist-1",
      "My therapist has the skills to help me with what brought me here.",
      "Mon ou ma thérapeute a les compétences pour m'aider avec ce qui m'a amené(e) ici.",
    ],
    [
      "confidence-therapist-2",
      "I can count on my therapist to take my concerns seriously.",
      "Je peux compter sur mon ou ma thérapeute pour prendre mes préoccupations au sérieux.",
    ],
    [
      "confidence-treatment-1",
      "This kind of therapy suits the difficulties I came with.",
      "Ce type de thérapie convient aux difficultés qui m'ont amené(e).",
    ],
    [
      "confidence-treatment-2",
      "I expect this therapy to make a real difference for me.",
      "Je m'attends à ce que cette thérapie fasse une vraie différence pour moi.",
    ],
  ].map(([linkId, en, fr], i) => ({
    linkId: linkId as string,
    prefix: String(i + 1),
    scale: "agreement",
    text: { en: en as string, fr: fr as string },
    required: false,
  })),
  scoring: {
    total: {
      id: "total",
      label: { en: "confidence", fr: "confiance" },
      items: [
        "confidence-therapist-1",
        "confidence-therapist-2",
        "confidence-treatment-1",
        "confidence-treatment-2",
      ],
      method: "sum",
      maxMissing: 1,
      missingRuleSource: "attune convention: prorate when at most 1 of the 4 items is missing",
    },
    subscales: [
      subscale("therapist", { en: "confidence in the therapist", fr: "confiance dans le thérapeute" }, [
        "confidence-therapist-1",
        "confidence-therapist-2",
      ]),
      subscale("treatment", { en: "confidence in the treatment", fr: "confiance dans le traitement" }, [
        "confidence-treatment-1",
        "confidence-treatment-2",
      ]),
    ],
    higherIsBetter: true,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote:
      "not validated, so no reliability or SD is known; compute a threshold from the network's own data with jacobsonTruaxThreshold(sd, reliability)",
  },
  licence: ATTUNE_LICENCE,
  references: [
    "The constructs (confidence in the therapist; credibility of and expectancy from the treatment) follow Devilly GJ, Borkovec TD (2000), Psychometric properties of the credibility/expectancy questionnaire, J Behav Ther Exp Psychiatry 31(2):73–86, and Constantino MJ et al. (2011), Expectations, J Clin Psychol 67(2):184–192; no wording is taken from any published instrument.",
  ],
  caveats: [NOT_VALIDATED_CAVEAT],
};
