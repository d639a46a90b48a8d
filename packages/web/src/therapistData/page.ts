// Therapist-level data in the browser: a coordinator declares the network's therapist attributes
// (numeric or categorical) and enters any therapist's values (/therapist-data); a therapist enters their
// own and answers the once-only questionnaires (/my-profile, onceForms.ts). Both read and write through the same API and its one check of each value.
import { html, nothing, type TemplateResult } from "lit-html";
import type {
  InstrumentsOut,
  TherapistAttributeOut,
  TherapistAttributesOut,
  TherapistProfileOut,
} from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "../coordinator/http.ts";
import { errorBox, focusError } from "../coordinator/ui.ts";
import { questionnaireForm } from "./questionnaireForm.ts";
import { loadOnce, onceSection } from "./onceForms.ts";
import { therapistDataText, type TherapistDataText } from "./therapistDataText.ts";

type Profiles = { therapists: TherapistProfileOut[] };

/** One therapist's values as inputs (a number field or a category select), with a Save button. */
function valueForm(
  ctx: StaffContext,
  w: TherapistDataText,
  attrs: readonly TherapistAttributeOut[],
  p: TherapistProfileOut,
  save: (values: Record<string, string | number | null>) => Promise<void>,
): TemplateResult {
  const id = (a: TherapistAttributeOut) => `v-${p.therapist}-${a.code}`;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values: Record<string, string | number | null> = {};
    for (const a of attrs) {
      const el = ctx.root.querySelector<HTMLInputElement | HTMLSelectElement>(`[id="${id(a)}"]`);
      const v = el?.value.trim() ?? "";
      values[a.code] = v === "" ? null : v;
    }
    await save(values);
  };
  return html`<form class="attr-row" @submit=${submit} aria-label=${w.attributesOf(p.therapist)}>
    ${attrs.map((a) => {
      const v = p.values[a.code];
      return html`<div>
        <label for=${id(a)}>${a.label}</label>
        ${
          a.kind === "numeric"
            ? html`<input
                id=${id(a)}
                type="text"
                inputmode="decimal"
                .value=${v === null || v === undefined ? "" : String(v)}
              />`
            : html`<select id=${id(a)} .value=${v === null || v === undefined ? "" : String(v)}>
                <option value="">—</option>
                ${(a.levels ?? []).map((l) => html`<option value=${l} ?selected=${v === l}>${l}</option>`)}
              </select>`
        }
      </div>`;
    })}
    <button type="submit" class="secondary">${w.save(p.therapist)}</button>
  </form>`;
}

/**
 * /therapist-data (coordinator: declare attributes, every therapist's values) and /my-profile (a therapist's own).
 *
 * @example
 * await therapistDataPage(ctx);
 */
export async function therapistDataPage(ctx: StaffContext): Promise<void> {
  const coordinator = ctx.me.role === "coordinator";
  const w = therapistDataText(ctx.lang);
  let error: unknown = null;
  let declared = await call<TherapistAttributesOut>(ctx, "GET", "/api/therapist-attributes");
  let profiles = await call<Profiles>(ctx, "GET", "/api/therapist-profiles");
  // The instrument library, for the coordinator's choice of a once-only therapist questionnaire.
  const { instruments } = coordinator
    ? await call<InstrumentsOut>(ctx, "GET", "/api/instruments")
    : { instruments: [] };
  const fresh = { code: "", label: "", kind: "numeric" as "numeric" | "categorical", levels: "" };
  // A therapist's once-only questionnaires still to answer (a coordinator answers none).
  let once = coordinator ? null : await loadOnce(declared.questionnaires, profiles.therapists[0]);
  const answeredOnce = (message: string) =>
    void act(async () => {
      profiles = await call<Profiles>(ctx, "GET", "/api/therapist-profiles");
      once = await loadOnce(declared.questionnaires, profiles.therapists[0]);
    }, message);
  ctx.setRefresh(null);

  const act = async (what: () => Promise<void>, said: string) => {
    error = null;
    try {
      await what();
      declared = await call<TherapistAttributesOut>(ctx, "GET", "/api/therapist-attributes");
      profiles = await call<Profiles>(ctx, "GET", "/api/therapist-profiles");
      draw();
      ctx.announce(said);
    } catch (err) {
      error = err;
      draw();
      focusError(ctx);
    }
  };
  const declare = (e: SubmitEvent) => {
    e.preventDefault();
    const levels = fresh.levels
      .split(",")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    void act(async () => {
      await call(ctx, "POST", "/api/therapist-attributes", {
        code: fresh.code.trim(),
        label: fresh.label.trim() || fresh.code.trim(),
        kind: fresh.kind,
        ...(fresh.kind === "categorical" ? { levels } : {}),
      });
      Object.assign(fresh, { code: "", label: "", levels: "" });
    }, w.added);
  };
  const saver = (p: TherapistProfileOut) => (values: Record<string, string | number | null>) =>
    act(async () => {
      await call(ctx, "PUT", `/api/therapists/${p.therapistId}/attributes`, { values });
    }, w.saved(p.therapist));

  const ask = (url: string) =>
    void act(async () => {
      await call(ctx, "POST", "/api/therapist-questionnaires", { questionnaire: url });
    }, w.questionnaireAdded);

  function declareForm(): TemplateResult {
    return html`<form class="card" @submit=${declare} aria-labelledby="declare-h">
      <h2 id="declare-h">${w.addAttribute}</h2>
      <p class="muted small">${w.columnHint1} <code>years_practice</code>${w.columnHint2}</p>
      <label for="attr-code">${w.columnName}</label>
      <input
        id="attr-code"
        type="text"
        .value=${fresh.code}
        @input=${(e: Event) => (fresh.code = (e.target as HTMLInputElement).value)}
      />
      <label for="attr-label">${w.label}</label>
      <input
        id="attr-label"
        type="text"
        .value=${fresh.label}
        @input=${(e: Event) => (fresh.label = (e.target as HTMLInputElement).value)}
      />
      <label for="attr-kind">${w.kind}</label>
      <select
        id="attr-kind"
        .value=${fresh.kind}
        @change=${(e: Event) => ((fresh.kind = (e.target as HTMLSelectElement).value as typeof fresh.kind), draw())}
      >
        <option value="numeric">${w.numeric}</option>
        <option value="categorical">${w.categorical}</option>
      </select>
      ${
        fresh.kind === "categorical"
          ? html`<label for="attr-levels">${w.levels}</label>
              <input
                id="attr-levels"
                type="text"
                .value=${fresh.levels}
                @input=${(e: Event) => (fresh.levels = (e.target as HTMLInputElement).value)}
              />`
          : nothing
      }
      <button class="primary" type="submit">${w.addButton}</button>
    </form>`;
  }

  function draw(): void {
    const attrs = declared.attributes;
    ctx.shell(
      coordinator ? w.coordinatorTitle : w.therapistTitle,
      // .coord: the coordinator pages' field styles (block labels, 44 px fields that fit a phone).
      html`<div class="coord">
        <h1>${coordinator ? w.coordinatorTitle : w.therapistTitle}</h1>
        <p class="lead">${coordinator ? w.coordinatorLead : w.therapistLead}</p>
        ${errorBox(error, w.notSaved)}
        ${
          attrs.length === 0
            ? html`<p>${w.noAttributes}</p>`
            : html`<ul class="plain">
                ${attrs.map(
                  (a) =>
                    html`<li>
                      <strong>${a.label}</strong> <code>${a.code}</code>
                      <span class="muted"
                        >${a.kind === "numeric" ? w.number : w.oneOf((a.levels ?? []).join(", "))}</span
                      >
                    </li>`,
                )}
              </ul>`
        }
        ${
          declared.questionnaires.length
            ? html`<p>
                ${w.askedOnce}
                ${declared.questionnaires.map((q, k) => html`${k ? ", " : ""}<span lang="en">${q.title}</span>`)}.
              </p>`
            : nothing
        }
        ${attrs.length ? profiles.therapists.map((p) => valueForm(ctx, w, attrs, p, saver(p))) : nothing}
        ${
          once
            ? onceSection({
                root: ctx.root,
                declared: declared.questionnaires,
                me: profiles.therapists[0],
                state: once,
                lang: ctx.lang,
                redraw: draw,
                saved: answeredOnce,
              })
            : nothing
        }
        ${coordinator ? declareForm() : nothing}
        ${coordinator ? questionnaireForm(w, instruments, declared.questionnaires, ask) : nothing}
      </div>`,
      true,
    );
  }
  draw();
}
