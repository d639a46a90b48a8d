// Plain-language names and explanations of the recipes, their models and their selections.
import type { Selection } from "./types.ts";

/** The recipes in the order the workspace offers them, with a sentence for a newcomer. */
export const RECIPES: { id: string; name: string; what: string }[] = [
  {
    id: "congruence",
    name: "Congruence (truth and bias)",
    what: "How closely therapists' alliance ratings follow their patients' (truth force) and whether they rate higher or lower (directional bias); with a study, whether the arm changes either.",
  },
  {
    id: "rsa",
    name: "Response surface",
    what: "Whether agreement between the therapist's and the patient's alliance ratings predicts the patient's well-being at the next session.",
  },
  {
    id: "growth",
    name: "Growth",
    what: "How the alliance changes from session to session, for each rater and arm.",
  },
  {
    id: "lagged",
    name: "Within and between patients",
    what: "Whether a session with a better alliance than the patient's usual predicts better well-being next session, separately from patients with better alliances overall.",
  },
  {
    id: "therapist-slopes",
    name: "Therapist differences",
    what: "Whether the link from alliance to next-session well-being differs between therapists.",
  },
  { id: "all", name: "All five", what: "Every analysis above on the same data, in one run." },
  {
    id: "deterioration",
    name: "Reliable deterioration and dropout",
    what: "Binary outcomes (binomial family, logit link, fitted as lme4's glmer): whether patients' well-being worsens reliably from their first rating (at their last rating and at each session), and whether they drop out before the planned last session; odds ratios of the arms, with therapist and patient random effects.",
  },
  {
    id: "custom",
    name: "Custom model",
    what: "Any lme4 formula over the prepared table (one row per patient × session): a linear mixed model as lmer, or a generalized one as glmer — binomial (logit, probit, cloglog) for yes/no outcomes, Poisson (log) for counts such as missed forms.",
  },
];

/** The readable name of a recipe id. */
export const recipeName = (id: string): string => RECIPES.find((r) => r.id === id)?.name ?? id;

/** A few words on what one model is, for the list of a run's models. */
export function modelShort(name: string): string {
  if (name === "congruence") return "therapist's rating on the patient's (truth and bias)";
  if (name === "rsa") return "response surface, all arms";
  if (name.startsWith("rsa_")) return `response surface, arm ${name.slice(4)}`;
  if (name === "growth_patient") return "growth of the patient-rated alliance";
  if (name === "growth_therapist") return "growth of the therapist-rated alliance";
  if (name === "lagged") return "within- and between-patient effects on next-session well-being";
  if (name === "therapist_slopes") return "therapist differences in the alliance → well-being slope";
  if (name === "deterioration_last") return "reliable deterioration at the last rating (binomial)";
  if (name === "deterioration_sessions") return "reliable deterioration at each session (binomial)";
  if (name === "dropout") return "dropout before the planned last session (binomial)";
  if (name === "custom") return "your formula";
  return "";
}

/** What one model of the results is, by its contract name (rsa_<arm> for a surface per arm). */
export function modelCaption(name: string): string {
  if (name === "congruence")
    return "The therapist's alliance rating modelled on the patient's (both centred on the mean patient rating). The intercept is the directional bias (therapist minus patient at an average patient rating, first session), truth_c the truth force; terms with condition are how the other arm differs.";
  if (name === "rsa" || name.startsWith("rsa_"))
    return `Next-session well-being on the therapist's (X) and patient's (Y) alliance rating, their squares and product (centred on the pooled mean), controlling for current well-being and time${name === "rsa" ? "" : `; arm ${name.slice(4)} only`}.`;
  if (name === "growth_patient") return "Patient-rated alliance over sessions (time = session − 1), per arm.";
  if (name === "growth_therapist")
    return "Therapist-rated alliance over sessions (time = session − 1), per arm.";
  if (name === "lagged")
    return "Next-session well-being on the alliance split into the patient's own mean (between patients) and the session's deviation from it (within patient).";
  if (name === "therapist_slopes")
    return "Next-session well-being on the within-patient alliance, with a slope that may differ between therapists.";
  if (name === "deterioration_last")
    return "Whether the patient's last well-being rating is reliably worse than the first (1) or not (0), by arm, with therapist random intercepts: log-odds.";
  if (name === "deterioration_sessions")
    return "Whether each session's well-being is reliably worse than the patient's first rating, by arm and time, with therapist and patient (within therapist) random intercepts: log-odds.";
  if (name === "dropout")
    return "Whether the patient had no session at or after the planned last session, by arm, with therapist random intercepts: log-odds.";
  return "";
}

/** The selection in words: which data, which sessions, which arms, which options. */
export function selectionText(s: Selection, recipe: string): string {
  const parts = [s.studyName ? `study “${s.studyName}”` : "whole network"];
  if (s.from || s.to) parts.push(`sessions ${s.from ?? "…"} to ${s.to ?? "…"}`);
  else parts.push("all sessions");
  if (s.arms) parts.push(`arms ${s.arms.join(", ")}`);
  if (!s.studyName && s.armsFromName) parts.push(`arms of study “${s.armsFromName}”`);
  if (s.options.outcome) parts.push(`outcome ${s.options.outcome}`);
  const all = recipe === "all";
  if ((all || recipe === "rsa") && s.options.byCondition) parts.push("surface per arm");
  if (all || recipe === "lagged" || recipe === "therapist-slopes") {
    parts.push(`${s.options.rater}-rated alliance`);
    if (s.options.detrend) parts.push("within part detrended");
    if (s.options.betweenTherapist) parts.push("between part split by therapist");
  }
  const o = s.options;
  if (recipe === "deterioration") {
    parts.push(
      o.rci !== undefined
        ? `reliable change ${o.rci} points`
        : `reliability ${o.reliability ?? "0.8 (assumed)"}`,
    );
    if (o.plannedSessions !== undefined) parts.push(`${o.plannedSessions} planned sessions`);
  }
  if (recipe === "custom" && o.formula) {
    const fam =
      o.family && o.family !== "gaussian"
        ? `${o.family}, ${o.link ?? (o.family === "poisson" ? "log" : "logit")} link`
        : "linear";
    parts.push(`${o.formula} (${fam}${o.nAGQ !== undefined && o.nAGQ !== 1 ? `, nAGQ ${o.nAGQ}` : ""})`);
  }
  return parts.join(" · ");
}
