import type { RecipeResult, SampleDescription } from "@attune/core";
import type { Report } from "./model.ts";
import { sampleSection } from "./sampleSection.ts";
import { recipeSection } from "./sections.ts";
import { figureWords, type FigureLang } from "./figureWords.ts";

/** Options of `buildReport`. */
export interface ReportOptions {
  /** Report title ["attune analysis"]. */
  title?: string;
  /** Line under the title, e.g. the data file and command [""]. */
  subtitle?: string;
  /** Sample description (omitted when absent) [none]. */
  sample?: SampleDescription;
  /** Language of the words drawn inside the figures (axes) ["en"]; the report's text stays English. */
  figureLang?: FigureLang;
}

/**
 * Assembles the report of a run: sample description, then one section per recipe.
 *
 * @example
 * const report = buildReport(results, { sample: describeSample(data), subtitle: "prn.csv" });
 * reportHtml(report);
 */
export function buildReport(results: readonly RecipeResult[], options: ReportOptions = {}): Report {
  const words = figureWords(options.figureLang);
  return {
    title: options.title ?? "attune analysis",
    subtitle: options.subtitle ?? "",
    sections: [
      ...(options.sample ? [sampleSection(options.sample)] : []),
      ...results.map((r) => recipeSection(r, words)),
    ],
  };
}
