// One patient's page: open alerts before the next session, congruence, both alliance lines with rupture
// markers, well-being against its expected band, the therapist's own rating of the session held, the next
// session's link and the sessions table. New answers arrive live and redraw it without losing the rating in
// progress.
import { explain } from "../help/explain.ts";
import { html, nothing } from "lit-html";
import { api } from "../api.ts";
import type { Questionnaire } from "../patient/model.ts";
import { loadTherapistForms, newRating, ratingForm, type RatingState } from "../therapistRating.ts";
import { alertCard } from "./alertCard.ts";
import { dyadCharts } from "./dyadCharts.ts";
import { progressWords } from "@attune/core/progress";
import type { Numbers, TherapistContext } from "./context.ts";
import type { StaffText } from "../staffText.ts";
import { nextSession } from "./nextSession.ts";
import { sessionsTable } from "./sessionsTable.ts";
import { loadSessionFacts, sessionFactsCard } from "./sessionFacts.ts";
import type { Alert, Dyad, Point } from "./types.ts";
import { forViewer } from "./words.ts";

/** The therapist's rating in progress (kept while live updates redraw the page). */
let rating: RatingState | null = null;
/** A confirmation shown on the page until the next navigation (survives live refreshes). */
let flash = "";

/**
 * Forgets the confirmation shown on the patient's page (a navigation happened).
 *
 * @example
 * clearFlash();
 */
export function clearFlash(): void {
  flash = "";
}

/**
 * Fetches and draws one patient's page.
 *
 * @example
 * await episodePage(ctx, "ep_123");
 */
export async function episodePage(ctx: TherapistContext, id: string): Promise<void> {
  const d = await api<Dyad>("GET", `/api/dashboard/episodes/${encodeURIComponent(id)}`);
  // The server's rule, shared with the caseload's "rating due": a session made ahead does not take the form.
  const toRate = d.series.find((s) => s.sessionId === d.toRate);
  const forms = ctx.me.role === "therapist" && toRate ? await loadTherapistForms(d.forms.therapist) : [];
  await loadSessionFacts(id);
  if (toRate && rating?.sessionId !== toRate.sessionId) rating = newRating(toRate.sessionId);
  ctx.setRefresh(() => void episodePage(ctx, id));
  ctx.setRedraw(() => drawEpisode(ctx, d, forms, toRate));
  drawEpisode(ctx, d, forms, toRate);
}

/** Records the therapist's acknowledgement of an alert and redraws the page. */
async function acknowledge(ctx: TherapistContext, episodeId: string, a: Alert, note: string): Promise<void> {
  await api("POST", `/api/dashboard/episodes/${encodeURIComponent(episodeId)}/acknowledgements`, {
    kind: a.kind,
    session: a.session,
    // Each outcome form raises its own not on track: the acknowledgement names the form it is for.
    ...(a.kind === "not-on-track" && typeof a.why.form === "string" ? { form: a.why.form } : {}),
    ...(note ? { note } : {}),
  });
  flash = ctx.t.alert.acknowledgedNow;
  ctx.announce(ctx.t.alert.acknowledgedNow);
  await episodePage(ctx, episodeId);
}

/** Draws a patient's page from loaded data (typing in the rating form redraws without refetching). */
function drawEpisode(
  ctx: TherapistContext,
  d: Dyad,
  forms: Questionnaire[],
  toRate: Point | undefined,
): void {
  const { me, link, lang } = ctx;
  // A coordinator reads another therapist's patient: "you" names the therapist.
  const t = forViewer(ctx.t, lang, me.role === "therapist" ? null : d.therapistName);
  const notice = flash;
  const tp = t.patient;
  // The last session both rated (as the caseload): a session made ahead has no gap yet.
  const cong = d.congruence.filter((c) => c.gap !== null).at(-1) ?? d.congruence.at(-1);
  const gap = gapText(t, ctx.num, cong?.gap ?? null, cong?.direction ?? null);
  const { alliance, outcome, outcomeName } = dyadCharts(d, t);
  ctx.shell(
    tp.title(d.patientCode),
    html`<p>${link("/patients", tp.back)}</p>
      <h1>${tp.title(d.patientCode)}</h1>
      <p>${link(`/patients/${d.episodeId}/report`, progressWords(lang).open)}</p>
      ${notice ? html`<p class="ok-box" role="status">${notice}</p>` : nothing}
      <section aria-labelledby="now-h" class="card">
        <h2 id="now-h">${tp.before}</h2>
        ${
          d.openAlerts.length
            ? d.openAlerts.map((a) =>
                alertCard(ctx, a, (note) => void acknowledge(ctx, d.episodeId, a, note)),
              )
            : html`<p class="muted">${tp.noAlerts}</p>`
        }
        ${d.alerts
          .filter((a) => a.kind === "not-on-track" && a.clearedSession !== undefined)
          .slice(-1)
          .map((a) => alertCard(ctx, a))}
        <p class="congruence" data-testid="congruence">
          ${tp.congruence(cong ? String(cong.session) : "—")}
          <strong>${gap}</strong
          >${d.trend.label ? tp.trend(tp.trendLabel[d.trend.label] ?? d.trend.label) : nothing}
        </p>
      </section>
      <div class="grid2">
        <section aria-labelledby="al-h" class="card">
          <h2 id="al-h">${tp.allianceH}</h2>
          ${alliance}
        </section>
        <section aria-labelledby="wb-h" class="card">
          <h2 id="wb-h">${d.outcome.id === "wellbeing" ? tp.wellbeingH : outcomeName}</h2>
          ${outcome} ${explain("expected-band", ctx.lang)}
        </section>
      </div>
      ${
        me.role === "therapist" && toRate && rating
          ? ratingForm({
              forms,
              session: toRate,
              state: rating,
              root: ctx.root,
              lang,
              redraw: () => drawEpisode(ctx, d, forms, toRate),
              saved: (message) => {
                flash = message;
                rating = null;
                void episodePage(ctx, d.episodeId);
              },
            })
          : nothing
      }
      ${
        me.role === "therapist"
          ? nextSession(
              ctx,
              d,
              () => void episodePage(ctx, d.episodeId),
              () => drawEpisode(ctx, d, forms, toRate),
            )
          : nothing
      }
      ${sessionsTable(ctx, d, t)}
      ${sessionFactsCard(ctx, d.episodeId, () => drawEpisode(ctx, d, forms, toRate))}`,
  );
}

/** The last session's gap in words: who rated the alliance higher, and by how much. */
function gapText(t: StaffText, num: Numbers, gap: number | null, direction: string | null): string {
  if (gap === null) return t.patient.gapNone;
  if (direction === "agree") return t.patient.gapAgree(num.signed(gap));
  return direction === "therapist-higher"
    ? t.patient.gapYou(num.fmt(Math.abs(gap)))
    : t.patient.gapPatient(num.fmt(Math.abs(gap)));
}
