// The list of studies (/studies) and the form that creates one with its arms and schedule (/studies/new).
import { CODE_PATTERN } from "@attune/core/records";
import { html, nothing } from "lit-html";
import type { StaffContext } from "../context.ts";
import { parseSessions } from "./checks.ts";
import { call } from "./http.ts";
import { loadForms, titleOf, type FormInfo } from "./forms.ts";
import type { ScheduleItem, Study } from "./types.ts";
import { errorBox, focusError } from "./ui.ts";

/** "all sessions" or "sessions 1, 4, 8". */
export const sessionsText = (s: ScheduleItem["sessions"]): string =>
  s === "all" ? "every session" : `session${s.length === 1 ? "" : "s"} ${s.join(", ")}`;

export const RATER: Record<string, string> = {
  patient: "the patient",
  therapist: "the therapist",
  observer: "an observer (coder)",
};

/** The studies page (/studies). */
export async function studiesPage(ctx: StaffContext): Promise<void> {
  const [{ studies }, forms] = await Promise.all([
    call<{ studies: Study[] }>(ctx, "GET", "/api/studies"),
    loadForms(ctx),
  ]);
  ctx.setRefresh(null);
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
        studies.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Studies">
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
                        <td>
                          ${s.arms.map((a) => (a.name === a.code ? a.code : `${a.code} (${a.name})`)).join(", ")}
                        </td>
                        <td class="wrap">
                          ${s.schedule.map((i) => titleOf(forms, i.questionnaire)).join(", ") || "none scheduled"}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">
              No study yet. Set up the ${ctx.link("/network", "sites and therapists")} first, then create one.
            </p>`
      }
    </div>`,
  );
}

const CODE = CODE_PATTERN;
const DEFAULT_FORMS = ["alliance-patient", "wellbeing", "alliance-therapist"];

/** The create-a-study page (/studies/new). */
export async function newStudyPage(ctx: StaffContext): Promise<void> {
  const forms = await loadForms(ctx);
  ctx.setRefresh(null);
  let arms = 2;
  let error: unknown = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    error = null;
    try {
      const problems: string[] = [];
      const name = get("study-name");
      if (!name) problems.push("The study needs a name.");
      const armList = Array.from({ length: arms }, (_, i) => ({
        code: get(`arm-code-${i}`),
        name: get(`arm-name-${i}`),
      }));
      armList.forEach((a, i) => {
        if (!CODE.test(a.code))
          problems.push(
            `Arm ${i + 1}: the code must be letters or digits (. _ : - allowed), e.g. "0" or "A".`,
          );
        if (!a.name) problems.push(`Arm ${i + 1}: give it a label, e.g. "usual care".`);
      });
      const codes = armList.map((a) => a.code).filter((c) => c !== "");
      if (new Set(codes).size !== codes.length)
        problems.push("Two arms have the same code; each arm needs its own.");
      const schedule: ScheduleItem[] = [];
      forms.forEach((fm, i) => {
        if (f.get(`use-${i}`) !== "on") return;
        const sessions = parseSessions(get(`sessions-${i}`));
        if (!sessions)
          problems.push(`${fm.title}: write "all" or session numbers such as "1, 4, 8" (1 to 1000).`);
        // The rater comes from the form's own select (patient, therapist, observer); the server checks it.
        else {
          const rater = (get(`rater-${i}`) || fm.rater) as ScheduleItem["rater"];
          schedule.push({ questionnaire: fm.url, rater, sessions });
        }
      });
      if (!schedule.length) problems.push("Choose at least one form for the measurement schedule.");
      if (problems.length) throw Object.assign(new Error("Please correct:"), { details: problems });
      const s = await call<Study>(ctx, "POST", "/api/studies", { name, arms: armList, schedule });
      ctx.go(`/studies/${s.id}`);
      return;
    } catch (err) {
      error = err;
    }
    draw();
    focusError(ctx);
  };

  const formRow = (fm: FormInfo, i: number) => {
    const on = DEFAULT_FORMS.some((d) => fm.url.endsWith(`/${d}`));
    return html`<tr>
      <td class="wrap">
        <input type="checkbox" id=${`use-${i}`} name=${`use-${i}`} ?checked=${on} />
        <label for=${`use-${i}`}>${fm.title}</label>
      </td>
      <td>
        <select name=${`rater-${i}`} aria-label=${`Who answers ${fm.title}`}>
          ${Object.entries(RATER).map(
            ([k, v]) => html`<option value=${k} ?selected=${k === fm.rater}>${v}</option>`,
          )}
        </select>
      </td>
      <td>
        <input
          type="text"
          name=${`sessions-${i}`}
          value="all"
          aria-label=${`Sessions for ${fm.title}`}
          class="short"
        />
      </td>
    </tr>`;
  };

  function draw(): void {
    const details = (error as { details?: string[] } | null)?.details;
    ctx.shell(
      "Create a study",
      html`<div class="coord">
        <p>${ctx.link("/studies", "← Studies")}</p>
        <h1 tabindex="-1">Create a study</h1>
        <p class="lead">
          Name the study, give it at least two arms (the conditions therapists are randomised to), and choose
          which forms are answered at which sessions. Arms and schedule cannot be changed afterwards.
        </p>
        ${
          details
            ? html`<div class="error-box" role="alert" tabindex="-1">
                <p><strong>The study was not created.</strong> Please correct:</p>
                <ul>
                  ${details.map((d) => html`<li>${d}</li>`)}
                </ul>
              </div>`
            : errorBox(error, "The study was not created.")
        }
        <form class="stack-form" @submit=${submit} novalidate>
          <div class="field">
            <label for="study-name">Study name</label>
            <input id="study-name" name="study-name" type="text" maxlength="200" autocomplete="off" />
          </div>
          <fieldset class="group">
            <legend>Arms (at least two)</legend>
            <p class="muted small">
              The code is short and appears in the data (e.g. 0 and 1); the label says what the arm is.
            </p>
            ${Array.from(
              { length: arms },
              (_, i) =>
                html`<div class="arm-row">
                  <div class="field">
                    <label for=${`arm-code-${i}`}>Arm ${i + 1} code</label>
                    <input
                      id=${`arm-code-${i}`}
                      name=${`arm-code-${i}`}
                      type="text"
                      class="short"
                      maxlength="64"
                    />
                  </div>
                  <div class="field grow">
                    <label for=${`arm-name-${i}`}>Arm ${i + 1} label</label>
                    <input id=${`arm-name-${i}`} name=${`arm-name-${i}`} type="text" maxlength="200" />
                  </div>
                </div>`,
            )}
            <div class="row-actions">
              <button
                type="button"
                class="secondary"
                @click=${() => (arms < 20 ? ((arms += 1), draw()) : undefined)}
              >
                Add an arm
              </button>
              ${
                arms > 2
                  ? html`<button type="button" class="secondary" @click=${() => ((arms -= 1), draw())}>
                      Remove the last arm
                    </button>`
                  : nothing
              }
            </div>
          </fieldset>
          <fieldset class="group">
            <legend>Measurement schedule</legend>
            <p class="muted small">
              Tick the forms of the study. "Sessions": <strong>all</strong> for every session, or numbers such
              as <strong>1, 4, 8</strong>. Patient forms are sent through the patient's one-time link;
              therapist forms are filled in on the therapist's patient page.
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Measurement schedule">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Form</th>
                    <th scope="col">Who answers</th>
                    <th scope="col">Sessions</th>
                  </tr>
                </thead>
                <tbody>
                  ${forms.map(formRow)}
                </tbody>
              </table>
            </div>
          </fieldset>
          <button class="primary" type="submit">Create the study</button>
        </form>
      </div>`,
    );
  }
  draw();
}
