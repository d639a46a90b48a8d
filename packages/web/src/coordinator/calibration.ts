// The alert calibration page (/alerts-calibration): what the network's own data set the alert thresholds
// to, the noise they rest on, and how many alerts they imply per therapist-week, so a coordinator can see
// whether the budget is one therapists can live with.
import { html, nothing } from "lit-html";
import type { CalibrationOut as Calibration } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";

/** GET /api/dashboard/calibration and one form's noise in it (@attune/api). */
type Form = Calibration["forms"]["outcome"];

const f = (v: number | null, d = 1) => (v === null ? "—" : v.toFixed(d));

/** The coordinator's calibration page. */
export async function calibrationPage(ctx: StaffContext): Promise<void> {
  const c = await call<Calibration>(ctx, "GET", "/api/dashboard/calibration");
  ctx.setRefresh(null);
  const form = (name: string, x: Form) =>
    html`<tr>
      <th scope="row">${name}</th>
      <td>${x.forms}</td>
      <td>${f(x.withinSd)}</td>
      <td>${x.alpha === null ? "no items stored" : `${f(x.alpha, 2)} (${x.items} items)`}</td>
      <td>${f(x.reliableChange)}</td>
    </tr>`;
  ctx.shell(
    "Alert calibration",
    html`<div class="coord">
      <h1 tabindex="-1">Alert calibration</h1>
      <p class="lead">
        The alert thresholds are set from this network's own data (${c.sessions} sessions of ${c.patients}
        patients and ${c.therapists} therapists) to meet the network's alert budget, and refreshed as data
        grow. Points are on the 0–100 metric of each form's scale.
      </p>
      <section class="card" aria-labelledby="implied-h">
        <h2 id="implied-h">What the thresholds imply</h2>
        <dl class="totals" data-testid="implied">
          <div>
            <dt>Warnings per therapist-week</dt>
            <dd>${f(c.implied.warningsPerTherapistWeek, 2)}</dd>
          </div>
          <div>
            <dt>Rupture alerts / 100 sessions</dt>
            <dd>${f(c.implied.rupturePer100Sessions, 1)}</dd>
          </div>
          <div>
            <dt>Not on track / 100 sessions</dt>
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
            <dt>Incongruence / 100 sessions</dt>
            <dd>${f(c.implied.incongruencePer100Sessions, 1)}</dd>
          </div>
        </dl>
        <p class="muted small">
          Replayed on the network's history (${c.therapistWeeks} therapist-weeks). Warnings are rupture, not
          on track and incongruence alerts; resolved ruptures are information.
        </p>
      </section>
      <section class="card" aria-labelledby="rupture-h">
        <h2 id="rupture-h">Ruptures</h2>
        <p data-testid="rupture-rule">
          Budget: ${c.budget.falseRupturesPer100Sessions} false rupture alerts per 100 sessions. An alert
          needs a fall of the patient's alliance below their recent level of at least
          <strong>z = ${f(c.rupture.zThreshold, 2)}</strong> noise SDs (a probability of a true fall of
          ${f(c.rupture.probabilityBar * 100, 0)}%).
          ${
            c.rupture.status === "provisional"
              ? html`<strong>Provisional:</strong> too few sessions yet to estimate the noise; a default bar
                  is used.`
              : nothing
          }
        </p>
        <p data-testid="rupture-model">
          Each patient's level follows the network's mean course of the alliance
          (${f(c.rupture.latent.meanCourse.session1To10)} points from session 1 to session 10). Ordinary ups
          and downs: ${f(c.rupture.latent.noiseSd)} points (SD) for the network, weighed as
          ${f(c.rupture.latent.noiseWeightSessions, 0)} sessions against each patient's own. The noise by the
          patient's recent level, below, shows how the form's ceiling quiets patients near the top.
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rupture-h">
          <table data-testid="noise">
            <thead>
              <tr>
                <th scope="col">Recent level up to</th>
                <th scope="col">Noise SD (points)</th>
                <th scope="col">Session pairs</th>
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
        <h2 id="not-h">Not on track</h2>
        <p data-testid="not-rule">
          ${
            c.notOnTrack.status === "provisional"
              ? html`<strong>Provisional:</strong> the network does not yet have 30 patients with an intake
                  and 3 sessions, so no not-on-track alerts are raised; the built-in expected band is shown
                  only.`
              : html`An alert after ${c.notOnTrack.persistence} rated sessions in a row below the expected
                band's lower edge (mean − ${f(c.notOnTrack.z, 2)} SD), set so that about
                ${Math.round(c.notOnTrack.episodeFpr * 100)}% of patients on the expected course are flagged
                during a ${c.notOnTrack.episodeLength}-session episode. It clears itself when the patient is
                back inside the band.`
          }
        </p>
        <p class="muted small">Model: ${c.notOnTrack.model.note}</p>
      </section>
      <section class="card" aria-labelledby="forms-h">
        <h2 id="forms-h">Forms</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="forms-h">
          <table data-testid="forms">
            <thead>
              <tr>
                <th scope="col">Form</th>
                <th scope="col">Rated</th>
                <th scope="col">Session-to-session SD</th>
                <th scope="col">Reliability (α)</th>
                <th scope="col">Reliable change</th>
              </tr>
            </thead>
            <tbody>
              ${form("Patient's alliance", c.forms.alliance_patient)}
              ${form("Therapist's alliance", c.forms.alliance_therapist)} ${form("Outcome", c.forms.outcome)}
            </tbody>
          </table>
        </div>
      </section>
    </div>`,
  );
}
