// What the Session Rating Scale and Outcome Rating Scale shells share (PCOMS; Miller, Duncan and colleagues).
import type { AnswerScale, Licence } from "../types.ts";

export const MILLER_2003 =
  "Miller SD, Duncan BL, Brown J, Sparks JA, Claud DA (2003). The Outcome Rating Scale: a preliminary study of the reliability, validity, and feasibility of a brief visual analog measure. J Brief Ther 2(2):91–100.";
export const DUNCAN_2003 =
  "Duncan BL, Miller SD, Sparks JA, Claud DA, Reynolds LR, Brown J, Johnson LD (2003). The Session Rating Scale: preliminary psychometric properties of a 'working' alliance measure. J Brief Ther 3(1):3–12.";

export const PCOMS_LICENCE: Licence = {
  holder:
    "Scott D. Miller & Barry L. Duncan (licensed through Performance Metrics LLC / the International Center for Clinical Excellence; PCOMS: Better Outcomes Now)",
  code: "proprietary",
  terms:
    "Free for individual practitioners after registration; organisations and software need a licence from the holders. The wording and layout are not shipped with attune; a licensed network imports them.",
  notice: null,
  textShipped: false,
};

/** A 10 cm visual analogue line read to the nearest millimetre. */
export const VAS: AnswerScale = { kind: "continuous", min: 0, max: 10, decimals: 1 };
