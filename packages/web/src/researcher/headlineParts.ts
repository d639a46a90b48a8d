// The headline parts of a run page in plain words and plots: the congruence lead sentence, the
// quantities' interval plot and each per-therapist set's caterpillar (the report draws the same rows).
import { html, nothing, type TemplateResult } from "lit-html";
import { num } from "./format.ts";
import { intervalPlot } from "./plots.ts";
import type { Derived, Quantity } from "./types.ts";

/**
 * The congruence model's headline in plain words, or nothing when its quantities are absent.
 *
 * @example
 * congruenceLead(run.results.derived?.congruence?.quantities ?? []);
 */
export function congruenceLead(qs: Quantity[]): TemplateResult | typeof nothing {
  const bias = qs.find((q) => q.label.startsWith("directional bias"));
  const force = qs.find((q) => q.label.startsWith("truth force,"));
  if (!bias || !force) return nothing;
  return html`<p class="plain">
    In plain words (${bias.label.replace("directional bias, ", "")}): at an average patient rating, therapists
    rate the alliance
    <strong>${num(Math.abs(bias.estimate), 2)} points ${bias.estimate < 0 ? "lower" : "higher"}</strong> than
    their patients (directional bias ${num(bias.estimate)}); when a patient's rating is 1 point higher, the
    therapist's is on average <strong>${num(force.estimate, 2)} points</strong> higher (truth force
    ${num(force.estimate)}; 1 would be perfect tracking, 0 none).
  </p>`;
}

/**
 * One set of per-therapist estimates as a caterpillar of intervals, lowest to highest.
 *
 * @example
 * unitsPlot("congruence", 0, run.results.derived!.congruence!.units[0]!);
 */
export function unitsPlot(name: string, i: number, u: Derived["units"][number]): TemplateResult {
  const sorted = [...u.units].sort((a, b) => a.estimate - b.estimate);
  // Sorted codes, so the reference arm (first) has the same colour in every plot.
  const arms = [...new Set(sorted.map((x) => x.arm ?? ""))].sort();
  const lo = sorted[0];
  const hi = sorted.at(-1);
  return html`<div>
    <h3>Each therapist's ${u.label}</h3>
    ${intervalPlot({
      id: `units-${name}-${i}`,
      title: `Each therapist's ${u.label}, lowest to highest, with 95% intervals`,
      desc: `${sorted.length} therapists${lo && hi ? `, from ${lo.unit} (${num(lo.estimate, 2)}) to ${hi.unit} (${num(hi.estimate, 2)})` : ""}.`,
      rows: sorted.map((x) => ({
        label: `${x.unit}${x.arm !== null ? ` (arm ${x.arm})` : ""}`,
        estimate: x.estimate,
        lower: x.lower,
        upper: x.upper,
        cls: arms.indexOf(x.arm ?? "") === 0 ? "arm-a" : "arm-b",
      })),
      xLabel: `${u.label} (fixed part of the arm + the therapist's own deviation)`,
      labelWidth: 130,
    })}
    <p class="muted small">
      ${arms.length > 1 ? `Blue: arm ${arms[0]}; orange: arm ${arms.slice(1).join(", ")}. ` : ""}Intervals
      from the conditional SD (as lme4's condVar). Therapists by code.
    </p>
  </div>`;
}
