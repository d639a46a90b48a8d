// The alert calibration page (/alerts-calibration): what the network's own data set the alert thresholds
// to, the noise they rest on, and how many alerts they imply per therapist-week, so a coordinator can see
// whether the budget is one therapists can live with.
import { html, nothing } from "lit-html";
import type { CalibrationOut as Calibration } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { numbers } from "../staffLang.ts";
import { calibrationText } from "./calibrationText.ts";
import { ruptureStatisticCard } from "./ruptureStatisticCard.ts";

/** GET /api/dashboard/calibration and one form's noise in it (@attune/api). */
type Form = Calibration["forms"]["outcome"];

/** The coordinator's calibration page. */
export async function calibrationPage(ctx: StaffContext): Promise<void> {
  const c = await call<Calibration>(ctx, "GET", "/api/dashboard/calibration");
  ctx.setRefresh(null);
  const w = calibrationText(ctx.lang);
  const num = numbers(ctx.lang);
  const f = (v: number | null, d = 1) => num.fmt(v, d);
  const form = (name: string, x: Form) =>
    html`<tr>
      <th scope="row">${name}</th>
      <td>${x.forms}</td>
      <td>${f(x.withinSd)}</td>
      <td>${x.alpha === null ? w.noItems : w.alpha(f(x.alpha, 2), x.items)}</td>
      <td>${f(x.reliableChange)}</td>
    </tr>`;
  ctx.shell(
    w.title,
    html`<div class="coord">
      <h1 tabindex="-1">${w.title}</h1>
      <p class="lead">${w.lead(c.sessions, c.patients, c.therapists)}</p>
      <section class="card" aria-labelledby="implied-h">
        <h2 id="implied-h">${w.impliedH}</h2>
        <dl class="totals" data-testid="implied">
          <div>
            <dt>${w.implied.warnings}</dt>
            <dd>${f(c.implied.warningsPerTherapistWeek, 2)}</dd>
          </div>
          <div>
            <dt>${w.implied.rupture}</dt>
            <dd>${f(c.implied.rupturePer100Sessions, 1)}</dd>
          </div>
          <div>
            <dt>${w.implied.notOnTrack}</dt>
            <dd>${f(c.implied.notOnTrackPer100Sessions, 1)}</dd>
          </div>
          ${
            // A network following several outcome forms: what each form's not on track adds.
            c.implied.notOnTrackByForm.length > 1
              ? c.implied.notOnTrackByForm.map(
                  (x) =>
                    html`<div data-testid="implied-form">
                      <dt>
                        Not on track, ${x.form === "wellbeing" ? "well-being" : x.form.toUpperCase()} / 100
                        sessions
                      </dt>
                      <dd>${f(x.per100Sessions, 1)}</dd>
                    </div>`,
                )
              : nothing
          }
          <div>
            <dt>${w.implied.incongruence}</dt>
            <dd>${f(c.implied.incongruencePer100Sessions, 1)}</dd>
          </div>
        </dl>
        <p class="muted small">${w.replayed(c.therapistWeeks)}</p>
      </section>
      <section class="card" aria-labelledby="rupture-h">
        <h2 id="rupture-h">${w.ruptureH}</h2>
        <p data-testid="rupture-rule">
          ${w.ruptureRule(
            c.budget.falseRupturesPer100Sessions,
            f(c.rupture.zThreshold, 2),
            f(c.rupture.probabilityBar * 100, 0),
          )}
          ${
            c.rupture.status === "provisional"
              ? html`<strong>${w.provisional}</strong>${w.ruptureProvisional}`
              : nothing
          }
        </p>
        <div id="rupture-statistic-card" data-testid="rupture-statistic"></div>
        <p data-testid="rupture-model">
          ${w.ruptureModel(
            f(c.rupture.latent.meanCourse.session1To10),
            f(c.rupture.latent.noiseSd),
            f(c.rupture.latent.noiseWeightSessions, 0),
          )}
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rupture-h">
          <table data-testid="noise">
            <thead>
              <tr>
                ${w.noiseCols.map((h) => html`<th scope="col">${h}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${c.rupture.noiseByLevel.map(
                (b) =>
                  html`<tr>
                    <th scope="row">${f(b.upTo)}</th>
                    <td>${f(b.sd)}</td>
                    <td>${b.pairs}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="not-h">
        <h2 id="not-h">${w.notH}</h2>
        <p data-testid="not-rule">
          ${
            c.notOnTrack.status === "provisional"
              ? html`<strong>${w.provisional}</strong>${w.notProvisional}`
              : w.notRule(
                  c.notOnTrack.persistence,
                  f(c.notOnTrack.z, 2),
                  Math.round(c.notOnTrack.episodeFpr * 100),
                  c.notOnTrack.episodeLength,
                ) +
                (c.notOnTrack.shortEpisodes
                  ? w.notShort(
                      Math.round(c.notOnTrack.episodeFpr * 100),
                      Math.round(c.budget.notOnTrackEpisodeFpr * 100),
                    )
                  : "")
          }
        </p>
        <p class="muted small">
          ${w.model} <span lang=${ctx.lang === "en" ? nothing : "en"}>${c.notOnTrack.model.note}</span>
        </p>
      </section>
      <section class="card" aria-labelledby="forms-h">
        <h2 id="forms-h">${w.formsH}</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="forms-h">
          <table data-testid="forms">
            <thead>
              <tr>
                ${w.formCols.map((h) => html`<th scope="col">${h}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${form(w.forms.patient, c.forms.alliance_patient)}
              ${form(w.forms.therapist, c.forms.alliance_therapist)} ${form(w.forms.outcome, c.forms.outcome)}
            </tbody>
          </table>
        </div>
      </section>
    </div>`,
    true,
  );
  const card = document.getElementById("rupture-statistic-card");
  if (card) await ruptureStatisticCard(card, ctx.lang, (m) => ctx.announce(m));
}
