// What the WAI-SR patient and therapist shells share: scale, subscale structure, licence.
import type { Licence, ScaleRule } from "../types.ts";
import { linkIds, range1 } from "./helpers.ts";

export const HATCHER_GILLASPY_2006 =
  "Hatcher RL, Gillaspy JA (2006). Development and validation of a revised short version of the Working Alliance Inventory. Psychother Res 16(1):12–25.";
export const HATCHER_2020 =
  "Hatcher RL, Lindqvist K, Falkenström F (2020). Psychometric evaluation of the Working Alliance Inventory—Therapist version: current and new short forms. Psychother Res 30(6):706–717.";

export const WAI_LICENCE: Licence = {
  holder:
    "Working Alliance Inventory: A. O. Horvath (rights released to the Society for Psychotherapy Research); WAI-SR: R. L. Hatcher & J. A. Gillaspy",
  code: "proprietary",
  terms:
    "The item wording is copyrighted and is not shipped with attune. A network imports the wording from its own copy, obtained from and used under the terms of the rights holders.",
  notice: null,
  textShipped: false,
};

/**
 * Subscales of the 12-item WAI-SR (items 1–12 on a 1–5 scale): task 1, 2, 10, 12; bond 3, 5, 7, 9;
 * goal 4, 6, 8, 11 (Hatcher & Gillaspy 2006).
 */
export function waiSrScales(prefix: string): { total: ScaleRule; subscales: ScaleRule[] } {
  const subscaleRule =
    "attune convention: a 4-item subscale is prorated when at most 1 of its items is missing";
  return {
    total: {
      id: "total",
      label: { en: "total", fr: "total" },
      items: linkIds(prefix, range1(12)),
      method: "sum",
      maxMissing: 1,
      missingRuleSource:
        "attune convention (after the CORE 10% rule; none is published for the WAI-SR): prorate when at most 1 of the 12 items is missing",
    },
    subscales: [
      {
        id: "goal",
        label: { en: "goal", fr: "objectifs" },
        items: linkIds(prefix, [4, 6, 8, 11]),
        method: "sum",
        maxMissing: 1,
        missingRuleSource: subscaleRule,
      },
      {
        id: "task",
        label: { en: "task", fr: "tâches" },
        items: linkIds(prefix, [1, 2, 10, 12]),
        method: "sum",
        maxMissing: 1,
        missingRuleSource: subscaleRule,
      },
      {
        id: "bond",
        label: { en: "bond", fr: "lien" },
        items: linkIds(prefix, [3, 5, 7, 9]),
        method: "sum",
        maxMissing: 1,
        missingRuleSource: subscaleRule,
      },
    ],
  };
}

export const WAI_NO_RELIABLE_CHANGE =
  "no reliable-change threshold with a verified SD and reliability for session-by-session use is established in the WAI-SR literature known to attune; compute one from the network's data with jacobsonTruaxThreshold(sd, reliability)";
