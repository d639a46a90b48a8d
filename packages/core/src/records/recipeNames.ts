// The analysis recipes by name: the closed list a run request, the CLI and the workspace check against
// (recipes/run.ts holds each one's code under exactly these names).

/** Every recipe, in the order the docs and the CLI list them. */
export const RECIPE_NAMES = [
  "congruence",
  "rsa",
  "growth",
  "lagged",
  "therapist-slopes",
  "raters",
  "cross-lagged",
  "ruptures",
  "modality",
  "deterioration",
  "custom",
] as const;
export type RecipeName = (typeof RECIPE_NAMES)[number];
