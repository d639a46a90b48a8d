// One alert as a card: what happened, when, how serious, whether it cleared or was acknowledged, what the
// research suggests, and (folded) why it fired with the evidence behind the rule.
import { html, nothing, type TemplateResult } from "lit-html";
import type { TherapistContext } from "./context.ts";
import type { Alert } from "./types.ts";

/**
 * The card of one alert. `acknowledge` is offered to the therapist on their patient's page (not on a
 * cleared alert shown for the record, nor to a coordinator), with an optional note for the record.
 *
 * @example
 * alertCard(ctx, alert, (note) => void acknowledge(alert, note));
 */
export function alertCard(
  ctx: TherapistContext,
  a: Alert,
  acknowledge?: (note: string) => void,
): TemplateResult {
  const { t, num, lang } = ctx;
  // An alert's "why" key in words: the language's label, else the key spelled out ("dropFromMean").
  const whyLabel = (k: string) => t.whyLabel[k] ?? k.replace(/([A-Z])/g, " $1").toLowerCase();
  const whyValue = (v: number | string | boolean) =>
    typeof v === "number" ? num.short(v) : (t.whyValue[String(v)] ?? String(v));
  const why = Object.entries(a.why).flatMap(([k, v]) =>
    v === null
      ? []
      : [
          html`<li>
            <span>${whyLabel(k)}</span>
            <b>${whyValue(v)}</b>
          </li>`,
        ],
  );
  // Not on track comes from each outcome form the network follows: name the form, so two alerts of one
  // session (PHQ-9's and the well-being form's) have their own note and button.
  const form = a.kind === "not-on-track" && typeof a.why.form === "string" ? a.why.form : "";
  const formName = form ? ` (${form === "wellbeing" ? t.patient.wellbeingH : form.toUpperCase()})` : "";
  const noteId = `ack-note-${a.kind}-${a.session}${form ? `-${form.replace(/[^A-Za-z0-9_-]/g, "_")}` : ""}`;
  return html`<article class="alert ${a.kind} ${a.severity}">
    <h3>
      ${t.kind[a.kind] ?? a.kind}
      <span class="muted"
        >· ${t.alert.session(a.session)}${a.date ? ` ${t.alert.dated(a.date)}` : ""} ·
        ${t.severity[a.severity] ?? a.severity}</span
      >
    </h3>
    <p>${a.message[lang]}</p>
    ${
      a.clearedSession !== undefined
        ? html`<p class="ok-box" data-testid="cleared">
            ${t.alert.cleared(a.clearedSession, a.clearedDate ?? "")}
          </p>`
        : nothing
    }
    ${
      a.acknowledged
        ? html`<p class="muted" data-testid="acknowledged">
              ${t.alert.acknowledged(a.acknowledged.at.slice(0, 10))}
            </p>
            ${a.acknowledged.note ? html`<p class="ack-note">${t.alert.note(a.acknowledged.note)}</p>` : nothing}`
        : acknowledge && ctx.me.role === "therapist"
          ? html`<div class="ack">
              <label for=${noteId}>${t.alert.noteLabel}</label>
              <textarea id=${noteId} rows="2" maxlength="2000"></textarea>
              <p>
                <button
                  type="button"
                  class="secondary"
                  aria-label=${t.alert.acknowledgeLabel(`${t.kind[a.kind] ?? a.kind}${formName}`, a.session)}
                  @click=${() =>
                    acknowledge(
                      ctx.root.querySelector<HTMLTextAreaElement>(`#${noteId}`)?.value.trim() ?? "",
                    )}
                >
                  ${t.alert.acknowledge}
                </button>
              </p>
            </div>`
          : nothing
    }
    <p><strong>${t.alert.helps}</strong> ${a.suggestion[lang]}</p>
    <details>
      <summary>${t.alert.why}</summary>
      <ul class="why">
        ${why}
      </ul>
      <p class="muted small" lang=${lang === "en" ? nothing : "en"}>${a.evidence}</p>
    </details>
  </article>`;
}
