import type { CrossLaggedResult, ModalityResult, RatersResult, RupturesResult } from "@attune/core";
import { headlinesOf } from "@attune/core";
import { headlineTable } from "./headlineBlocks.ts";
import type { Block, Section } from "./model.ts";
import { modelBlocks } from "./modelBlocks.ts";

const TITLES: Record<string, string> = {
  raters: "Patient and therapist alliance in one stacked growth model",
  "cross-lagged": "Two processes lagged both ways (initial conditions, correlated stable levels)",
  ruptures: "Ruptures: same-session alliance and next-session outcome",
  modality: "Session modality within therapist",
};

/**
 * The report section of a study recipe (raters, cross-lagged, ruptures, modality): notes, each model's
 * formula and tables, and the named effects with 95% intervals.
 *
 * @example
 * effectsSection(result).title;
 */
export function effectsSection(
  r: RatersResult | CrossLaggedResult | RupturesResult | ModalityResult,
): Section {
  const blocks: Block[] = [
    ...r.notes.map((text) => ({ kind: "text", text }) as Block),
    ...r.models.flatMap((m) => modelBlocks(m)),
    ...headlineTable(headlinesOf(r)[0], "Effects"),
  ];
  return { id: r.recipe, title: TITLES[r.recipe] ?? r.recipe, blocks };
}
