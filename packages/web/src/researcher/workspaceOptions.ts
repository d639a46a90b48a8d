// The workspace's options of two recipes: the custom model (formula over the prepared table, family and
// link, quadrature points) and deterioration (reliability or reliable-change threshold, planned sessions),
// and the fields they add to the run request (@attune/api RecipeChoices).
import { html, type TemplateResult } from "lit-html";
import { CUSTOM_COLUMNS } from "@attune/core/records";
import type { RecipeChoices, TherapistAttributesOut } from "@attune/api";
import type { Lang } from "../lang.ts";
import type { Choice } from "./workspace.ts";
import { extraFormulaColumns } from "./workspacePredictors.ts";
import { researchWords } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";

/** The family/link choices of a custom model: "gaussian" or "<family>/<link>" (labels: workspaceWords). */
export const MODEL_FAMILIES: readonly string[] = [
  "gaussian",
  "binomial/logit",
  "binomial/probit",
  "binomial/cloglog",
  "poisson/log",
];

/**
 * The request fields of the chosen recipe's own options; empty fields are left to the recipe's
 * defaults, and numbers are sent as typed (the server refuses what is out of range, naming it).
 *
 * @example
 * recipeChoices({ ...choice, recipe: "custom", formula: "forms_missed ~ time + (1 | therapist)", model: "poisson/log" });
 */
export function recipeChoices(c: Choice): RecipeChoices {
  const n = (s: string) => (s.trim() === "" ? undefined : Number(s));
  if (c.recipe === "deterioration") {
    const out: RecipeChoices = {};
    const reliability = n(c.reliability);
    const rci = n(c.rci);
    const planned = n(c.plannedSessions);
    if (reliability !== undefined) out.reliability = reliability;
    if (rci !== undefined) out.rci = rci;
    if (planned !== undefined) out.plannedSessions = planned;
    return out;
  }
  if (c.recipe !== "custom") return {};
  const [family, link] = c.model.split("/") as [RecipeChoices["family"], RecipeChoices["link"]?];
  const nagq = n(c.nagq);
  return {
    formula: c.formula,
    family,
    ...(link ? { link } : {}),
    ...(family !== "gaussian" && nagq !== undefined && nagq !== 1 ? { nAGQ: nagq } : {}),
  };
}

/**
 * The custom model's options: the formula (with the columns it may use), the family and link, and
 * glmer's quadrature points for a generalized model.
 *
 * @example
 * customOptions(choice, draw, attributes, "en");
 */
export function customOptions(
  c: Choice,
  draw: () => void,
  attributes: TherapistAttributesOut["attributes"],
  lang: Lang,
): TemplateResult {
  const w = workspaceWords(lang);
  const described = researchWords(lang).columns;
  const generalized = c.model !== "gaussian";
  // Every column of the prepared table: the derived ones, the long table's others, therapist attributes.
  const columns = [
    ...CUSTOM_COLUMNS.map((x) => ({ name: x.name, what: described[x.name] ?? x.what })),
    ...extraFormulaColumns(attributes, new Set(CUSTOM_COLUMNS.map((x) => x.name)), lang),
  ];
  return html`<fieldset class="group">
    <legend>${w.custom}</legend>
    <label for="formula">${w.formula}</label>
    <input
      id="formula"
      type="text"
      required
      spellcheck="false"
      autocomplete="off"
      placeholder="forms_missed ~ time + condition + (1 | therapist)"
      aria-describedby="formula-help"
      .value=${c.formula}
      @input=${(e: Event) => (c.formula = (e.target as HTMLInputElement).value)}
    />
    <details id="formula-help">
      <summary>${w.columnsSummary}</summary>
      <dl class="columns">
        ${columns.map(
          (col) =>
            html`<div>
              <dt><code>${col.name}</code></dt>
              <dd>${col.what}</dd>
            </div>`,
        )}
      </dl>
    </details>
    <label for="family">${w.family}</label>
    <select
      id="family"
      .value=${c.model}
      @change=${(e: Event) => ((c.model = (e.target as HTMLSelectElement).value), draw())}
    >
      ${MODEL_FAMILIES.map((f) => html`<option value=${f} ?selected=${c.model === f}>${w.families[f]}</option>`)}
    </select>
    ${
      generalized
        ? html`<label for="nagq">${w.nagq}</label>
            <input
              id="nagq"
              type="number"
              min="0"
              max="25"
              step="1"
              aria-describedby="nagq-help"
              .value=${c.nagq}
              @input=${(e: Event) => (c.nagq = (e.target as HTMLInputElement).value)}
            />
            <p id="nagq-help" class="muted small">${w.nagqHelp}</p>`
        : html``
    }
  </fieldset>`;
}

/**
 * The deterioration recipe's options: the outcome's reliability or a reliable-change threshold in
 * points, and the planned number of sessions (empty = the recipe's defaults).
 *
 * @example
 * deteriorationOptions(choice, "en");
 */
export function deteriorationOptions(c: Choice, lang: Lang): TemplateResult {
  const w = workspaceWords(lang);
  const field = (
    id: string,
    label: string,
    help: string,
    key: "reliability" | "rci" | "plannedSessions",
    attrs: { min: string; max: string; step: string },
  ) =>
    html`<label for=${id}>${label}</label>
      <input
        id=${id}
        type="number"
        min=${attrs.min}
        max=${attrs.max}
        step=${attrs.step}
        aria-describedby="${id}-help"
        .value=${c[key]}
        @input=${(e: Event) => (c[key] = (e.target as HTMLInputElement).value)}
      />
      <p id="${id}-help" class="muted small">${help}</p>`;
  return html`<fieldset class="group">
    <legend>${w.options}</legend>
    ${field("reliability", w.reliability, w.reliabilityHelp, "reliability", { min: "0.01", max: "0.99", step: "0.01" })}
    ${field("rci", w.rci, w.rciHelp, "rci", { min: "0", max: "1000", step: "any" })}
    ${field("planned", w.planned, w.plannedHelp, "plannedSessions", { min: "2", max: "500", step: "1" })}
  </fieldset>`;
}
