// The workspace: choose the data (network or a study, a session date range, the study's arms), a recipe
// and its options, and run it. The server records the run; the page then opens the run's page.
import { html, nothing, type TemplateResult } from "lit-html";
import { api, HttpError } from "../api.ts";
import type { StaffContext } from "../context.ts";
import { customOptions, deteriorationOptions, recipeChoices } from "./workspaceOptions.ts";
import { researchWords } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";
import { ratesCard } from "./ratesCard.ts";
import { checkList } from "./checkList.ts";
import { dataBody, dataChoices, type DataChoice } from "./dataChoices.ts";
import { levelChoices } from "./workspacePredictors.ts";
import { crossLaggedBody, crossLaggedOptions } from "./workspaceCrossLagged.ts";
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
  /** cross-lagged: the second process and the model. */
  process2: string;
  crossLaggedModel: "stacked" | "separate";
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
    process2: "confidence",
    crossLaggedModel: "stacked",
    outcome: "",
    armsFrom: "",
  };
  let busy = false;
  /** The error shown, as words of the page's language (the server's reason stays as it came). */
  let error: ((w: ReturnType<typeof workspaceWords>) => string) | null = null;
  ctx.setRefresh(null);

  const studyOf = () => studies.find((s) => s.id === choice.study);
  const draw = () => ctx.shell(workspaceWords(ctx.lang).title, page(), true);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    const study = studyOf();
    if (study && choice.arms.length === 0) {
      error = (w) => w.tickArm;
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
      ...crossLaggedBody(choice),
      ...dataBody(choice, study !== undefined),
    };
    busy = true;
    error = null;
    draw();
    try {
      const run = await api<Run>("POST", "/api/runs", body);
      busy = false;
      // The run page's heading takes the focus, which announces it (ctx.announce would clear lit's markers
      // in the live region before the shell redraws it).
      ctx.go(`/runs/${run.id}`);
    } catch (err) {
      busy = false;
      const why = err instanceof Error ? err.message : String(err);
      error =
        err instanceof HttpError && err.status === 400 ? (w) => w.cannotStart(why) : (w) => w.failed(why);
      draw();
      ctx.root.querySelector<HTMLElement>("#run-error")?.focus();
    }
  };

  const setStudy = (id: string) => {
    choice.study = id;
    choice.arms = studyOf()?.arms.map((a) => a.code) ?? [];
    draw();
  };

  function options(): TemplateResult | typeof nothing {
    const lang = ctx.lang;
    const w = workspaceWords(lang);
    const r = choice.recipe;
    if (r === "custom") return customOptions(choice, draw, attributes, lang);
    if (r === "deterioration") return deteriorationOptions(choice, lang);
    if (r === "cross-lagged") return crossLaggedOptions(choice, draw, lang);
    const rsa = r === "rsa" || r === "all";
    const lagged = r === "lagged" || r === "therapist-slopes" || r === "all";
    const byLevel = r === "growth" || r === "lagged";
    if (!rsa && !lagged && !byLevel) return nothing;
    return html`<fieldset class="group">
      <legend>${w.options}</legend>
      ${
        rsa
          ? html`<div class="check">
              <input
                id="by-condition"
                type="checkbox"
                .checked=${choice.byCondition}
                @change=${(e: Event) => ((choice.byCondition = (e.target as HTMLInputElement).checked), draw())}
              />
              <label for="by-condition">${w.byCondition}</label>
            </div>`
          : nothing
      }
      ${
        lagged
          ? html`<label for="rater">${w.rater}</label>
              <select
                id="rater"
                .value=${choice.rater}
                @change=${(e: Event) => (
                  (choice.rater = (e.target as HTMLSelectElement).value as Choice["rater"]),
                  draw()
                )}
              >
                <option value="patient">${w.raterPatient}</option>
                <option value="therapist">${w.raterTherapist}</option>
              </select>
              <div class="check">
                <input
                  id="detrend"
                  type="checkbox"
                  .checked=${choice.detrend}
                  @change=${(e: Event) => ((choice.detrend = (e.target as HTMLInputElement).checked), draw())}
                />
                <label for="detrend">${w.detrend}</label>
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
                        <label for="between-therapist">${w.betweenTherapist}</label>
                      </div>
                      <p class="muted small" id="between-therapist-hint">${w.betweenTherapistHelp}</p>`
                  : nothing
              }`
          : nothing
      }
      ${byLevel ? levelChoices(choice, attributes, draw, lang) : nothing}
    </fieldset>`;
  }

  function page(): TemplateResult {
    const lang = ctx.lang;
    const w = workspaceWords(lang);
    const study = studyOf();
    return html`<h1>${w.title}</h1>
      <p class="lead">${w.lead}</p>
      <p>${ctx.link("/runs", w.pastRuns)}</p>
      <form class="card workspace" @submit=${submit} aria-describedby="run-status">
        <fieldset class="group">
          <legend>${w.data}</legend>
          <label for="study">${w.which}</label>
          <select
            id="study"
            .value=${choice.study}
            @change=${(e: Event) => setStudy((e.target as HTMLSelectElement).value)}
          >
            <option value="">${w.network}</option>
            ${studies.map((s) => html`<option value=${s.id}>${w.study(s.name)}</option>`)}
          </select>
          <div class="dates">
            <div>
              <label for="from">${w.from}</label>
              <input
                id="from"
                type="date"
                .value=${choice.from}
                @input=${(e: Event) => (choice.from = (e.target as HTMLInputElement).value)}
              />
            </div>
            <div>
              <label for="to">${w.to}</label>
              <input
                id="to"
                type="date"
                .value=${choice.to}
                @input=${(e: Event) => (choice.to = (e.target as HTMLInputElement).value)}
              />
            </div>
          </div>
          <p class="muted small" id="dates-help">${w.datesHelp}</p>
          ${dataChoices(choice, studies, study !== undefined, draw, lang)}
          ${
            study
              ? html`<fieldset class="arms">
                  <legend>${w.armsOf(study.name)}</legend>
                  <p class="muted small">${w.armsHelp}</p>
                  ${checkList(
                    "arm",
                    study.arms.map((a) => ({
                      value: a.code,
                      label:
                        a.name === a.code
                          ? w.arm(a.code)
                          : html`${a.name} <span class="muted">${w.armCode(a.code)}</span>`,
                    })),
                    choice.arms,
                    (next) => ((choice.arms = next), draw()),
                  )}
                </fieldset>`
              : nothing
          }
        </fieldset>
        <fieldset class="group recipes">
          <legend>${w.analysis}</legend>
          ${researchWords(lang).recipes.map(
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
        ${error ? html`<p id="run-error" class="error-box" role="alert" tabindex="-1">${error(w)}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${busy} aria-busy=${busy ? "true" : "false"}>
          ${busy ? w.fitting : w.run}
        </button>
        <p id="run-status" class="muted small" role="status">${busy ? w.fittingLong : ""}</p>
      </form>
      ${ratesCard(choice.study, draw, lang)}`;
  }

  draw();
}
