// Session Rating Scale (Duncan, Miller et al. 2003): structure-and-scoring shell.
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, range1 } from "./helpers.ts";
import { DUNCAN_2003, PCOMS_LICENCE, VAS } from "./pcomsShared.ts";

export const srs: Instrument = {
  id: "srs",
  version: "1.0.0",
  title: { en: "Session Rating Scale (SRS)" },
  shortTitle: "SRS",
  construct: {
    en: "Session alliance (patient's view)",
    fr: "Alliance dans la séance (point de vue du patient)",
  },
  rater: "patient",
  kind: "alliance",
  description: {
    en: "Four 10 cm visual analogue scales (relationship, goals and topics, approach or method, overall), each scored 0–10 to one decimal; total 0–40. Shell: wording imported from the network's licensed copy.",
    fr: "Quatre échelles visuelles analogiques de 10 cm (relation, objectifs et sujets, approche ou méthode, globalement), chacune cotée 0–10 au dixième ; total 0–40. Coquille : le texte est importé de la copie sous licence du réseau.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { vas: VAS },
  items: numberedItems("srs", "vas", 4),
  scoring: {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds("srs", range1(4)),
      method: "sum",
      maxMissing: 0,
      missingRuleSource: "attune convention: with four items, every item is needed (no prorating)",
    },
    subscales: [],
    higherIsBetter: true,
    cutoffs: [
      {
        id: "alliance-concern",
        scale: "total",
        direction: "below",
        value: 36,
        label: {
          en: "below 36: possible alliance concern, discuss with the patient",
          fr: "sous 36 : alliance possiblement fragile, en parler avec le patient",
        },
        source: `${DUNCAN_2003} The cutoff of 36 is the developers' guidance (ICCE/PCOMS materials).`,
      },
    ],
    reliableChange: null,
    reliableChangeNote: "no reliable-change threshold is published for the SRS",
  },
  licence: PCOMS_LICENCE,
  references: [DUNCAN_2003],
  caveats: ["Scores are read off a 10 cm line to the nearest millimetre (0.1)."],
};
