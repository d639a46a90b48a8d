// "Observer coding" on the study page: assign a coder to one of the study's sessions (patient, then
// session) and see every assignment with whether it is coded yet. Codes only, as the coders see them.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StudyCodingOut as StudyCoding } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import type { User } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";
import { codingText } from "./codingText.ts";

/** GET /api/studies/{id}/coding (@attune/api). */
export type { StudyCodingOut as StudyCoding } from "@attune/api";

/** What the card keeps between redraws: the chosen patient (its sessions fill the next list), messages. */
export interface CodingState {
  patient: string | null;
  error: unknown;
  done: string | null;
}

/**
 * A fresh card state.
 *
 * @example
 * const cst = newCodingState(); // kept by the study page across redraws
 */
export const newCodingState = (): CodingState => ({ patient: null, error: null, done: null });

/**
 * The observer-coding card of a study page.
 *
 * @example
 * codingSection(ctx, { studyId, coding, coders }, state, draw, reload);
 */
export function codingSection(
  ctx: StaffContext,
  v: { studyId: string; coding: StudyCoding; coders: User[] },
  st: CodingState,
  redraw: () => void,
  reload: () => Promise<void>,
): TemplateResult {
  const w = codingText(ctx.lang);
  const patients = [...new Set(v.coding.sessions.map((s) => s.patient))];
  const chosen = st.patient !== null && patients.includes(st.patient) ? st.patient : (patients[0] ?? null);
  const sessionsOf = (p: string | null) => v.coding.sessions.filter((s) => s.patient === p);
  const byId = new Map(v.coding.sessions.map((s) => [s.sessionId, s]));

  const assign = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const s = byId.get(String(f.get("coding-session") ?? ""));
    const coder = v.coders.find((k) => k.id === String(f.get("coding-coder") ?? ""));
    st.error = null;
    st.done = null;
    try {
      if (!s) throw new Error(w.chooseSession);
      if (!coder) throw new Error(w.chooseCoder);
      try {
        await call(ctx, "POST", `/api/sessions/${s.sessionId}/coders`, { coderId: coder.id });
      } catch (err) {
        // 409: the pair exists; say which, in the page's words.
        if ((err as { status?: number }).status === 409)
          throw new Error(w.already(coder.code, s.patient, s.number));
        throw err;
      }
      st.done = w.assigned(coder.code, s.patient, s.number);
    } catch (err) {
      st.error = err;
    }
    await reload();
    if (st.error) focusError(ctx);
  };

  const sorted = [...v.coding.assignments].sort(
    (a, b) =>
      (byId.get(a.sessionId)?.patient ?? "").localeCompare(byId.get(b.sessionId)?.patient ?? "") ||
      (byId.get(a.sessionId)?.number ?? 0) - (byId.get(b.sessionId)?.number ?? 0) ||
      a.coder.localeCompare(b.coder),
  );
  const coded = sorted.filter((a) => a.codedAt !== null).length;

  return html`<section class="card" aria-labelledby="coding-h">
    <h2 id="coding-h">${w.heading}</h2>
    <p class="muted">${w.lead}</p>
    ${
      v.coders.length === 0
        ? html`<p>${w.noCoder(ctx.link("/network", w.network))}</p>`
        : patients.length === 0
          ? html`<p class="muted">${w.noSession}</p>`
          : html`${errorBox(st.error, w.notAssigned)}
              ${st.done ? html`<p class="ok-box" role="status">${st.done}</p>` : nothing}
              <form class="inline-form" @submit=${assign} novalidate>
                <div class="field">
                  <label for="coding-patient">${w.patient}</label>
                  <select
                    id="coding-patient"
                    name="coding-patient"
                    @change=${(e: Event) => {
                      st.patient = (e.target as HTMLSelectElement).value;
                      redraw();
                    }}
                  >
                    ${patients.map((p) => html`<option value=${p} ?selected=${p === chosen}>${p}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="coding-session">${w.session}</label>
                  <select id="coding-session" name="coding-session">
                    ${sessionsOf(chosen).map(
                      (s) =>
                        html`<option value=${s.sessionId}>
                          ${w.sessionOption(s.number, s.date ?? null, s.therapist)}
                        </option>`,
                    )}
                  </select>
                </div>
                <div class="field">
                  <label for="coding-coder">${w.coder}</label>
                  <select id="coding-coder" name="coding-coder">
                    ${v.coders.map((k) => html`<option value=${k.id}>${k.code} — ${k.displayName}</option>`)}
                  </select>
                </div>
                <button class="primary" type="submit">${w.assign}</button>
              </form>`
    }
    ${
      sorted.length
        ? html`<p>${w.codedOf(coded, sorted.length)}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="coding-h">
              <table data-testid="coding-assignments">
                <thead>
                  <tr>
                    ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${sorted.map((a) => {
                    const s = byId.get(a.sessionId);
                    return html`<tr>
                      <th scope="row">${s?.patient ?? "?"}</th>
                      <td>${s?.number ?? "?"}</td>
                      <td>${s?.date ?? "—"}</td>
                      <td>${a.coder}</td>
                      <td>${a.codedAt ? w.codedAt(when(a.codedAt, ctx.lang)) : w.notYet}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
        : v.coders.length && patients.length
          ? html`<p class="muted">${w.noneAssigned}</p>`
          : nothing
    }
  </section>`;
}
