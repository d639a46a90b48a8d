// Session Alliance Inventory (Falkenström et al. 2015): structure-and-scoring shell.
import type { Instrument } from "../types.ts";
import { linkIds, numberedItems, ordinal, range1 } from "./helpers.ts";

const FALKENSTROM_2015 =
  "Falkenström F, Hatcher RL, Skjulsvik T, Holmqvist Larsson M, Holmqvist R (2015). Development and validation of a 6-item working alliance questionnaire for repeated administrations during psychotherapy. Psychol Assess 27(1):169–183.";

export const sai: Instrument = {
  id: "sai",
  version: "1.0.0",
  title: { en: "Session Alliance Inventory (SAI)" },
  shortTitle: "SAI",
  construct: {
    en: "Working alliance in the session (patient's view)",
    fr: "Alliance de travail dans la séance (point de vue du patient)",
  },
  rater: "patient",
  kind: "alliance",
  description: {
    en: "Six items adapted from the Working Alliance Inventory for rating after every session; scored as one composite of all six items. Shell: wording imported from the network's licensed copy.",
    fr: "Six items adaptés du Working Alliance Inventory, à remplir après chaque séance ; un score composite des six items. Coquille : le texte est importé de la copie sous licence du réseau.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { agreement: ordinal(0, 7) },
  items: numberedItems("sai", "agreement", 6),
  scoring: {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds("sai", range1(6)),
      method: "sum",
      maxMissing: 1,
      missingRuleSource: "attune convention: prorate when at most 1 of the 6 items is missing",
    },
    subscales: [],
    higherIsBetter: true,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote:
      "no published reliable-change threshold known to attune; compute one from the network's data with jacobsonTruaxThreshold(sd, reliability)",
  },
  licence: {
    holder:
      "F. Falkenström, R. L. Hatcher and colleagues (items adapted from the Working Alliance Inventory)",
    code: "proprietary",
    terms:
      "The item wording is not shipped with attune. A network imports it from its own copy, used under the terms of the authors and of the WAI rights holders.",
    notice: null,
    textShipped: false,
  },
  references: [FALKENSTROM_2015],
  caveats: [
    "Falkenström et al. (2015) recommend one composite of all six items (the instrument is best treated as unidimensional); attune therefore defines no subscales.",
    "NOT VERIFIED: the answer scale is assumed to be 0–6 (seven points). Check it against your licensed copy before importing — a file whose answer values differ is refused.",
  ],
};
