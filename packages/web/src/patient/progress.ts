// The patient's own progress on the thank-you page (issue 14 item 8): their well-being and their alliance
// over their sessions, each on its form's own scale, with which way is better in plain words, and a table
// with the same numbers (the charts' text alternative). Only what GET /api/r/{token}/progress gives: the
// server sends it only if the network shares it, for this link's patient, right after the send.
import { html, nothing, type TemplateResult } from "lit-html";
import type { PatientProgressOut } from "@attune/api";
import { api } from "../api.ts";
import { lineChart } from "../charts.ts";
import type { Lang } from "../i18n.ts";
import { progressText } from "./progressText.ts";
import "./progress.css";

export type PatientProgress = PatientProgressOut;

/**
 * Asks for the progress of link `token`; null when there is none to show (the network does not share it,
 * the window has passed, or the request failed: the thank-you page then stays as it was).
 *
 * @example
 * const progress = await loadProgress(token); // null unless the network shares progress
 */
export async function loadProgress(token: string): Promise<PatientProgress | null> {
  try {
    return await api<PatientProgress>("GET", `/api/r/${encodeURIComponent(token)}/progress`);
  } catch {
    return null;
  }
}

/**
 * The progress section: a chart per series (skipped when the patient never answered that form), then
 * the table.
 *
 * @example
 * render(progressSection(progress, "en"), el);
 */
export function progressSection(p: PatientProgress, lang: Lang): TemplateResult {
  const t = progressText(lang);
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const fmt = (v: number | null) => (v === null ? t.none : nf.format(v));
  // The clinic's calendar day as written (no shift through the reader's time zone).
  const df = new Intl.DateTimeFormat(lang, { dateStyle: "short", timeZone: "UTC" });
  const day = (d: string | null) => (d ? df.format(new Date(`${d}T00:00:00Z`)) : t.none);
  const xMax = p.sessions.at(-1)?.session ?? 1;
  const answered = p.sessions.filter((s) => s.wellbeing !== null || s.alliance !== null).length;
  const chart = (
    id: string,
    title: string,
    direction: string,
    scale: { min: number; max: number },
    cls: string,
    pick: (s: PatientProgress["sessions"][number]) => number | null,
  ) => {
    const points = p.sessions.filter((s) => pick(s) !== null);
    const said = `${direction} ${t.scale(nf.format(scale.min), nf.format(scale.max))}`;
    return html`<section class="progress-chart" aria-labelledby="${id}-h">
      <h3 id="${id}-h">${title}</h3>
      <p class="muted">${said}</p>
      ${lineChart({
        id,
        title,
        desc: `${said} ${t.desc(points.map((s) => t.point(s.session, fmt(pick(s)))).join(", "))}`,
        xMax,
        y: scale,
        lines: [{ label: title, cls, points: p.sessions.map((s) => ({ x: s.session, y: pick(s) })) }],
      })}
    </section>`;
  };
  return html`<section class="card own-progress" aria-labelledby="own-progress-h">
    <h2 id="own-progress-h">${t.heading}</h2>
    <p class="muted">${t.lead}</p>
    ${answered <= 1 ? html`<p>${t.first}</p>` : nothing}
    ${
      p.wellbeing
        ? chart(
            "own-wellbeing",
            t.wellbeingTitle,
            p.wellbeing.higherIsBetter ? t.wellbeingUp : t.wellbeingDown,
            p.wellbeing,
            "outcome",
            (s) => s.wellbeing,
          )
        : nothing
    }
    ${
      p.alliance
        ? chart("own-alliance", t.allianceTitle, t.allianceUp, p.alliance, "patient", (s) => s.alliance)
        : nothing
    }
    <div class="table-wrap" tabindex="0" role="region" aria-label=${t.tableCaption}>
      <table>
        <caption>
          ${t.tableCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.session}</th>
            <th scope="col">${t.date}</th>
            ${p.wellbeing ? html`<th scope="col">${t.feeling}</th>` : nothing}
            ${p.alliance ? html`<th scope="col">${t.together}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${p.sessions.map(
            (s) =>
              html`<tr>
                <th scope="row">${s.session}</th>
                <td>${day(s.date)}</td>
                ${p.wellbeing ? html`<td>${fmt(s.wellbeing)}</td>` : nothing}
                ${p.alliance ? html`<td>${fmt(s.alliance)}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
