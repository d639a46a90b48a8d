// Outcome Rating Scale (Miller, Duncan et al. 2003): structure-and-scoring shell.
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, range1 } from "./helpers.ts";
import { MILLER_2003, PCOMS_LICENCE, VAS } from "./pcomsShared.ts";

export const ors: Instrument = {
  id: "ors",
  version: "1.0.0",
  title: { en: "Outcome Rating Scale (ORS)" },
  shortTitle: "ORS",
  construct: { en: "Well-being and functioning", fr: "Bien-être et fonctionnement" },
  rater: "patient",
  kind: "outcome",
  description: {
    en: "Four 10 cm visual analogue scales (individually, interpersonally, socially, overall), each scored 0–10 to one decimal; total 0–40. Shell: wording imported from the network's licensed copy.",
    fr: "Quatre échelles visuelles analogiques de 10 cm (individuel, interpersonnel, social, global), chacune cotée 0–10 au dixième ; total 0–40. Coquille : le texte est importé de la copie sous licence du réseau.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { vas: VAS },
  items: numberedItems("ors", "vas", 4),
  scoring: {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds("ors", range1(4)),
      method: "sum",
      maxMissing: 0,
      missingRuleSource: "attune convention: with four items, every item is needed (no prorating)",
    },
    subscales: [],
    higherIsBetter: true,
    cutoffs: [
      {
        id: "clinical",
        scale: "total",
        direction: "atOrBelow",
        value: 25,
        label: { en: "clinical range (adults, 25 or below)", fr: "zone clinique (adultes, 25 ou moins)" },
        source: `${MILLER_2003} Adult cutoff of 25 as used in the developers' current guidance.`,
      },
    ],
    reliableChange: {
      scale: "total",
      metric: "score",
      threshold: 5,
      method: "published",
      sd: null,
      reliability: null,
      source: `${MILLER_2003} Reliable change of 5 points as used in the developers' guidance.`,
      note: "The SD and reliability behind the 5-point threshold have not been verified by attune.",
    },
  },
  licence: PCOMS_LICENCE,
  references: [MILLER_2003],
  caveats: [
    "Scores are read off a 10 cm line to the nearest millimetre (0.1).",
    "The adult cutoff (25) differs for adolescents and children; only the adult value is encoded.",
  ],
};
