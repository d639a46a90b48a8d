// The runs API as the researcher pages read it (docs/study.md; results: docs/recipes.md's JSON contract
// plus `derived`, which the server adds for these pages), as @attune/api infers them.

// The run's record and the studies to choose from: @attune/api's inferred types (the server's schemas).
export type {
  StudyOut as Study,
  Selection,
  RedactionOut as Redaction,
  RunOut as RunRecord,
} from "@attune/api";

// The results: the recipes' JSON contract plus `derived` (the headline quantities the server adds).
export type {
  FixedEffectOut as FixedEffect,
  VarCorrOut as VarCorr,
  ModelSummaryOut as ModelSummary,
  SurfaceOut as Surface,
  DerivedQuantity as Quantity,
  DerivedUnits as Units,
  DerivedModel as Derived,
  RunResults as Results,
  RunWithResults as Run,
} from "@attune/api";
