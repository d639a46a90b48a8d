// The arms and measurement-schedule fields of a study, shared by "Create a study" (studies.ts) and "Edit
// arms and schedule" (studyEdit.ts): the fieldsets, filled from a study or the defaults, and reading them
// back with every problem named (arm row, form).
import { CODE_PATTERN } from "@attune/core/records";
import { html, nothing, type TemplateResult } from "lit-html";
import { parseSessions } from "./checks.ts";
import { titleMarked, titleOf, type FormInfo } from "./forms.ts";
import type { ScheduleItem, Study } from "./types.ts";
import type { Lang } from "../lang.ts";
import { setupText } from "./setupText.ts";
const DEFAULT_FORMS = ["alliance-patient", "wellbeing", "alliance-therapist"];

/** The arms and schedule shown in the form: a study's own, or two empty arms and the default forms. */
export interface StudyFields {
  arms: { code: string; name: string }[];
  schedule: ScheduleItem[];
}

/**
 * What a new study starts with: two empty arms, the alliance and well-being forms at every session.
 *
 * @example
 * const fields = defaultFields(forms);
 */
export function defaultFields(forms: readonly FormInfo[]): StudyFields {
  return {
    arms: [
      { code: "", name: "" },
      { code: "", name: "" },
    ],
    schedule: forms
      .filter((fm) => DEFAULT_FORMS.some((d) => fm.url.endsWith(`/${d}`)))
      .map((fm) => ({ questionnaire: fm.url, rater: fm.rater as ScheduleItem["rater"], sessions: "all" })),
  };
}

/**
 * The arms fieldset. `redraw` is called after "Add an arm"/"Remove the last arm" (which change `fields`);
 * `locked` explains why the arms cannot change and shows them read-only; the words are in `lang`.
 *
 * @example
 * armsFieldset(fields, () => draw(), null, "fr")
 */
export function armsFieldset(
  fields: StudyFields,
  redraw: () => void,
  locked: string | null = null,
  lang: Lang = "en",
): TemplateResult {
  const w = setupText(lang);
  const keep = (root: HTMLElement | null) => {
    // The typed values survive the redraw: copy them into `fields` first.
    fields.arms.forEach((a, i) => {
      a.code = root?.querySelector<HTMLInputElement>(`#arm-code-${i}`)?.value ?? a.code;
      a.name = root?.querySelector<HTMLInputElement>(`#arm-name-${i}`)?.value ?? a.name;
    });
  };
  const root = () => document.querySelector<HTMLElement>("main");
  return html`<fieldset class="group" ?disabled=${locked !== null}>
    <legend>${w.armsLegend}</legend>
    ${
      locked
        ? html`<p class="warn-box" data-testid="arms-locked">${locked}</p>`
        : html`<p class="muted small">${w.armsHint}</p>`
    }
    ${fields.arms.map(
      (a, i) =>
        html`<div class="arm-row">
          <div class="field">
            <label for=${`arm-code-${i}`}>${w.armCode(i + 1)}</label>
            <input
              id=${`arm-code-${i}`}
              name=${`arm-code-${i}`}
              type="text"
              class="short"
              maxlength="64"
              .value=${a.code}
            />
          </div>
          <div class="field grow">
            <label for=${`arm-name-${i}`}>${w.armName(i + 1)}</label>
            <input
              id=${`arm-name-${i}`}
              name=${`arm-name-${i}`}
              type="text"
              maxlength="200"
              .value=${a.name}
            />
          </div>
        </div>`,
    )}
    ${
      locked
        ? nothing
        : html`<div class="row-actions">
            <button
              type="button"
              class="secondary"
              @click=${() => {
                if (fields.arms.length >= 20) return;
                keep(root());
                fields.arms.push({ code: "", name: "" });
                redraw();
              }}
            >
              ${w.addArm}
            </button>
            ${
              fields.arms.length > 2
                ? html`<button
                    type="button"
                    class="secondary"
                    @click=${() => (keep(root()), fields.arms.pop(), redraw())}
                  >
                    ${w.removeArm}
                  </button>`
                : nothing
            }
          </div>`
    }
  </fieldset>`;
}

/**
 * The schedule fieldset: one row per form of the network, ticked and filled from `fields.schedule`; the
 * words are in `lang` (a form's own title stays in its language).
 *
 * @example
 * scheduleFieldset(forms, fields, null, "fr")
 */
export function scheduleFieldset(
  forms: readonly FormInfo[],
  fields: StudyFields,
  locked: string | null = null,
  lang: Lang = "en",
): TemplateResult {
  const w = setupText(lang);
  const row = (fm: FormInfo, i: number) => {
    const item = fields.schedule.find((s) => s.questionnaire === fm.url);
    const sessions = item ? (item.sessions === "all" ? w.all : item.sessions.join(", ")) : w.all;
    const rater = item?.rater ?? fm.rater;
    return html`<tr>
      <td class="wrap">
        <input type="checkbox" id=${`use-${i}`} name=${`use-${i}`} ?checked=${item !== undefined} />
        <label for=${`use-${i}`}>${titleMarked([fm], fm.url, lang)}</label>
      </td>
      <td>
        <select name=${`rater-${i}`} aria-label=${w.whoAnswers(titleOf([fm], fm.url, lang))}>
          ${Object.entries(w.rater).map(([k, v]) => html`<option value=${k} ?selected=${k === rater}>${v}</option>`)}
        </select>
      </td>
      <td>
        <input
          type="text"
          name=${`sessions-${i}`}
          .value=${sessions}
          aria-label=${w.sessionsFor(titleOf([fm], fm.url, lang))}
          class="short"
        />
      </td>
    </tr>`;
  };
  return html`<fieldset class="group" ?disabled=${locked !== null}>
    <legend>${w.scheduleLegend}</legend>
    ${
      locked
        ? html`<p class="warn-box" data-testid="schedule-locked">${locked}</p>`
        : html`<p class="muted small">${w.scheduleHint}</p>`
    }
    <div class="table-wrap" tabindex="0" role="region" aria-label=${w.scheduleLegend}>
      <table>
        <thead>
          <tr>
            ${w.scheduleCols.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${forms.map(row)}
        </tbody>
      </table>
    </div>
  </fieldset>`;
}

/**
 * Reads the arms and schedule back from the submitted form; `problems` names each one in `lang` (empty: all
 * good), `armProblems` and `scheduleProblems` the same split by fieldset (an edit skips a locked one).
 *
 * @example
 * const { arms, schedule, problems } = readStudyFields(new FormData(form), forms, fields.arms.length, "fr");
 */
export function readStudyFields(
  f: FormData,
  forms: readonly FormInfo[],
  armCount: number,
  lang: Lang = "en",
): StudyFields & { problems: string[]; armProblems: string[]; scheduleProblems: string[] } {
  const w = setupText(lang);
  const get = (k: string) => String(f.get(k) ?? "").trim();
  const problems: string[] = [];
  const arms = Array.from({ length: armCount }, (_, i) => ({
    code: get(`arm-code-${i}`),
    name: get(`arm-name-${i}`),
  }));
  arms.forEach((a, i) => {
    if (!CODE_PATTERN.test(a.code)) problems.push(w.badCode(i + 1));
    if (!a.name) problems.push(w.noLabel(i + 1));
  });
  const codes = arms.map((a) => a.code).filter((c) => c !== "");
  if (new Set(codes).size !== codes.length) problems.push(w.sameCode);
  const armProblems = problems.length;
  const schedule: ScheduleItem[] = [];
  forms.forEach((fm, i) => {
    if (f.get(`use-${i}`) !== "on") return;
    const sessions = parseSessions(get(`sessions-${i}`));
    if (!sessions) problems.push(w.badSessions(titleOf([fm], fm.url, lang)));
    // The rater comes from the form's own select (patient, therapist, observer); the server checks it.
    else
      schedule.push({
        questionnaire: fm.url,
        rater: (get(`rater-${i}`) || fm.rater) as ScheduleItem["rater"],
        sessions,
      });
  });
  if (!schedule.length) problems.push(w.noForm);
  return {
    arms,
    schedule,
    problems,
    armProblems: problems.slice(0, armProblems),
    scheduleProblems: problems.slice(armProblems),
  };
}

/** A study's own arms and schedule, as the edit form starts. */
export const fieldsOf = (s: Study): StudyFields => ({
  arms: s.arms.map((a) => ({ code: a.code, name: a.name })),
  schedule: s.schedule.map((i) => ({ ...i })),
});
