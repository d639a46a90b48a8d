// The workspace's options of the cross-lagged recipe: the second process (an alliance rating or a measure
// of the long table other than the outcome) and the model (both processes stacked in one model, the
// default, or the earlier separate equations), and the fields they add to the run request.
import { html, type TemplateResult } from "lit-html";
import { LONG_MEASURES } from "@attune/core/records";
import type { Lang } from "../lang.ts";
import { measureLabel } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";

/** What the cross-lagged options choose. */
export interface CrossLaggedChoice {
  recipe: string;
  outcome: string;
  /** The second process's column. */
  process2: string;
  crossLaggedModel: "stacked" | "separate";
}

/** Session-level measures a patient's course can be lagged with (rupture codes and the like excluded). */
const MEASURES = LONG_MEASURES.filter((m) => !m.column.startsWith("rupture") && m.column !== "any_rupture");

/**
 * The run request's cross-lagged fields (empty for other recipes).
 *
 * @example
 * crossLaggedBody({ recipe: "cross-lagged", outcome: "", process2: "confidence", crossLaggedModel: "stacked" });
 * // { process2: "confidence", crossLaggedModel: "stacked" }
 */
export function crossLaggedBody(c: CrossLaggedChoice): {
  process2?: string;
  crossLaggedModel?: "stacked" | "separate";
} {
  return c.recipe === "cross-lagged" ? { process2: c.process2, crossLaggedModel: c.crossLaggedModel } : {};
}

/**
 * The second-process selector (the chosen outcome left out) and the model selector.
 *
 * @example
 * html`${crossLaggedOptions(choice, draw, "fr")}`;
 */
export function crossLaggedOptions(c: CrossLaggedChoice, draw: () => void, lang: Lang): TemplateResult {
  const w = workspaceWords(lang);
  const outcome = c.outcome || "wellbeing";
  const options = [
    { value: "alliance_patient", label: w.allianceOf("patient") },
    { value: "alliance_therapist", label: w.allianceOf("therapist") },
    ...MEASURES.filter((m) => m.column !== outcome).map((m) => ({
      value: m.column,
      label: measureLabel(m.column, m.label, lang),
    })),
  ];
  // A second process equal to a newly chosen outcome falls back to the first one offered.
  if (!options.some((o) => o.value === c.process2)) c.process2 = options[0]?.value ?? "";
  return html`<fieldset class="group">
    <legend>${w.options}</legend>
    <label for="process2">${w.process2}</label>
    <select
      id="process2"
      aria-describedby="process2-help"
      .value=${c.process2}
      @change=${(e: Event) => ((c.process2 = (e.target as HTMLSelectElement).value), draw())}
    >
      ${options.map(
        (o) =>
          html`<option value=${o.value} ?selected=${o.value === c.process2}>${o.label} (${o.value})</option>`,
      )}
    </select>
    <p class="muted small" id="process2-help">${w.process2Help}</p>
    <label for="cross-lagged-model">${w.crossLaggedModel}</label>
    <select
      id="cross-lagged-model"
      aria-describedby="cross-lagged-model-help"
      .value=${c.crossLaggedModel}
      @change=${(e: Event) => (
        (c.crossLaggedModel = (e.target as HTMLSelectElement).value as CrossLaggedChoice["crossLaggedModel"]),
        draw()
      )}
    >
      ${(["stacked", "separate"] as const).map(
        (m) =>
          html`<option value=${m} ?selected=${m === c.crossLaggedModel}>${w.crossLaggedModels[m]}</option>`,
      )}
    </select>
    <p class="muted small" id="cross-lagged-model-help">${w.crossLaggedModelHelp}</p>
  </fieldset>`;
}
