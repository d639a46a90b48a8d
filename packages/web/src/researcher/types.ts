// The runs API as the researcher pages read it (docs/study.md; results: docs/recipes.md's JSON contract
// plus `derived`, which the server adds for these pages).
import type { RunOut as RunRecord } from "@attune/api";

// The run's record and the studies to choose from: @attune/api's inferred types (the server's schemas).
export type {
  StudyOut as Study,
  Selection,
  RedactionOut as Redaction,
  RunOut as RunRecord,
} from "@attune/api";

// The results below are the recipes' JSON, which the server passes through unchecked (a record of
// unknown); their one typed declaration is for the report model (issue 11, step 4).
export interface FixedEffect {
  term: string;
  estimate: number;
  se: number;
  df: number | null;
  t: number;
  p: number;
}

export interface VarCorr {
  group: string;
  term?: string | null;
  terms?: string[];
  sd?: number;
  cor?: number;
}

export interface ModelSummary {
  formula: string;
  method: string;
  nobs: number;
  groups: Record<string, number>;
  fixef: FixedEffect[];
  varcorr: VarCorr[];
  sigma: number;
  deviance: number;
  logLik: number;
  AIC?: number;
  BIC?: number;
  nDropped?: number;
  singular?: boolean;
  warnings?: string[];
}

export interface SurfaceParameter {
  estimate: number;
  se: number;
  z: number;
  p: number;
}
export type Surface = Record<"a1" | "a2" | "a3" | "a4" | "a5", SurfaceParameter>;

export interface Quantity {
  label: string;
  estimate: number;
  se: number;
  df: number | null;
  p: number;
  lower: number;
  upper: number;
}

export interface Units {
  label: string;
  units: { unit: string; arm: string | null; estimate: number; lower: number; upper: number }[];
}

export interface Derived {
  ci: { term: string; lower: number; upper: number }[];
  quantities: Quantity[];
  units: Units[];
}

export interface Results {
  recipe: string;
  models: Record<string, ModelSummary>;
  surface?: Surface;
  surfaceBy?: Record<string, Surface>;
  center?: number;
  centers?: Record<string, number>;
  derived?: Record<string, Derived>;
}

export interface Run extends RunRecord {
  results: Results;
}
