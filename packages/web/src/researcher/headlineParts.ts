// The congruence model's headline in plain words on a run page (its per-therapist estimates are drawn by
// the report's caterpillar figures, runFigures.ts).
import { html, nothing, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";
import { formats } from "./format.ts";
import { headlineLabel, runWords } from "./runWords.ts";
import type { Quantity } from "./types.ts";

/**
 * The congruence model's headline in plain words, or nothing when its quantities are absent.
 *
 * @example
 * congruenceLead(run.results.derived?.congruence?.quantities ?? [], "en");
 */
export function congruenceLead(qs: readonly Quantity[], lang: Lang): TemplateResult | typeof nothing {
  const bias = qs.find((q) => q.label.startsWith("directional bias"));
  const force = qs.find((q) => q.label.startsWith("truth force,"));
  if (!bias || !force) return nothing;
  const f = formats(lang);
  return html`<p class="plain">
    ${runWords(lang).congruencePlain(
      headlineLabel(bias.label.replace("directional bias, ", ""), lang),
      f.num(Math.abs(bias.estimate), 2),
      bias.estimate < 0,
      f.num(bias.estimate),
      f.num(force.estimate, 2),
      f.num(force.estimate),
    )}
  </p>`;
}
