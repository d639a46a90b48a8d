// "Analyse this table": the one path from a long table to every output of an analysis — the recipes'
// results, the JSON contract, the report and the R script. `attune analyze` and the server's analysis
// worker both call it, so a run's page, its HTML download and the CLI's report come from the same fits.
import {
  describeSample,
  preparePrnData,
  recipeJson,
  resolveRoles,
  rScript,
  runRecipesOn,
  type OutcomeDirection,
  type PrnData,
  type RecipeName,
  type RecipeOptions,
  type RecipeResult,
  type Roles,
} from "@attune/core";
import type { DataFrame } from "@attune/stats";
import { buildReport } from "./build.ts";
import type { Report } from "./model.ts";
import type { FigureLang } from "./figureWords.ts";

/** What to analyse: the recipe (or "all"), which column plays which role, and the recipes' options. */
export interface AnalysisSpec {
  readonly recipe: string;
  readonly roles?: Partial<Roles>;
  readonly outcomeDirection?: OutcomeDirection | undefined;
  readonly options?: Omit<RecipeOptions, "fit">;
}

/** The fitted analysis of one table and the outputs made from it. */
export interface TableAnalysis {
  readonly data: PrnData;
  readonly results: readonly RecipeResult[];
  /** The JSON contract of `attune analyze --json`; `withOutcome` adds which outcome column was analysed. */
  contract(withOutcome: boolean): Record<string, unknown>;
  /** The report: the sample, then one section per recipe (the figures' axes in `figureLang`, English by default). */
  report(heading: { title: string; subtitle: string; figureLang?: FigureLang }): Report;
  /** The R script reproducing every model, and the model data it reads. */
  rScript(o: { csvName: string; command: string; notes?: readonly string[] }): {
    script: string;
    csv: string;
  };
}

/**
 * Validates the table, fits the recipe(s) and returns the analysis; an InputError names a bad value,
 * column or recipe.
 *
 * @example
 * const a = analyseTable(df, { recipe: "congruence", roles: { outcome: "wellbeing" } });
 * reportHtml(a.report({ title: "attune analysis", subtitle: "prn.csv" }));
 */
export function analyseTable(df: DataFrame, spec: AnalysisSpec): TableAnalysis {
  const data = preparePrnData(df, resolveRoles(spec.roles), { outcomeDirection: spec.outcomeDirection });
  const results = runRecipesOn(spec.recipe as RecipeName | "all", data, { ...spec.options });
  return {
    data,
    results,
    contract: (withOutcome) => recipeJson(spec.recipe, results, withOutcome ? data : undefined),
    report: ({ title, subtitle, figureLang }) =>
      buildReport(results, {
        title,
        subtitle,
        sample: describeSample(data),
        ...(figureLang ? { figureLang } : {}),
      }),
    rScript: ({ csvName, command, notes }) =>
      rScript(results, { csvName, command, ...(notes ? { notes } : {}) }),
  };
}
