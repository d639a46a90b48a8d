// A model's headline quantities and per-therapist estimates as core chooses and labels them
// (headlinesOf): one table and one caterpillar plot per set, the same rows the run page shows.
import type { ModelHeadlines, RecipeResult } from "@attune/core";
import { headlinesOf } from "@attune/core";
import { estimateTable } from "./estimateTable.ts";
import type { Block } from "./model.ts";
import { caterpillarFigure } from "./figures.ts";
import { figureWords, type FigureWords } from "./figureWords.ts";

/**
 * The headlines of one model of a result, or undefined when it has none.
 *
 * @example
 * headlineOf(result, "congruence")?.quantities.length; // 4 with two arms
 */
export function headlineOf(r: RecipeResult, model: string | undefined): ModelHeadlines | undefined {
  return headlinesOf(r).find((h) => h.model === model);
}

/**
 * The table of a model's headline quantities (95% intervals, df, p).
 *
 * @example
 * headlineTable(headlineOf(result, "lagged"), "Within- and between-patient effects");
 */
export function headlineTable(h: ModelHeadlines | undefined, caption: string): Block[] {
  if (!h || h.quantities.length === 0) return [];
  return [
    {
      kind: "table",
      table: estimateTable(
        caption,
        h.quantities.map((q) => [q.label, q.estimate] as const),
      ),
    },
  ];
}

/**
 * One caterpillar plot per set of per-therapist estimates of a model, with the caption given for its label
 * (a default one otherwise); axes in `words`' language.
 *
 * @example
 * unitFigures(headlineOf(result, "therapist_slopes"), { "within-patient slope": "Each therapist's slope." });
 */
export function unitFigures(
  h: ModelHeadlines | undefined,
  captions: Readonly<Record<string, string>>,
  words: FigureWords = figureWords(),
): Block[] {
  if (!h || h.units.length === 0) return [];
  const caption = (label: string) =>
    captions[label] ?? `Each therapist's ${label} (fixed + conditional mode, 95% interval).`;
  return [
    { kind: "figures", figures: h.units.map((u) => caterpillarFigure(h.model, u, caption(u.label), words)) },
  ];
}
