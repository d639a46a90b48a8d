// Study maintenance: "Edit arms and schedule" (/studies/<id>/edit) while the study is still being set up,
// and the study page's set-up card, which links there or says why the arms and schedule are now fixed, and
// archives a test study (or restores it) after a confirmation.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms } from "./forms.ts";
import { studyById } from "./study.ts";
import { CORRECT, problemsBox } from "./studies.ts";
import { armsFieldset, fieldsOf, readStudyFields, scheduleFieldset } from "./studyForm.ts";
import type { Completion, Randomisations, Study } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";
import type { Lang } from "../lang.ts";
import { setupText } from "./setupText.ts";

/** How far the study has gone: what fixes its arms (any allocation) and its schedule (enrolment, randomisation). */
export interface Commitments {
  episodes: number;
  randomisations: number;
  allocations: number;
}

/**
 * Why the arms or the schedule can no longer change, in words of `lang`; null while they can (the server
 * checks too).
 *
 * @example
 * lockedReason({ episodes: 2, randomisations: 0, allocations: 4 }, "schedule") // "… 2 patients are enrolled …"
 */
export function lockedReason(c: Commitments, what: "arms" | "schedule", lang: Lang = "en"): string | null {
  const w = setupText(lang);
  const why =
    c.episodes > 0
      ? w.why({ episodes: c.episodes })
      : c.randomisations > 0
        ? w.why({ randomised: true })
        : what === "arms" && c.allocations > 0
          ? w.why({ allocations: c.allocations })
          : null;
  return why ? w.locked(what, why) : null;
}

async function commitments(ctx: StaffContext, id: string): Promise<Commitments> {
  const [r, c] = await Promise.all([
    call<Randomisations>(ctx, "GET", `/api/studies/${id}/randomisations`),
    call<Completion>(ctx, "GET", `/api/studies/${id}/completion`),
  ]);
  return {
    episodes: c.patients.length,
    randomisations: r.randomisations.length,
    allocations: r.allocations.length,
  };
}

/** The edit page (/studies/<id>/edit). */
export async function studyEditPage(ctx: StaffContext, id: string): Promise<void> {
  const [study, forms, done] = await Promise.all([studyById(ctx, id), loadForms(ctx), commitments(ctx, id)]);
  ctx.setRefresh(null);
  const fields = fieldsOf(study);
  const w = setupText(ctx.lang);
  const armsLocked = lockedReason(done, "arms", ctx.lang);
  const scheduleLocked = lockedReason(done, "schedule", ctx.lang);
  let error: unknown = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    error = null;
    let saved = "";
    try {
      const read = readStudyFields(f, forms, fields.arms.length, ctx.lang);
      const problems = armsLocked ? read.scheduleProblems : scheduleLocked ? read.armProblems : read.problems;
      if (problems.length) throw Object.assign(new Error(CORRECT), { details: problems });
      if (!armsLocked) {
        await call(ctx, "PUT", `/api/studies/${id}/arms`, { arms: read.arms });
        saved = w.armsSaved;
      }
      if (!scheduleLocked) await call(ctx, "PUT", `/api/studies/${id}/schedule`, { schedule: read.schedule });
      ctx.announce(w.savedNote);
      ctx.go(`/studies/${id}`);
      return;
    } catch (err) {
      error = saved ? Object.assign(err as object, { stored: saved }) : err;
    }
    draw();
    focusError(ctx);
  };

  function draw(): void {
    const stored = (error as { stored?: string } | null)?.stored;
    ctx.shell(
      w.editTitle(study.name),
      html`<div class="coord">
        <p>${ctx.link(`/studies/${id}`, w.backTo(study.name))}</p>
        <h1 tabindex="-1">${w.editHeading(study.name)}</h1>
        <p class="lead">${w.editLead}</p>
        ${problemsBox(error, stored ? w.thenStopped(stored) : w.nothingChanged, ctx.lang)}
        ${
          armsLocked && scheduleLocked
            ? html`<p class="warn-box" data-testid="edit-locked">${scheduleLocked}</p>
                <p>${ctx.link(`/studies/${id}`, w.backToStudy)}</p>`
            : html`<form class="stack-form" @submit=${submit} novalidate>
                ${armsFieldset(fields, draw, armsLocked, ctx.lang)}
                ${scheduleFieldset(forms, fields, scheduleLocked, ctx.lang)}
                <button class="primary" type="submit">${w.saveChanges}</button>
              </form>`
        }
      </div>`,
      true,
    );
  }
  draw();
}

/** What the set-up card remembers between redraws: the archive question being asked, and a refusal. */
export interface SetupState {
  confirming: boolean;
  error: unknown;
}

/**
 * The study page's set-up card: edit arms and schedule (or why not), archive or restore after a confirmation.
 *
 * @example
 * setupCard(ctx, study, { episodes: 0, randomisations: 0, allocations: 0 }, st, draw, reload)
 */
export function setupCard(
  ctx: StaffContext,
  study: Study,
  done: Commitments,
  st: SetupState,
  redraw: () => void,
  reload: () => Promise<void>,
): TemplateResult {
  const w = setupText(ctx.lang);
  const fixed = lockedReason(done, "schedule", ctx.lang);
  const armsFixed = lockedReason(done, "arms", ctx.lang);
  const archived = study.archivedAt !== null;
  const setArchived = async (to: boolean) => {
    st.confirming = false;
    st.error = null;
    try {
      const s = await call<Study>(ctx, "PUT", `/api/studies/${study.id}/archived`, { archived: to });
      study.archivedAt = s.archivedAt;
      ctx.announce(to ? w.archivedNote(study.name) : w.restoredNote(study.name));
      await reload();
      ctx.root.querySelector<HTMLElement>("#setup-h")?.focus();
      return;
    } catch (err) {
      st.error = err;
    }
    redraw();
    focusError(ctx);
  };
  return html`<section class="card" aria-labelledby="setup-h">
    <h2 id="setup-h" tabindex="-1">${w.setupH}</h2>
    ${
      archived
        ? html`<p class="warn-box" data-testid="archived">
            ${w.archivedOn(when(study.archivedAt!, ctx.lang))}
          </p>`
        : nothing
    }
    ${
      fixed
        ? html`<p class="muted" data-testid="setup-fixed">${fixed}</p>`
        : html`<p>
            ${armsFixed ? html`<span class="muted">${armsFixed}</span> ${w.scheduleCanChange} ` : nothing}
            ${ctx.link(`/studies/${study.id}/edit`, armsFixed ? w.editSchedule : w.editBoth, "button-link")}
          </p>`
    }
    ${errorBox(st.error, w.notChanged)}
    ${
      archived
        ? html`<button type="button" class="secondary" @click=${() => void setArchived(false)}>
            ${w.restore}
          </button>`
        : st.confirming
          ? html`<div class="warn-box" role="group" aria-labelledby="archive-q">
              <p id="archive-q">${w.archiveQ(study.name)}</p>
              <div class="row-actions">
                <button type="button" class="primary" @click=${() => void setArchived(true)}>
                  ${w.archiveYes}
                </button>
                <button
                  type="button"
                  class="secondary"
                  @click=${() => {
                    st.confirming = false;
                    redraw();
                    ctx.announce(w.notArchived);
                  }}
                >
                  ${w.cancel}
                </button>
              </div>
            </div>`
          : html`<p class="muted small">${w.archivable}</p>
              <button
                type="button"
                class="secondary"
                @click=${() => {
                  st.confirming = true;
                  redraw();
                  ctx.root
                    .querySelector<HTMLElement>("#archive-q")
                    ?.parentElement?.querySelector("button")
                    ?.focus();
                }}
              >
                ${w.archive}
              </button>`
    }
  </section>`;
}

/** The commitments a study page already has loaded (its randomisations and completion monitor). */
export const commitmentsOf = (r: Randomisations, c: Completion | null): Commitments => ({
  episodes: c?.patients.length ?? 0,
  randomisations: r.randomisations.length,
  allocations: r.allocations.length,
});
