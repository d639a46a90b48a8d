// WAI-SR, patient form: structure-and-scoring shell (wording imported by the network).
import type { Instrument } from "../types.ts";
import { numberedItems, ordinal } from "./helpers.ts";
import { HATCHER_GILLASPY_2006, WAI_LICENCE, WAI_NO_RELIABLE_CHANGE, waiSrScales } from "./waiShared.ts";

export const waiSrPatient: Instrument = {
  id: "wai-sr",
  version: "1.0.0",
  title: { en: "Working Alliance Inventory – Short Revised (WAI-SR), patient form" },
  shortTitle: "WAI-SR",
  construct: { en: "Working alliance (patient's view)", fr: "Alliance de travail (point de vue du patient)" },
  rater: "patient",
  kind: "alliance",
  description: {
    en: "Twelve items on a five-point frequency scale (1–5): agreement on goals, agreement on tasks, and the bond. Total 12–60, subscales 4–20. Shell: wording imported from the network's licensed copy.",
    fr: "Douze items sur une échelle de fréquence en cinq points (1–5) : accord sur les objectifs, accord sur les tâches et lien. Total 12–60, sous-échelles 4–20. Coquille : le texte est importé de la copie sous licence du réseau.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { frequency: ordinal(1, 5) },
  items: numberedItems("wai-sr", "frequency", 12),
  scoring: {
    ...waiSrScales("wai-sr"),
    higherIsBetter: true,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote: WAI_NO_RELIABLE_CHANGE,
  },
  licence: WAI_LICENCE,
  references: [HATCHER_GILLASPY_2006],
  caveats: [
    "Subscale membership (task 1, 2, 10, 12; bond 3, 5, 7, 9; goal 4, 6, 8, 11) and the 1–5 scale follow Hatcher & Gillaspy (2006); no WAI-SR item is reverse-keyed.",
    "No clinical cutoff is published for the WAI-SR.",
  ],
};
