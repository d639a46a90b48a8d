// WAI-SR, therapist form (WAI-SR-T): structure-and-scoring shell (wording imported by the network).
import type { Instrument } from "../types.ts";
import { numberedItems, ordinal } from "./helpers.ts";
import {
  HATCHER_2020,
  HATCHER_GILLASPY_2006,
  WAI_LICENCE,
  WAI_NO_RELIABLE_CHANGE,
  waiSrScales,
} from "./waiShared.ts";

export const waiSrTherapist: Instrument = {
  id: "wai-sr-t",
  version: "1.0.0",
  title: { en: "Working Alliance Inventory – Short Revised, therapist form (WAI-SR-T)" },
  shortTitle: "WAI-SR-T",
  construct: {
    en: "Working alliance (therapist's view)",
    fr: "Alliance de travail (point de vue du thérapeute)",
  },
  rater: "therapist",
  kind: "alliance",
  description: {
    en: "The therapist's counterpart of the WAI-SR: twelve items on a five-point scale (1–5), goal, task and bond subscales. Shell: wording imported from the network's licensed copy.",
    fr: "Pendant thérapeute du WAI-SR : douze items sur une échelle en cinq points (1–5), sous-échelles objectifs, tâches et lien. Coquille : le texte est importé de la copie sous licence du réseau.",
  },
  validated: true,
  projectAuthored: false,
  answerScales: { frequency: ordinal(1, 5) },
  items: numberedItems("wai-sr-t", "frequency", 12),
  scoring: {
    ...waiSrScales("wai-sr-t"),
    higherIsBetter: true,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote: WAI_NO_RELIABLE_CHANGE,
  },
  licence: WAI_LICENCE,
  references: [HATCHER_GILLASPY_2006, HATCHER_2020],
  caveats: [
    "NOT VERIFIED: attune assumes the therapist form mirrors the patient WAI-SR item for item (12 items, same subscale membership, 1–5 scale). Hatcher et al. (2020) evaluated a WAI-SR-T and proposed a new therapist short form; check your licensed copy — an import whose items do not match this shell is refused, which will show any difference.",
  ],
};
