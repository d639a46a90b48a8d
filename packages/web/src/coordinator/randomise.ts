// Randomisation on the study page: the form (block size, checked here and by the server) and every
// randomisation made, with its seed and the allocation by site, re-checked from the seed by the server.
import { html, nothing, type TemplateResult } from "lit-html";
import type { StaffContext } from "../context.ts";
import { blockSizeProblem } from "./checks.ts";
import { call } from "./http.ts";
import type { Randomisation, Randomisations, Site, Study, User } from "./types.ts";
import { errorBox, focusError, when } from "./ui.ts";

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
  const siteName = (id: string) => v.sites.find((s) => s.id === id)?.name ?? id;
  const allocated = new Set(v.randomisations.allocations.map((a) => a.therapistCode));
  const waiting = v.therapists.filter((t) => !allocated.has(t.code));
  const arms = v.study.arms.length;
  const bySite = new Map<string, string[]>();
  for (const t of waiting) {
    const k = t.siteId ? siteName(t.siteId) : "no site";
    bySite.set(k, [...(bySite.get(k) ?? []), t.code]);
  }

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get("block-size") ?? "");
    st.error = null;
    st.fieldError = blockSizeProblem(text, arms);
    st.confirming = st.fieldError ? null : Number(text);
    redraw();
    if (st.fieldError) ctx.root.querySelector<HTMLInputElement>("#block-size")?.focus();
    else ctx.root.querySelector<HTMLElement>("#rand-confirm-h")?.focus();
  };

  const cancel = () => {
    st.confirming = null;
    redraw();
    ctx.announce("Nothing was randomised.");
    ctx.root.querySelector<HTMLInputElement>("#block-size")?.focus();
  };

  const confirm = async (blockSize: number) => {
    st.confirming = null;
    try {
      await call(ctx, "POST", `/api/studies/${v.study.id}/randomisation`, { blockSize });
      ctx.announce("Randomisation done. The allocation is shown below.");
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
      <h3 id=${`rand-${i}`} tabindex="-1">Randomisation of ${when(r.madeAt)}</h3>
      <p class="reproduced ${r.reproduced ? "yes" : "no"}">
        Reproduced from the seed:
        <strong data-testid="reproduced">${r.reproduced ? "yes" : "NO"}</strong>${
          r.reproduced
            ? " — the server re-ran the allocation from the recorded seed and input and got exactly the stored one."
            : " — re-running it from the recorded seed gives a different allocation than the one stored."
        }
      </p>
      <dl class="facts">
        <div>
          <dt>Made by</dt>
          <dd>${r.madeBy}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>${when(r.madeAt)}</dd>
        </div>
        <div>
          <dt>Seed</dt>
          <dd data-testid="seed">${r.seed}</dd>
        </div>
        <div>
          <dt>Block size</dt>
          <dd>${r.blockSize}</dd>
        </div>
        <div>
          <dt>Algorithm</dt>
          <dd>${r.algorithm}</dd>
        </div>
      </dl>
      ${sites.map(
        (s) =>
          html`<div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=${s === "(no site)" ? "Therapists without a site" : `Site ${siteName(s)}`}
          >
            <table class="allocation" data-site=${siteName(s)}>
              <caption>
                ${s === "(no site)" ? "Therapists without a site" : `Site ${siteName(s)}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Therapist</th>
                  <th scope="col">Arm</th>
                  <th scope="col">Block</th>
                  <th scope="col">Place in block</th>
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
        <strong
          >Randomise ${waiting.length} therapist${waiting.length === 1 ? "" : "s"} in blocks of
          ${blockSize}?</strong
        >
        Each of them gets an arm now, and their patients with them. This cannot be undone or repeated for
        these therapists.
      </p>
      <div class="actions">
        <button class="primary" type="button" @click=${() => void confirm(blockSize)}>Yes, randomise</button>
        <button class="secondary" type="button" @click=${cancel}>Cancel</button>
      </div>
    </div>`;

  return html`<section class="card" aria-labelledby="rand-h">
    <h2 id="rand-h">Randomisation of therapists</h2>
    <p>
      Therapists (not patients) are randomised: each therapist's patients get the therapist's arm. Within each
      site, therapists are put in blocks; every block holds each arm equally often in a random order, so the
      arms stay balanced at every site.
    </p>
    <p>
      <strong>Concealment:</strong> the random seed is drawn by the server at the moment you press the button,
      so no one can know or choose an allocation in advance. The seed, block size, who and when are recorded,
      so anyone can re-run the allocation from the seed and check it. It cannot be undone.
    </p>
    ${
      waiting.length
        ? html`<p>
              Waiting to be randomised:
              <strong>${waiting.length}</strong> therapist${waiting.length === 1 ? "" : "s"}
              (${[...bySite].map(([s, codes]) => `${s}: ${codes.join(", ")}`).join("; ")}).
            </p>
            ${errorBox(st.error, "No randomisation was made.")}
            <form class="inline-form" @submit=${submit} novalidate>
              <div class="field">
                <label for="block-size">Block size (a multiple of the ${arms} arms)</label>
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
              <button class="primary" type="submit" ?disabled=${st.confirming !== null}>Randomise now</button>
            </form>
            ${st.confirming === null ? nothing : confirmBox(st.confirming)}`
        : html`<p class="muted">
              ${
                v.therapists.length
                  ? "Every therapist of the network is allocated in this study."
                  : html`The network has no therapists yet: ${ctx.link("/network", "invite them")} first.`
              }
            </p>
            ${errorBox(st.error, "No randomisation was made.")}`
    }
    ${
      v.randomisations.randomisations.length
        ? html`<h3 class="sub">Randomisations made</h3>
            ${[...v.randomisations.randomisations].reverse().map(one)}`
        : html`<p class="muted">No randomisation yet.</p>`
    }
  </section>`;
}
