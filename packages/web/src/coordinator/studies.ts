// The list of studies (/studies) and the form that creates one with its arms and schedule (/studies/new).
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms, titleOf, type FormInfo } from "./forms.ts";
import type { ScheduleItem, Study } from "./types.ts";
import { errorBox, focusError } from "./ui.ts";
import { armsFieldset, defaultFields, RATER, readStudyFields, scheduleFieldset } from "./studyForm.ts";

/** "all sessions" or "sessions 1, 4, 8". */
export const sessionsText = (s: ScheduleItem["sessions"]): string =>
  s === "all" ? "every session" : `session${s.length === 1 ? "" : "s"} ${s.join(", ")}`;

export { RATER };

function studyTable(ctx: StaffContext, studies: Study[], forms: FormInfo[], label: string): TemplateResult {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${label}>
    <table>
      <thead>
        <tr>
          <th scope="col">Study</th>
          <th scope="col">Arms</th>
          <th scope="col">Forms</th>
        </tr>
      </thead>
      <tbody>
        ${studies.map(
          (s) =>
            html`<tr>
              <th scope="row">${ctx.link(`/studies/${s.id}`, s.name)}</th>
              <td>${s.arms.map((a) => (a.name === a.code ? a.code : `${a.code} (${a.name})`)).join(", ")}</td>
              <td class="wrap">
                ${s.schedule.map((i) => titleOf(forms, i.questionnaire)).join(", ") || "none scheduled"}
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
  ctx.shell(
    "Studies",
    html`<div class="coord">
      <h1 tabindex="-1">Studies</h1>
      <p class="lead">
        A study compares two or more <strong>arms</strong> (for example usual care and a training) and says
        which forms are answered at which sessions. Open a study to randomise therapists to its arms, enrol
        patients, follow which forms are missing and send reminders.
      </p>
      <p>${ctx.link("/studies/new", "Create a study", "button-link")}</p>
      ${
        active.length
          ? studyTable(ctx, active, forms, "Studies")
          : html`<p class="muted">
              No ${archived.length ? "active " : ""}study yet. Set up the
              ${ctx.link("/network", "sites and therapists")} first, then create one.
            </p>`
      }
      ${
        archived.length
          ? html`<h2 id="archived-h">Archived studies</h2>
              <p class="muted small">They keep everything they hold; open one to restore it.</p>
              ${studyTable(ctx, archived, forms, "Archived studies")}`
          : nothing
      }
    </div>`,
  );
}

/** The create-a-study page (/studies/new). */
export async function newStudyPage(ctx: StaffContext): Promise<void> {
  const forms = await loadForms(ctx);
  ctx.setRefresh(null);
  const fields = defaultFields(forms);
  let error: unknown = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    error = null;
    try {
      const name = String(f.get("study-name") ?? "").trim();
      const { arms, schedule, problems } = readStudyFields(f, forms, fields.arms.length);
      if (!name) problems.unshift("The study needs a name.");
      if (problems.length) throw Object.assign(new Error("Please correct:"), { details: problems });
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
      "Create a study",
      html`<div class="coord">
        <p>${ctx.link("/studies", "← Studies")}</p>
        <h1 tabindex="-1">Create a study</h1>
        <p class="lead">
          Name the study, give it at least two arms (the conditions therapists are randomised to), and choose
          which forms are answered at which sessions. Arms and schedule can be changed on the study's page
          until the first therapist is allocated or patient enrolled.
        </p>
        ${problemsBox(error, "The study was not created.")}
        <form class="stack-form" @submit=${submit} novalidate>
          <div class="field">
            <label for="study-name">Study name</label>
            <input id="study-name" name="study-name" type="text" maxlength="200" autocomplete="off" />
          </div>
          ${armsFieldset(fields, draw)} ${scheduleFieldset(forms, fields)}
          <button class="primary" type="submit">Create the study</button>
        </form>
      </div>`,
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
export function problemsBox(error: unknown, intro: string): TemplateResult | typeof nothing {
  const details = (error as { details?: string[] } | null)?.details;
  if (!details || !(error instanceof Error) || error.message !== "Please correct:")
    return errorBox(error, intro);
  return html`<div class="error-box" role="alert" tabindex="-1">
    <p><strong>${intro}</strong> Please correct:</p>
    <ul>
      ${details.map((d) => html`<li>${d}</li>`)}
    </ul>
  </div>`;
}
