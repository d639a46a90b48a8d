// Licence shared by the PHQ-9 and GAD-7 (PHQ screeners).
import type { Licence } from "../types.ts";

export const PHQ_SCREENERS_LICENCE: Licence = {
  holder:
    "Pfizer Inc. (developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues)",
  code: "free-no-permission",
  terms:
    "Developed with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
  notice:
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
  textShipped: true,
  url: "https://www.phqscreeners.com",
};

/** The PHQ frequency answers (0–3), shared by the PHQ-9 and GAD-7. */
export const PHQ_FREQUENCY = [
  { en: "Not at all" },
  { en: "Several days" },
  { en: "More than half the days" },
  { en: "Nearly every day" },
] as const;

/** The PHQ "how difficult" answers (0–3), not part of any score. */
export const PHQ_DIFFICULTY = [
  { en: "Not difficult at all" },
  { en: "Somewhat difficult" },
  { en: "Very difficult" },
  { en: "Extremely difficult" },
] as const;

export const PHQ_DIFFICULTY_TEXT = {
  en: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
} as const;

/** Source of the reliable-change thresholds used in English NHS psychological therapy services. */
export const IAPT_MANUAL =
  "National Collaborating Centre for Mental Health. The Improving Access to Psychological Therapies Manual (2018; since renamed the NHS Talking Therapies Manual): reliable improvement = a decrease of ≥ 6 on the PHQ-9 or ≥ 4 on the GAD-7; caseness PHQ-9 ≥ 10, GAD-7 ≥ 8.";
