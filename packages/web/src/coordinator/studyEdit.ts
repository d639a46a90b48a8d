// Study maintenance: "Edit arms and schedule" (/studies/<id>/edit) while the study is still being set up,
// and the study page's set-up card, which links there or says why the arms and schedule are now fixed, and
// archives a test study (or restores it) after a confirmation.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { loadForms } from "./forms.ts";
import { studyById } from "./study.ts";
import { problemsBox } from "./studies.ts";
import { armsFieldset, fieldsOf, readStudyFields, scheduleFieldset } from "./studyForm.ts";
import type { Completion, Randomisations, Study } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";

/** How far the study has gone: what fixes its arms (any allocation) and its schedule (enrolment, randomisation). */
export interface Commitments {
  episodes: number;
  randomisations: number;
  allocations: number;
}

/**
 * Why the arms or the schedule can no longer change, in words; null while they can (the server checks too).
 *
 * @example
 * lockedReason({ episodes: 2, randomisations: 0, allocations: 4 }, "schedule") // "2 patients are enrolled …"
 */
export function lockedReason(c: Commitments, what: "arms" | "schedule"): string | null {
  const why =
    c.episodes > 0
      ? `${c.episodes} patient${c.episodes === 1 ? " is" : "s are"} already enrolled`
      : c.randomisations > 0
        ? "therapists were already randomised"
        : what === "arms" && c.allocations > 0
          ? `${c.allocations} therapist${c.allocations === 1 ? " is" : "s are"} already allocated to an arm`
          : null;
  if (!why) return null;
  return `The ${what} can no longer be changed: ${why}, and changing ${what === "arms" ? "them" : "it"} would change ${
    what === "arms" ? "the arms therapists and patients belong to" : "what is asked of them"
  } part-way through the study. Create a new study for ${what === "arms" ? "different arms" : "a different schedule"}.`;
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
  const armsLocked = lockedReason(done, "arms");
  const scheduleLocked = lockedReason(done, "schedule");
  let error: unknown = null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    error = null;
    let saved = "";
    try {
      const read = readStudyFields(f, forms, fields.arms.length);
      const problems = read.problems.filter((p) =>
        armsLocked
          ? !p.startsWith("Arm") && !p.startsWith("Two arms")
          : scheduleLocked
            ? p.startsWith("Arm") || p.startsWith("Two arms")
            : true,
      );
      if (problems.length) throw Object.assign(new Error("Please correct:"), { details: problems });
      if (!armsLocked) {
        await call(ctx, "PUT", `/api/studies/${id}/arms`, { arms: read.arms });
        saved = "The arms were saved";
      }
      if (!scheduleLocked) await call(ctx, "PUT", `/api/studies/${id}/schedule`, { schedule: read.schedule });
      ctx.announce("Arms and schedule saved.");
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
      `Edit ${study.name}`,
      html`<div class="coord">
        <p>${ctx.link(`/studies/${id}`, `← Study: ${study.name}`)}</p>
        <h1 tabindex="-1">Edit arms and schedule: ${study.name}</h1>
        <p class="lead">
          While a study is being set up its arms and measurement schedule can change. The arms are fixed once
          a therapist is allocated; the schedule once a patient is enrolled or therapists are randomised.
        </p>
        ${problemsBox(error, stored ? `${stored}, then it stopped:` : "Nothing was changed.")}
        ${
          armsLocked && scheduleLocked
            ? html`<p class="warn-box" data-testid="edit-locked">${scheduleLocked}</p>
                <p>${ctx.link(`/studies/${id}`, "Back to the study")}</p>`
            : html`<form class="stack-form" @submit=${submit} novalidate>
                ${armsFieldset(fields, draw, armsLocked)} ${scheduleFieldset(forms, fields, scheduleLocked)}
                <button class="primary" type="submit">Save the changes</button>
              </form>`
        }
      </div>`,
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
  const fixed = lockedReason(done, "schedule");
  const armsFixed = lockedReason(done, "arms");
  const archived = study.archivedAt !== null;
  const setArchived = async (to: boolean) => {
    st.confirming = false;
    st.error = null;
    try {
      const s = await call<Study>(ctx, "PUT", `/api/studies/${study.id}/archived`, { archived: to });
      study.archivedAt = s.archivedAt;
      ctx.announce(to ? `Study ${study.name} archived.` : `Study ${study.name} restored.`);
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
    <h2 id="setup-h" tabindex="-1">Set-up</h2>
    ${
      archived
        ? html`<p class="warn-box" data-testid="archived">
            This study was archived on ${when(study.archivedAt!)}. It keeps everything it holds, but takes no
            new patients.
          </p>`
        : nothing
    }
    ${
      fixed
        ? html`<p class="muted" data-testid="setup-fixed">${fixed}</p>`
        : html`<p>
            ${armsFixed ? html`<span class="muted">${armsFixed}</span> The schedule can still change. ` : nothing}
            ${ctx.link(`/studies/${study.id}/edit`, armsFixed ? "Edit the schedule" : "Edit arms and schedule", "button-link")}
          </p>`
    }
    ${errorBox(st.error, "The study's state was not changed.")}
    ${
      archived
        ? html`<button type="button" class="secondary" @click=${() => void setArchived(false)}>
            Restore this study
          </button>`
        : st.confirming
          ? html`<div class="warn-box" role="group" aria-labelledby="archive-q">
              <p id="archive-q">
                <strong>Archive "${study.name}"?</strong> It leaves the list of active studies and takes no
                new patients. Nothing is deleted, and it can be restored here.
              </p>
              <div class="row-actions">
                <button type="button" class="primary" @click=${() => void setArchived(true)}>
                  Archive the study
                </button>
                <button
                  type="button"
                  class="secondary"
                  @click=${() => {
                    st.confirming = false;
                    redraw();
                    ctx.announce("The study was not archived.");
                  }}
                >
                  Cancel
                </button>
              </div>
            </div>`
          : html`<p class="muted small">A study made only to try attune out can be archived.</p>
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
                Archive this study…
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
