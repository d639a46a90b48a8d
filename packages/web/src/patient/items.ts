// Rendering one form of the patient page: instructions and notices, groups, and each question as a
// fieldset whose legend is the question (labelled radios, a radio row, a line with a number field, ...).
import { html, nothing, type TemplateResult } from "lit-html";
import type { Strings } from "../i18n.ts";
import {
  controlOf,
  enabled,
  keyOf,
  numberAnswer,
  optionAnswer,
  parseNumber,
  type Answer,
  type Control,
  visibleQuestions,
  type QItem,
  type Questionnaire,
} from "./model.ts";

/** What the page gives the form renderer: the answers, typed drafts, and what to do on a change. */
export interface FormEnv {
  answers: Map<string, Answer>;
  /** Text typed in number fields, kept while it is not (yet) a valid number. */
  drafts: Map<string, string>;
  /** The patient pressed "Send" once: required questions left empty show their message. */
  tried: boolean;
  s: Strings;
  /** The form's texts in the language it is shown in. */
  t: {
    item: (i: QItem) => string;
    option: (o: NonNullable<QItem["answerOption"]>[number]) => string;
  };
  /** Number formatting in the form's language (6.4, or 6,4). */
  fmt: (v: number) => string;
  redraw: () => void;
}

/** The DOM id of an item's fieldset (focused when it needs an answer). */
export const itemId = (key: string): string => `q-${key.replace(/[^A-Za-z0-9]/g, "-")}`;

/** Puts the keyboard on an item's first input (the item that needs an answer). */
export function focusItem(root: HTMLElement, key: string): void {
  root
    .querySelector<HTMLElement>(`#${CSS.escape(itemId(key))}`)
    ?.querySelector<HTMLElement>("input, textarea")
    ?.focus();
}

/** Whether forms can be sent now; otherwise what stops them and the item to focus. */
export type SendCheck =
  | { kind: "ok" }
  | { kind: "problems"; count: number; first: string }
  | { kind: "skipped"; count: number; first: string };

/**
 * The check before sending: a required question left empty or a bad typed number stops it; unanswered
 * optional questions stop it once (not by accident), so a second press with the same `warnedAbout` count
 * sends.
 *
 * @example
 * const c = sendCheck(forms, answers, (q) => env(true, q), lastWarned);
 */
export function sendCheck(
  forms: readonly Questionnaire[],
  answers: ReadonlyMap<string, Answer>,
  envFor: (q: Questionnaire) => FormEnv,
  warnedAbout: number | null,
): SendCheck {
  const all = forms.flatMap((q) => visibleQuestions(q, answers).map((i) => ({ q, i })));
  const bad = all.filter(({ q, i }) => problemOf(envFor(q), q, i) !== null);
  if (bad.length) return { kind: "problems", count: bad.length, first: keyOf(bad[0]!.q, bad[0]!.i) };
  const skipped = all.filter(({ q, i }) => !answers.has(keyOf(q, i)));
  if (skipped.length && warnedAbout !== skipped.length)
    return { kind: "skipped", count: skipped.length, first: keyOf(skipped[0]!.q, skipped[0]!.i) };
  return { kind: "ok" };
}

/** An item's problem to show now: a required question left empty (after Send), or a bad typed number. */
export function problemOf(env: FormEnv, q: Questionnaire, i: QItem): string | null {
  const k = keyOf(q, i);
  const c = controlOf(i);
  const draft = env.drafts.get(k);
  if ((c.kind === "slider" || c.kind === "number") && draft !== undefined && draft.trim() !== "") {
    if (!parseNumber(draft, c).ok) return badNumber(env, c);
  }
  if (env.tried && i.required === true && !env.answers.has(k))
    return c.kind === "slider" ? env.s.requiredMark : env.s.required;
  return null;
}

const badNumber = (env: FormEnv, c: Extract<Control, { kind: "slider" | "number" }>) =>
  env.s.badNumber(
    c.min !== undefined ? env.fmt(c.min) : "−∞",
    c.max !== undefined ? env.fmt(c.max) : "∞",
    c.decimals,
  );

/** The items of a form (or of a group), hidden ones left out. */
export function renderItems(env: FormEnv, q: Questionnaire, items: QItem[] | undefined): TemplateResult[] {
  return (items ?? []).filter((i) => enabled(q, i, env.answers)).map((i) => renderItem(env, q, i));
}

function renderItem(env: FormEnv, q: Questionnaire, i: QItem): TemplateResult {
  const c = controlOf(i);
  if (c.kind === "display") return html`<p class="instructions">${env.t.item(i)}</p>`;
  if (c.kind === "group") {
    const id = itemId(keyOf(q, i));
    const title = env.t.item(i);
    // A group is not a fieldset: one fieldset per question keeps "one question, one group of radios".
    return html`<div class="q-group" role="group" aria-labelledby=${title ? `${id}-h` : nothing}>
      ${title ? html`<h3 id=${`${id}-h`}>${title}</h3>` : nothing} ${renderItems(env, q, i.item)}
    </div>`;
  }
  const k = keyOf(q, i);
  const id = itemId(k);
  const problem = problemOf(env, q, i);
  const set = (a: Answer | undefined) => {
    if (a) env.answers.set(k, a);
    else env.answers.delete(k);
    env.redraw();
  };
  const legend = html`<legend id=${`${id}-q`}>
    ${i.prefix ? html`<span class="prefix">${i.prefix}.</span> ` : nothing}${env.t.item(i)}
  </legend>`;
  return html`<fieldset
      id=${id}
      class="item ${problem ? "bad" : ""} ${c.kind}"
      aria-describedby=${problem ? `${id}-err` : nothing}
    >
      ${legend} ${control(env, q, i, c, k, id, set)}
      ${problem ? html`<p class="field-error" id=${`${id}-err`}>${problem}</p>` : nothing}
    </fieldset>
    ${(i.item ?? []).length ? renderItems(env, q, i.item) : nothing}`;
}

function control(
  env: FormEnv,
  q: Questionnaire,
  i: QItem,
  c: Control,
  k: string,
  id: string,
  set: (a: Answer | undefined) => void,
): TemplateResult | typeof nothing {
  const s = env.s;
  const chosen = env.answers.get(k);
  switch (c.kind) {
    case "options": {
      const opts = i.answerOption ?? [];
      const labelled = opts.some((o) => o.valueCoding?.display !== undefined);
      return html`<div class=${labelled ? "choices" : "scale"}>
        ${opts.map((o) => {
          const a = optionAnswer(o);
          return html`<label class="opt ${labelled ? "choice" : ""}">
            <input
              type="radio"
              name=${k}
              value=${String(a.value)}
              .checked=${chosen?.value === a.value}
              @change=${() => set(a)}
            />
            <span>${env.t.option(o)}</span>
          </label>`;
        })}
      </div>`;
    }
    case "row": {
      const values = Array.from({ length: c.max - c.min + 1 }, (_, j) => c.min + j);
      return html`<div class="scale ${values.length > 7 ? "wide" : ""}">
          ${values.map(
            (v) =>
              html`<label class="opt">
                <input
                  type="radio"
                  name=${k}
                  value=${v}
                  .checked=${chosen?.value === v}
                  aria-label=${v === c.min ? `${v} – ${s.low}` : v === c.max ? `${v} – ${s.high}` : String(v)}
                  @change=${() => set(numberAnswer(i, v, 0))}
                />
                <span>${v}</span>
              </label>`,
          )}
        </div>
        <div class="ends" aria-hidden="true"><span>${s.low}</span><span>${s.high}</span></div>`;
    }
    case "slider":
    case "number": {
      const draft = env.drafts.get(k);
      const typed = draft ?? (typeof chosen?.value === "number" ? env.fmt(chosen.value) : "");
      const onType = (e: Event) => {
        const raw = (e.target as HTMLInputElement).value;
        env.drafts.set(k, raw);
        const p = parseNumber(raw, c);
        set(p.ok ? numberAnswer(i, p.value, c.decimals) : undefined);
      };
      const field = html`<div class="num-field">
        <label for=${`${id}-n`}>${c.kind === "slider" ? s.yourMark : s.yourMark}</label>
        <input
          id=${`${id}-n`}
          type="text"
          inputmode=${c.decimals > 0 ? "decimal" : "numeric"}
          autocomplete="off"
          .value=${typed}
          aria-describedby=${`${id}-range`}
          @input=${onType}
        />
        <span class="muted small" id=${`${id}-range`}
          >${c.min !== undefined && c.max !== undefined ? `${env.fmt(c.min)} – ${env.fmt(c.max)}` : ""}</span
        >
      </div>`;
      if (c.kind === "number") return field;
      const step = 1 / 10 ** c.decimals;
      const v = typeof chosen?.value === "number" ? chosen.value : undefined;
      const mark = (e: Event) => {
        const raw = Number((e.target as HTMLInputElement).value);
        env.drafts.delete(k);
        set(numberAnswer(i, raw, c.decimals));
      };
      return html`<div class="vas ${v === undefined ? "unset" : ""}">
          <input
            type="range"
            min=${c.min}
            max=${c.max}
            step=${step}
            .value=${String(v ?? (c.min + c.max) / 2)}
            aria-labelledby=${`${id}-q`}
            aria-valuetext=${v === undefined ? s.notMarked : env.fmt(v)}
            @input=${mark}
            @click=${mark}
          />
          <div class="ends" aria-hidden="true">
            <span>${env.fmt(c.min)}</span>
            <span class=${v === undefined ? "vas-state" : "vas-state set"}
              >${v === undefined ? s.notMarked : env.fmt(v)}</span
            >
            <span>${env.fmt(c.max)}</span>
          </div>
        </div>
        ${field}`;
    }
    case "boolean":
      return html`<div class="scale">
        ${[true, false].map(
          (b) =>
            html`<label class="opt">
              <input
                type="radio"
                name=${k}
                value=${String(b)}
                .checked=${chosen?.value === b}
                @change=${() => set({ value: b, fhir: { valueBoolean: b } })}
              />
              <span>${b ? s.yes : s.no}</span>
            </label>`,
        )}
      </div>`;
    case "text": {
      const onText = (e: Event) => {
        const v = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
        set(v.trim() ? { value: v, fhir: { valueString: v } } : undefined);
      };
      return c.long
        ? html`<textarea
            aria-labelledby=${`${id}-q`}
            .value=${String(chosen?.value ?? "")}
            @input=${onText}
          ></textarea>`
        : html`<input
            type="text"
            aria-labelledby=${`${id}-q`}
            .value=${String(chosen?.value ?? "")}
            @input=${onText}
          />`;
    }
    default:
      return nothing;
  }
}
