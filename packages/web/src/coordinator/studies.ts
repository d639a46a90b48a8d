// The list of studies (/studies) and the form that creates one with its arms and schedule (/studies/new).
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms, titleMarked, type FormInfo } from "./forms.ts";
import type { ScheduleItem, Study } from "./types.ts";
import { errorBox, focusError } from "./ui.ts";
import { armsFieldset, defaultFields, readStudyFields, scheduleFieldset } from "./studyForm.ts";
import type { Lang } from "../lang.ts";
import { studyText } from "./studyText.ts";

/** The marker of a list of problems found before sending (problemsBox shows it in the page's language). */
export const CORRECT = "Please correct:";

/** "every session" or "sessions 1, 4, 8", in the page's language. */
export const sessionsText = (s: ScheduleItem["sessions"], lang: Lang = "en"): string =>
  s === "all" ? studyText(lang).everySession : studyText(lang).sessions(s.join(", "), s.length);

function studyTable(ctx: StaffContext, studies: Study[], forms: FormInfo[], label: string): TemplateResult {
  const w = studyText(ctx.lang);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${label}>
    <table>
      <thead>
        <tr>
          <th scope="col">${w.cols.study}</th>
          <th scope="col">${w.cols.arms}</th>
          <th scope="col">${w.cols.forms}</th>
        </tr>
      </thead>
      <tbody>
        ${studies.map(
          (s) =>
            html`<tr>
              <th scope="row">${ctx.link(`/studies/${s.id}`, s.name)}</th>
              <td>${s.arms.map((a) => (a.name === a.code ? a.code : `${a.code} (${a.name})`)).join(", ")}</td>
              <td class="wrap">
                ${
                  s.schedule.length
                    ? s.schedule.map((i, k) => [k ? ", " : "", titleMarked(forms, i.questionnaire, ctx.lang)])
                    : w.noneScheduled
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The studies page (/studies). */
export async function studiesPage(ctx: StaffContext): Promise<void> {
  const [{ studies }, forms] = await Promise.all([
    call<{ studies: Study[] }>(ctx, "GET", "/api/studies"),
    loadForms(ctx),
  ]);
  ctx.setRefresh(null);
  const active = studies.filter((s) => s.archivedAt === null);
  const archived = studies.filter((s) => s.archivedAt !== null);
  const w = studyText(ctx.lang);
  ctx.shell(
    w.studies,
    html`<div class="coord">
      <h1 tabindex="-1">${w.studies}</h1>
      <p class="lead">${w.studiesLead}</p>
      <p>${ctx.link("/studies/new", w.create, "button-link")}</p>
      ${
        active.length
          ? studyTable(ctx, active, forms, w.studies)
          : html`<p class="muted">${w.none(archived.length > 0, ctx.link("/network", w.setUp))}</p>`
      }
      ${
        archived.length
          ? html`<h2 id="archived-h">${w.archivedH}</h2>
              <p class="muted small">${w.archivedLead}</p>
              ${studyTable(ctx, archived, forms, w.archivedH)}`
          : nothing
      }
    </div>`,
    true,
  );
}

/** The create-a-study page (/studies/new). */
export async function newStudyPage(ctx: StaffContext): Promise<void> {
  const forms = await loadForms(ctx);
  ctx.setRefresh(null);
  const fields = defaultFields(forms);
  const w = studyText(ctx.lang);
  let error: unknown = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    error = null;
    try {
      const name = String(f.get("study-name") ?? "").trim();
      const { arms, schedule, problems } = readStudyFields(f, forms, fields.arms.length, ctx.lang);
      if (!name) problems.unshift(w.needsName);
      if (problems.length) throw Object.assign(new Error(CORRECT), { details: problems });
      const s = await call<Study>(ctx, "POST", "/api/studies", { name, arms, schedule });
      ctx.go(`/studies/${s.id}`);
      return;
    } catch (err) {
      error = err;
    }
    draw();
    focusError(ctx);
  };

  function draw(): void {
    ctx.shell(
      w.create,
      html`<div class="coord">
        <p>${ctx.link("/studies", w.back)}</p>
        <h1 tabindex="-1">${w.create}</h1>
        <p class="lead">${w.createLead}</p>
        ${problemsBox(error, w.notCreated, ctx.lang)}
        <form class="stack-form" @submit=${submit} novalidate>
          <div class="field">
            <label for="study-name">${w.name}</label>
            <input id="study-name" name="study-name" type="text" maxlength="200" autocomplete="off" />
          </div>
          ${armsFieldset(fields, draw, null, ctx.lang)} ${scheduleFieldset(forms, fields, null, ctx.lang)}
          <button class="primary" type="submit">${w.createButton}</button>
        </form>
      </div>`,
      true,
    );
  }
  draw();
}

/**
 * The error box of a study form: the list of problems found before sending, or the server's refusal.
 *
 * @example
 * problemsBox(error, "The study was not created.")
 */
export function problemsBox(
  error: unknown,
  intro: string,
  lang: Lang = "en",
): TemplateResult | typeof nothing {
  const details = (error as { details?: string[] } | null)?.details;
  if (!details || !(error instanceof Error) || error.message !== CORRECT) return errorBox(error, intro);
  return html`<div class="error-box" role="alert" tabindex="-1">
    <p><strong>${intro}</strong> ${studyText(lang).correct}</p>
    <ul>
      ${details.map((d) => html`<li>${d}</li>`)}
    </ul>
  </div>`;
}
