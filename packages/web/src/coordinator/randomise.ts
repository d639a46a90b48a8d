// Randomisation on the study page: the form (block size, checked here and by the server) and every
// randomisation made, with its seed and the allocation by site, re-checked from the seed by the server.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { blockSizeProblem } from "./checks.ts";
import { call } from "./http.ts";
import type { Randomisation, Randomisations, Site, Study, User } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";
import { randomiseText } from "./randomiseText.ts";

export interface RandomiseView {
  study: Study;
  sites: Site[];
  therapists: User[];
  randomisations: Randomisations;
}

/**
 * What the section remembers between redraws. `confirming` holds the checked block size while the
 * coordinator is asked to confirm: randomisation cannot be undone, so one click never makes one.
 */
export interface RandomiseState {
  error: unknown;
  fieldError: string | null;
  confirming: number | null;
}

/** The randomisation section; `reload` refetches the page after a randomisation. */
export function randomiseSection(
  ctx: StaffContext,
  v: RandomiseView,
  st: RandomiseState,
  redraw: () => void,
  reload: () => Promise<void>,
): TemplateResult {
  const w = randomiseText(ctx.lang);
  const siteName = (id: string) => v.sites.find((s) => s.id === id)?.name ?? id;
  const allocated = new Set(v.randomisations.allocations.map((a) => a.therapistCode));
  const waiting = v.therapists.filter((t) => !allocated.has(t.code));
  const arms = v.study.arms.length;
  const bySite = new Map<string, string[]>();
  for (const t of waiting) {
    const k = t.siteId ? siteName(t.siteId) : w.noSite;
    bySite.set(k, [...(bySite.get(k) ?? []), t.code]);
  }

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get("block-size") ?? "");
    st.error = null;
    st.fieldError = blockSizeProblem(text, arms, ctx.lang);
    st.confirming = st.fieldError ? null : Number(text);
    redraw();
    if (st.fieldError) ctx.root.querySelector<HTMLInputElement>("#block-size")?.focus();
    else ctx.root.querySelector<HTMLElement>("#rand-confirm-h")?.focus();
  };

  const cancel = () => {
    st.confirming = null;
    redraw();
    ctx.announce(w.cancelled);
    ctx.root.querySelector<HTMLInputElement>("#block-size")?.focus();
  };

  const confirm = async (blockSize: number) => {
    st.confirming = null;
    try {
      await call(ctx, "POST", `/api/studies/${v.study.id}/randomisation`, { blockSize });
      ctx.announce(w.done);
      await reload();
      ctx.root.querySelector<HTMLElement>("#rand-0")?.focus();
      return;
    } catch (err) {
      st.error = err;
    }
    redraw();
    focusError(ctx);
  };

  const armLabel = (code: string) => {
    const a = v.study.arms.find((x) => x.code === code);
    return a ? `${a.code} — ${a.name}` : code;
  };

  const one = (r: Randomisation, i: number): TemplateResult => {
    const sites = [...new Set(r.allocations.map((a) => a.site))].sort();
    return html`<article class="randomisation" aria-labelledby=${`rand-${i}`}>
      <h3 id=${`rand-${i}`} tabindex="-1">${w.of(when(r.madeAt, ctx.lang))}</h3>
      <p class="reproduced ${r.reproduced ? "yes" : "no"}">
        ${w.reproduced}
        <strong data-testid="reproduced">${w.yesNo(r.reproduced)}</strong>${
          r.reproduced ? w.reproducedYes : w.reproducedNo
        }
      </p>
      <dl class="facts">
        <div>
          <dt>${w.facts.by}</dt>
          <dd>${r.madeBy}</dd>
        </div>
        <div>
          <dt>${w.facts.when}</dt>
          <dd>${when(r.madeAt, ctx.lang)}</dd>
        </div>
        <div>
          <dt>${w.facts.seed}</dt>
          <dd data-testid="seed">${r.seed}</dd>
        </div>
        <div>
          <dt>${w.facts.block}</dt>
          <dd>${r.blockSize}</dd>
        </div>
        <div>
          <dt>${w.facts.algorithm}</dt>
          <dd>${r.algorithm}</dd>
        </div>
      </dl>
      ${sites.map(
        (s) =>
          html`<div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=${s === "(no site)" ? w.noSiteGroup : w.site(siteName(s))}
          >
            <table class="allocation" data-site=${siteName(s)}>
              <caption>
                ${s === "(no site)" ? w.noSiteGroup : w.site(siteName(s))}
              </caption>
              <thead>
                <tr>
                  ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${r.allocations
                  .filter((a) => a.site === s)
                  .map(
                    (a) =>
                      html`<tr>
                        <th scope="row">${a.therapistCode}</th>
                        <td data-arm=${a.arm}>${armLabel(a.arm)}</td>
                        <td>${a.block}</td>
                        <td>${a.position}</td>
                      </tr>`,
                  )}
              </tbody>
            </table>
          </div>`,
      )}
    </article>`;
  };

  const confirmBox = (blockSize: number) =>
    html`<div class="confirm-box" role="group" aria-labelledby="rand-confirm-h">
      <p id="rand-confirm-h" tabindex="-1">
        <strong>${w.confirmQ(waiting.length, blockSize)}</strong>
        ${w.confirmWhy}
      </p>
      <div class="actions">
        <button class="primary" type="button" @click=${() => void confirm(blockSize)}>${w.yes}</button>
        <button class="secondary" type="button" @click=${cancel}>${w.cancel}</button>
      </div>
    </div>`;

  return html`<section class="card" aria-labelledby="rand-h">
    <h2 id="rand-h">${w.heading}</h2>
    <p>${w.how}</p>
    <p>${w.concealment}</p>
    ${
      waiting.length
        ? html`<p>
              ${w.waiting(
                waiting.length,
                [...bySite].map(([s, codes]) => `${s}: ${codes.join(", ")}`).join("; "),
              )}
            </p>
            ${errorBox(st.error, w.notMade)}
            <form class="inline-form" @submit=${submit} novalidate>
              <div class="field">
                <label for="block-size">${w.blockSize(arms)}</label>
                <input
                  id="block-size"
                  name="block-size"
                  type="number"
                  inputmode="numeric"
                  min="2"
                  max="24"
                  step=${arms}
                  value=${String(arms * 2)}
                  class="short"
                  aria-invalid=${st.fieldError ? "true" : "false"}
                  aria-describedby=${st.fieldError ? "block-size-error" : nothing}
                />
                ${
                  st.fieldError
                    ? html`<p id="block-size-error" class="field-error" role="alert">${st.fieldError}</p>`
                    : nothing
                }
              </div>
              <button class="primary" type="submit" ?disabled=${st.confirming !== null}>${w.now}</button>
            </form>
            ${st.confirming === null ? nothing : confirmBox(st.confirming)}`
        : html`<p class="muted">
              ${v.therapists.length ? w.allDone : w.noTherapists(ctx.link("/network", w.invite))}
            </p>
            ${errorBox(st.error, w.notMade)}`
    }
    ${
      v.randomisations.randomisations.length
        ? html`<h3 class="sub">${w.made}</h3>
            ${[...v.randomisations.randomisations].reverse().map(one)}`
        : html`<p class="muted">${w.none}</p>`
    }
  </section>`;
}
