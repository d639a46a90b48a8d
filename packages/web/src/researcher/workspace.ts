// The workspace: choose the data (network or a study, a session date range, the study's arms), a recipe
// and its options, and run it. The server records the run; the page then opens the run's page.
import { html, nothing, type TemplateResult } from "lit-html";
import { api, HttpError } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { customOptions, deteriorationOptions, recipeChoices } from "./workspaceOptions.ts";
import { RECIPES } from "./text.ts";
import { ratesCard } from "./ratesCard.ts";
import { dataBody, dataChoices, type DataChoice } from "./dataChoices.ts";
import { levelChoices } from "./workspacePredictors.ts";
import type { Run, Study } from "./types.ts";
import type { TherapistAttributesOut } from "@attune/api";

export interface Choice extends DataChoice {
  study: string;
  from: string;
  to: string;
  /** Arm codes ticked (all of the chosen study's arms at first). */
  arms: string[];
  recipe: string;
  byCondition: boolean;
  rater: "patient" | "therapist";
  detrend: boolean;
  /** lagged: the patient mean of alliance split into between-patient and between-therapist parts. */
  betweenTherapist: boolean;
  /** Session-level columns ticked as predictors (growth, lagged), split by level by the recipe. */
  predictors: string[];
  /** Therapist attributes ticked as moderators (growth, lagged). */
  moderators: string[];
  /** custom: the formula, the family and link ("gaussian" or "<family>/<link>"), glmer's nAGQ. */
  formula: string;
  model: string;
  nagq: string;
  /** deterioration: reliability, or a reliable-change threshold in points, and planned sessions ("" = default). */
  reliability: string;
  rci: string;
  plannedSessions: string;
}

/**
 * Renders the workspace at /research and runs the chosen recipe (POST /api/runs).
 *
 * @example
 * await workspacePage(ctx);
 */
export async function workspacePage(ctx: StaffContext): Promise<void> {
  const { studies } = await api<{ studies: Study[] }>("GET", "/api/studies");
  // The network's therapist attributes: each can moderate the focal slope of growth and lagged.
  const { attributes } = await api<TherapistAttributesOut>("GET", "/api/therapist-attributes");
  const choice: Choice = {
    study: "",
    from: "",
    to: "",
    arms: [],
    recipe: "congruence",
    byCondition: false,
    rater: "patient",
    detrend: false,
    betweenTherapist: false,
    predictors: [],
    moderators: [],
    formula: "",
    model: "gaussian",
    nagq: "1",
    reliability: "",
    rci: "",
    plannedSessions: "",
    outcome: "",
    armsFrom: "",
  };
  let busy = false;
  let error = "";
  ctx.setRefresh(null);

  const studyOf = () => studies.find((s) => s.id === choice.study);
  const draw = () => ctx.shell("Research workspace", page());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    const study = studyOf();
    if (study && choice.arms.length === 0) {
      error = "Tick at least one arm of the study.";
      draw();
      ctx.root.querySelector<HTMLElement>("#run-error")?.focus();
      return;
    }
    const allArms = !study || choice.arms.length === study.arms.length;
    const body = {
      recipe: choice.recipe,
      ...(study ? { study: study.id } : {}),
      ...(choice.from ? { from: choice.from } : {}),
      ...(choice.to ? { to: choice.to } : {}),
      // All arms ticked = no filter, so the run's selection says "all arms" rather than listing them.
      ...(study && !allArms ? { arms: choice.arms } : {}),
      ...(choice.recipe === "rsa" || choice.recipe === "all" ? { byCondition: choice.byCondition } : {}),
      ...(["lagged", "therapist-slopes", "all"].includes(choice.recipe)
        ? { rater: choice.rater, detrend: choice.detrend }
        : {}),
      ...((choice.recipe === "lagged" || choice.recipe === "all") && choice.betweenTherapist
        ? { betweenTherapist: true }
        : {}),
      ...(["growth", "lagged"].includes(choice.recipe) && choice.predictors.length
        ? { predictors: choice.predictors }
        : {}),
      ...(["growth", "lagged"].includes(choice.recipe) && choice.moderators.length
        ? { moderators: choice.moderators }
        : {}),
      ...recipeChoices(choice),
      ...dataBody(choice, study !== undefined),
    };
    busy = true;
    error = "";
    draw();
    try {
      const run = await api<Run>("POST", "/api/runs", body);
      busy = false;
      // The run page's heading takes the focus, which announces it (ctx.announce would clear lit's markers
      // in the live region before the shell redraws it).
      ctx.go(`/runs/${run.id}`);
    } catch (err) {
      busy = false;
      error =
        err instanceof HttpError && err.status === 400
          ? `The run could not start: ${err.message}.`
          : `The run failed: ${err instanceof Error ? err.message : String(err)}`;
      draw();
      ctx.root.querySelector<HTMLElement>("#run-error")?.focus();
    }
  };

  const setStudy = (id: string) => {
    choice.study = id;
    choice.arms = studyOf()?.arms.map((a) => a.code) ?? [];
    draw();
  };
  const toggleArm = (code: string, on: boolean) => {
    choice.arms = on ? [...new Set([...choice.arms, code])] : choice.arms.filter((c) => c !== code);
    draw();
  };

  function options(): TemplateResult | typeof nothing {
    const r = choice.recipe;
    if (r === "custom") return customOptions(choice, draw, attributes);
    if (r === "deterioration") return deteriorationOptions(choice);
    const rsa = r === "rsa" || r === "all";
    const lagged = r === "lagged" || r === "therapist-slopes" || r === "all";
    const byLevel = r === "growth" || r === "lagged";
    if (!rsa && !lagged && !byLevel) return nothing;
    return html`<fieldset class="group">
      <legend>Options</legend>
      ${
        rsa
          ? html`<div class="check">
              <input
                id="by-condition"
                type="checkbox"
                .checked=${choice.byCondition}
                @change=${(e: Event) => ((choice.byCondition = (e.target as HTMLInputElement).checked), draw())}
              />
              <label for="by-condition">Response surface: also fit each arm separately</label>
            </div>`
          : nothing
      }
      ${
        lagged
          ? html`<label for="rater"
                >Whose alliance rating predicts well-being (within/between, therapist differences)</label
              >
              <select
                id="rater"
                .value=${choice.rater}
                @change=${(e: Event) => (
                  (choice.rater = (e.target as HTMLSelectElement).value as Choice["rater"]),
                  draw()
                )}
              >
                <option value="patient">the patient's</option>
                <option value="therapist">the therapist's</option>
              </select>
              <div class="check">
                <input
                  id="detrend"
                  type="checkbox"
                  .checked=${choice.detrend}
                  @change=${(e: Event) => ((choice.detrend = (e.target as HTMLInputElement).checked), draw())}
                />
                <label for="detrend">Remove each patient's linear trend from the within-patient part</label>
              </div>
              ${
                r === "lagged" || r === "all"
                  ? html`<div class="check">
                        <input
                          id="between-therapist"
                          type="checkbox"
                          aria-describedby="between-therapist-hint"
                          .checked=${choice.betweenTherapist}
                          @change=${(e: Event) => (
                            (choice.betweenTherapist = (e.target as HTMLInputElement).checked),
                            draw()
                          )}
                        />
                        <label for="between-therapist"
                          >Split the between-patient part into between patients of a therapist and between
                          therapists</label
                        >
                      </div>
                      <p class="muted small" id="between-therapist-hint">
                        The patient's mean alliance becomes its distance from the therapist's mean
                        (<code>alliance_pb</code>) plus the therapist's mean (<code>alliance_tm</code>): do
                        patients who rate the alliance higher than their therapist's other patients do better,
                        and do therapists whose patients rate it higher?
                      </p>`
                  : nothing
              }`
          : nothing
      }
      ${byLevel ? levelChoices(choice, attributes, draw) : nothing}
    </fieldset>`;
  }

  function page(): TemplateResult {
    const study = studyOf();
    return html`<h1>Research workspace</h1>
      <p class="lead">
        Choose which data to analyse and an analysis, then run it. attune fits the mixed models (the same
        numbers as R's lme4 and lmerTest) and records the run — who, when, which data and its fingerprint — so
        every number you publish can be traced back and reproduced in R. You see patient and therapist codes
        only, never contact details.
      </p>
      <p>${ctx.link("/runs", "See all past runs")}</p>
      <form class="card workspace" @submit=${submit} aria-describedby="run-status">
        <fieldset class="group">
          <legend>Data</legend>
          <label for="study">Which data</label>
          <select
            id="study"
            .value=${choice.study}
            @change=${(e: Event) => setStudy((e.target as HTMLSelectElement).value)}
          >
            <option value="">Whole network (every patient)</option>
            ${studies.map((s) => html`<option value=${s.id}>Study: ${s.name}</option>`)}
          </select>
          <div class="dates">
            <div>
              <label for="from">Sessions from</label>
              <input
                id="from"
                type="date"
                .value=${choice.from}
                @input=${(e: Event) => (choice.from = (e.target as HTMLInputElement).value)}
              />
            </div>
            <div>
              <label for="to">to (inclusive)</label>
              <input
                id="to"
                type="date"
                .value=${choice.to}
                @input=${(e: Event) => (choice.to = (e.target as HTMLInputElement).value)}
              />
            </div>
          </div>
          <p class="muted small" id="dates-help">
            Leave both empty for every session. Sessions without a date count by the day they were recorded.
          </p>
          ${dataChoices(choice, studies, study !== undefined, draw)}
          ${
            study
              ? html`<fieldset class="arms">
                  <legend>Arms of “${study.name}”</legend>
                  <p class="muted small">Untick an arm to leave its therapists' patients out.</p>
                  ${study.arms.map(
                    (a) =>
                      html`<div class="check">
                        <input
                          id="arm-${a.code}"
                          type="checkbox"
                          .checked=${choice.arms.includes(a.code)}
                          @change=${(e: Event) => toggleArm(a.code, (e.target as HTMLInputElement).checked)}
                        />
                        <label for="arm-${a.code}"
                          >${a.name === a.code ? `Arm ${a.code}` : html`${a.name} <span class="muted">(arm ${a.code})</span>`}</label
                        >
                      </div>`,
                  )}
                </fieldset>`
              : nothing
          }
        </fieldset>
        <fieldset class="group recipes">
          <legend>Analysis</legend>
          ${RECIPES.map(
            (r) =>
              html`<div class="recipe">
                <input
                  type="radio"
                  name="recipe"
                  id="recipe-${r.id}"
                  value=${r.id}
                  .checked=${choice.recipe === r.id}
                  aria-describedby="recipe-${r.id}-what"
                  @change=${() => ((choice.recipe = r.id), draw())}
                />
                <label for="recipe-${r.id}">${r.name}</label>
                <p id="recipe-${r.id}-what" class="muted small">${r.what}</p>
              </div>`,
          )}
        </fieldset>
        ${options()}
        ${error ? html`<p id="run-error" class="error-box" role="alert" tabindex="-1">${error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${busy} aria-busy=${busy ? "true" : "false"}>
          ${busy ? "Fitting models…" : "Run the analysis"}
        </button>
        <p id="run-status" class="muted small" role="status">
          ${busy ? "Fitting models… this takes a few seconds for a network, longer for all five analyses." : ""}
        </p>
      </form>
      ${ratesCard(choice.study, draw)}`;
  }

  draw();
}
