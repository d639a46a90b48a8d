// The words of every alert (English and French) and the research each suggestion rests on.
import type { LocalizedText } from "../instruments/types.ts";

type Text = Required<LocalizedText>;

const f1 = (v: number): string => v.toFixed(1);
const f1fr = (v: number): string => v.toFixed(1).replace(".", ",");

/** Sources quoted in the `evidence` field of alerts. */
export const EVIDENCE = {
  rupture:
    "Eubanks CF, Muran JC, Safran JD (2018). Alliance rupture repair: a meta-analysis. Psychotherapy 55(4):508–519; Safran JD, Muran JC (2000). Negotiating the therapeutic alliance: a relational treatment guide. Guilford.",
  resolved:
    "Eubanks CF, Muran JC, Safran JD (2018). Alliance rupture repair: a meta-analysis. Psychotherapy 55(4):508–519 (repaired ruptures go with better outcomes).",
  notOnTrack:
    "Finch AE, Lambert MJ, Schaalje BG (2001). Clin Psychol Psychother 8(4):231–242 (expected recovery curves); Shimokawa K, Lambert MJ, Smart DW (2010). J Consult Clin Psychol 78(3):298–311 (feedback to therapists of not-on-track patients); Whipple JL et al. (2003). J Couns Psychol 50(1):59–68 (clinical support tools).",
  incongruence:
    "Atzil-Slonim D et al. (2015). Therapeutic bond judgments: congruence and incongruence. J Consult Clin Psychol 83(4):773–784; Rubel JA et al. (2018). J Consult Clin Psychol 86(4):341–353.",
} as const;

/**
 * Words of a rupture alert.
 *
 * @example
 * ruptureText({ drop: 22, unnoticed: true }).message.en;
 */
export function ruptureText(n: { drop: number; unnoticed: boolean }): { message: Text; suggestion: Text } {
  const seen = n.unnoticed
    ? {
        en: " Your own rating stayed the same or rose: the fall may not have been visible in the session.",
        fr: " Votre propre évaluation est restée stable ou a augmenté : la baisse n'a peut-être pas été visible en séance.",
      }
    : { en: "", fr: "" };
  return {
    message: {
      en: `Possible alliance rupture: the patient's alliance rating fell by ${f1(n.drop)} points (0–100) below their usual level.${seen.en}`,
      fr: `Rupture d'alliance possible : l'évaluation de l'alliance par le patient a baissé de ${f1fr(n.drop)} points (0–100) sous son niveau habituel.${seen.fr}`,
    },
    suggestion: {
      en: "Raise the relationship openly and non-defensively early in the next session: invite the patient to say what did not work for them, acknowledge your part, and adjust the tasks or goals together (metacommunication).",
      fr: "Abordez la relation ouvertement et sans vous défendre au début de la prochaine séance : invitez le patient à dire ce qui ne lui a pas convenu, reconnaissez votre part, et ajustez ensemble les tâches ou les objectifs (métacommunication).",
    },
  };
}

/**
 * Words of a rupture-resolved alert.
 *
 * @example
 * resolvedText({ sessions: 2 }).message.fr;
 */
export function resolvedText(n: { sessions: number }): { message: Text; suggestion: Text } {
  return {
    message: {
      en: `The patient's alliance rating is back near its level before the rupture (after ${n.sessions} session${n.sessions === 1 ? "" : "s"}).`,
      fr: `L'évaluation de l'alliance par le patient est revenue près de son niveau d'avant la rupture (après ${n.sessions} séance${n.sessions === 1 ? "" : "s"}).`,
    },
    suggestion: {
      en: "Consider naming the repair with the patient: what helped you get back on track together.",
      fr: "Envisagez de nommer la réparation avec le patient : ce qui vous a aidés à vous retrouver.",
    },
  };
}

/**
 * Words of a not-on-track alert.
 *
 * @example
 * notOnTrackText({ observed: 30, lower: 41, expected: 52 }).message.en;
 */
export function notOnTrackText(n: { observed: number; lower: number; expected: number }): {
  message: Text;
  suggestion: Text;
} {
  return {
    message: {
      en: `Not on track: the patient's outcome (${f1(n.observed)}, 0–100, higher = better) is below the expected band for this session (expected ${f1(n.expected)}, lower bound ${f1(n.lower)}) for patients who started where they did.`,
      fr: `Hors trajectoire : le résultat du patient (${f1fr(n.observed)}, 0–100, plus haut = mieux) est sous la bande attendue pour cette séance (attendu ${f1fr(n.expected)}, borne basse ${f1fr(n.lower)}) pour des patients partis du même niveau.`,
    },
    suggestion: {
      en: "Review the case: check the alliance (both views), the patient's motivation and social support, and whether the treatment plan fits; discuss the lack of progress with the patient and consider consultation.",
      fr: "Revoyez le cas : vérifiez l'alliance (les deux points de vue), la motivation et le soutien social du patient, et l'adéquation du plan de traitement ; parlez de l'absence de progrès avec le patient et envisagez une supervision.",
    },
  };
}

/**
 * Words of an incongruence alert.
 *
 * @example
 * incongruenceText({ gap: 30, therapistHigher: true, sessions: 2 }).message.en;
 */
export function incongruenceText(n: { gap: number; therapistHigher: boolean; sessions: number }): {
  message: Text;
  suggestion: Text;
} {
  const who = n.therapistHigher
    ? {
        en: "you rate the alliance higher than the patient",
        fr: "vous évaluez l'alliance plus haut que le patient",
      }
    : {
        en: "the patient rates the alliance higher than you",
        fr: "le patient évalue l'alliance plus haut que vous",
      };
  return {
    message: {
      en: `Your views differ: for ${n.sessions} sessions in a row ${who.en} (by ${f1(Math.abs(n.gap))} points of 100 in the last one).`,
      fr: `Vos points de vue divergent : depuis ${n.sessions} séances de suite, ${who.fr} (de ${f1fr(Math.abs(n.gap))} points sur 100 à la dernière).`,
    },
    suggestion: n.therapistHigher
      ? {
          en: "Ask the patient how the work together feels to them; a gap in this direction can hide a rupture the patient does not voice.",
          fr: "Demandez au patient comment il vit le travail ensemble ; un écart dans ce sens peut cacher une rupture que le patient ne dit pas.",
        }
      : {
          en: "The patient may value the relationship more than you sense; consider checking your own reactions to the work (supervision can help).",
          fr: "Le patient apprécie peut-être la relation plus que vous ne le percevez ; examinez vos propres réactions au travail (la supervision peut aider).",
        },
  };
}
