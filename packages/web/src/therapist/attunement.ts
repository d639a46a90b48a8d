// The therapist's attunement profile: directional bias, temporal congruence and truth force (shrunken
// per-therapist estimates of the truth-and-bias model), each beside the network's spread.
import { explain } from "../help/explain.ts";
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { TherapistContext } from "./context.ts";
import type { Attunement } from "./types.ts";

/**
 * Fetches and draws the attunement profile.
 *
 * @example
 * await attunementPage(ctx);
 */
export async function attunementPage(ctx: TherapistContext): Promise<void> {
  const a = await api<Attunement>("GET", "/api/dashboard/attunement");
  ctx.setRefresh(null);
  ctx.setRedraw(() => drawAttunement(ctx, a));
  drawAttunement(ctx, a);
}

function drawAttunement(ctx: TherapistContext, a: Attunement): void {
  const { t, num } = ctx;
  const ta = t.attunement;
  const spread = (f: (x: Attunement["network"][number]) => number, d: number) => {
    const v = a.network
      .map(f)
      .filter(Number.isFinite)
      .sort((x, y) => x - y);
    return v.length
      ? ta.network(num.fmt(v[0], d), num.fmt(v.at(-1), d), num.fmt(v[Math.floor(v.length / 2)], d), v.length)
      : "";
  };
  ctx.shell(
    ta.title,
    html`<h1>${ta.title}</h1>
      <p class="lead">${ta.lead}</p>
      ${
        a.me
          ? html`<div class="grid2">
              <section class="card" aria-labelledby="bias-h">
                <h2 id="bias-h">${ta.biasH}</h2>
                ${explain("directional-bias", ctx.lang)}
                <p class="big-num">
                  ${num.signed(a.me.directionalBias.estimate)} <span class="muted">${ta.points}</span>
                </p>
                <p data-testid="bias-headline">
                  ${a.me.describes ? ta.at(a.me.describes.session, num.fmt(a.me.describes.patientRating)) : nothing}
                  ${a.me.directionalBias.estimate >= 0 ? ta.higher : ta.lower}
                  ${ta.interval(num.fmt(a.me.directionalBias.lower, 1), num.fmt(a.me.directionalBias.upper, 1))}
                </p>
                ${
                  a.me.observed
                    ? html`<p data-testid="bias-observed">
                        ${ta.observed(
                          a.me.observed.from,
                          a.me.observed.to,
                          a.me.observed.sessions,
                          a.me.observed.therapistHigher,
                          a.me.observed.patientHigher,
                          num.signed(a.me.observed.meanGap),
                        )}
                      </p>`
                    : nothing
                }
                <p class="muted">${ta.ideal(num.fmt(0))} ${spread((x) => x.directionalBias.estimate, 1)}.</p>
              </section>
              ${
                a.me.temporalCongruence
                  ? html`<section class="card" aria-labelledby="tc-h">
                      <h2 id="tc-h">${ta.tcH}</h2>
                      ${explain("temporal-congruence", ctx.lang)}
                      <p class="big-num">${num.fmt(a.me.temporalCongruence.estimate, 2)}</p>
                      <p>
                        ${ta.tc(
                          num.fmt(a.me.temporalCongruence.estimate * 10, 1),
                          num.fmt(a.me.temporalCongruence.lower, 2),
                          num.fmt(a.me.temporalCongruence.upper, 2),
                        )}
                      </p>
                      <p class="muted">
                        ${ta.ideal(num.fmt(1))}
                        ${spread((x) => x.temporalCongruence?.estimate ?? Number.NaN, 2)}.
                      </p>
                    </section>`
                  : nothing
              }
              <section class="card" aria-labelledby="tf-h">
                <h2 id="tf-h">${ta.tfH}</h2>
                ${explain("truth-force", ctx.lang)}
                <p class="big-num">${num.fmt(a.me.truthForce.estimate, 2)}</p>
                <p>
                  ${ta.tf(
                    num.fmt(a.me.truthForce.estimate * 10, 1),
                    num.fmt(a.me.truthForce.lower, 2),
                    num.fmt(a.me.truthForce.upper, 2),
                  )}
                </p>
                <p class="muted">${ta.ideal(num.fmt(1))} ${spread((x) => x.truthForce.estimate, 2)}.</p>
              </section>
            </div>`
          : html`<p>${ta.none}</p>`
      }`,
  );
}
