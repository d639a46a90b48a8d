// How each session was held (in person, video, phone) and the episode's end (date and reason), on the
// patient's page for the episode's therapist and the coordinator. Each change is one API call
// (PUT /api/sessions/{id}/modality, PUT|DELETE /api/episodes/{id}/end), audited on the server; the page
// says what happened in the shell's live region and keeps the values across live redraws.
import type { EpisodeOut, SessionOut } from "@attune/api";
import { html, nothing, type TemplateResult } from "lit-html";
import { api } from "../api.ts";
import type { Lang } from "../i18n.ts";
import type { TherapistContext } from "./context.ts";
import { localDay } from "./nextSession.ts";

/** The sessions and the episode as last read (by episode), and the last refusal, kept across redraws. */
const loaded = new Map<string, { sessions: SessionOut[]; episode: EpisodeOut }>();
const refused = new Map<string, string>();

const MODALITIES = ["in person", "video", "phone"] as const;
const REASONS = ["completed", "dropout", "referred", "other"] as const;

const WORDS = {
  en: {
    h: "Session format and end of therapy",
    session: "Session",
    date: "Date",
    held: "How it was held",
    notRecorded: "not recorded",
    modality: { "in person": "in person", video: "video", phone: "phone" } as Record<string, string>,
    reason: { completed: "completed", dropout: "dropout", referred: "referred on", other: "other" } as Record<
      string,
      string
    >,
    modalityFor: (n: number) => `How session ${n} was held`,
    saved: (n: number, m: string) => `Session ${n}: ${m} recorded.`,
    endH: "End of therapy",
    endDate: "Last day",
    endReason: "Reason",
    end: "End therapy",
    ended: (day: string, why: string) => `Therapy ended on ${day} (${why}).`,
    endedNow: (why: string) => `Therapy ended (${why}).`,
    reopen: "Reopen",
    reopened: "Therapy reopened.",
    failed: "Not saved:",
  },
  fr: {
    h: "Format des séances et fin de la thérapie",
    session: "Séance",
    date: "Date",
    held: "Format",
    notRecorded: "non renseigné",
    modality: { "in person": "en présentiel", video: "en visio", phone: "par téléphone" } as Record<
      string,
      string
    >,
    reason: {
      completed: "terminée",
      dropout: "abandon",
      referred: "orientée ailleurs",
      other: "autre",
    } as Record<string, string>,
    modalityFor: (n: number) => `Format de la séance ${n}`,
    saved: (n: number, m: string) => `Séance ${n} : ${m} enregistré.`,
    endH: "Fin de la thérapie",
    endDate: "Dernier jour",
    endReason: "Motif",
    end: "Terminer la thérapie",
    ended: (day: string, why: string) => `Thérapie terminée le ${day} (${why}).`,
    endedNow: (why: string) => `Thérapie terminée (${why}).`,
    reopen: "Rouvrir",
    reopened: "Thérapie rouverte.",
    failed: "Non enregistré :",
  },
};

/** The words of this card in a language. */
function words(lang: Lang) {
  return lang === "fr" ? WORDS.fr : WORDS.en;
}

/**
 * Reads an episode's sessions and end (call before drawing; the page awaits it with its own data).
 *
 * @example
 * await loadSessionFacts("ep_1");
 */
export async function loadSessionFacts(episodeId: string): Promise<void> {
  const id = encodeURIComponent(episodeId);
  const [list, episode] = await Promise.all([
    api<{ sessions: SessionOut[] }>("GET", `/api/episodes/${id}/sessions`),
    api<EpisodeOut>("GET", `/api/episodes/${id}`),
  ]);
  loaded.set(episodeId, { sessions: list.sessions, episode });
}

/**
 * The card: a modality choice per session, and the end of therapy (form, or the end with "Reopen").
 * `redraw` draws the page again from what is loaded.
 *
 * @example
 * html`${sessionFactsCard(ctx, dyad.episodeId, redraw)}`;
 */
export function sessionFactsCard(
  ctx: TherapistContext,
  episodeId: string,
  redraw: () => void,
): TemplateResult {
  const data = loaded.get(episodeId);
  if (!data) return html``;
  const w = words(ctx.lang);
  const error = refused.get(episodeId);
  const act = async (call: () => Promise<void>, said: string) => {
    try {
      await call();
      refused.delete(episodeId);
      ctx.announce(said);
    } catch (err) {
      refused.set(episodeId, err instanceof Error ? err.message : String(err));
    }
    redraw();
  };
  const setModality = (s: SessionOut, value: string) => {
    const modality = value === "" ? null : value;
    void act(
      async () => {
        const updated = await api<SessionOut>("PUT", `/api/sessions/${encodeURIComponent(s.id)}/modality`, {
          modality,
        });
        data.sessions = data.sessions.map((x) => (x.id === updated.id ? updated : x));
      },
      w.saved(s.number, modality === null ? w.notRecorded : (w.modality[modality] ?? modality)),
    );
  };
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/end` as const;
  const end = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const endedAt = (form.querySelector("#end-date") as HTMLInputElement).value;
    const reason = (form.querySelector("#end-reason") as HTMLSelectElement).value;
    void act(
      async () => {
        data.episode = await api<EpisodeOut>("PUT", path, { endedAt, reason });
      },
      w.endedNow(w.reason[reason] ?? reason),
    );
  };
  const reopen = () =>
    void act(async () => {
      data.episode = await api<EpisodeOut>("DELETE", path);
    }, w.reopened);
  const ep = data.episode;
  const day = (iso: string) =>
    new Intl.DateTimeFormat(ctx.lang, { dateStyle: "long" }).format(new Date(`${iso}T12:00:00`));
  return html`<section aria-labelledby="facts-h" class="card" data-testid="session-facts">
    <h2 id="facts-h">${w.h}</h2>
    ${
      error
        ? html`<p class="error-box" role="alert" data-testid="facts-failed">
            <strong>${w.failed}</strong> ${error}
          </p>`
        : nothing
    }
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="facts-h">
      <table>
        <thead>
          <tr>
            <th scope="col">${w.session}</th>
            <th scope="col">${w.date}</th>
            <th scope="col">${w.held}</th>
          </tr>
        </thead>
        <tbody>
          ${data.sessions.map(
            (s) =>
              html`<tr>
                <th scope="row">${s.number}</th>
                <td>${s.date ? day(s.date.slice(0, 10)) : "—"}</td>
                <td>
                  <select
                    aria-label=${w.modalityFor(s.number)}
                    data-session=${s.number}
                    @change=${(e: Event) => setModality(s, (e.target as HTMLSelectElement).value)}
                  >
                    <option value="" ?selected=${s.modality === null}>${w.notRecorded}</option>
                    ${MODALITIES.map(
                      (m) => html`<option value=${m} ?selected=${s.modality === m}>${w.modality[m]}</option>`,
                    )}
                  </select>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h3>${w.endH}</h3>
    ${
      ep.endReason
        ? html`<p data-testid="episode-ended">
            ${
              ep.endedAt
                ? w.ended(day(ep.endedAt), w.reason[ep.endReason] ?? ep.endReason)
                : w.endedNow(w.reason[ep.endReason] ?? ep.endReason)
            }
            <button type="button" class="secondary" @click=${reopen}>${w.reopen}</button>
          </p>`
        : html`<form class="inline-form" @submit=${end}>
            <label for="end-date">${w.endDate}</label>
            <input id="end-date" type="date" required .value=${localDay(new Date())} />
            <label for="end-reason">${w.endReason}</label>
            <select id="end-reason" required>
              ${REASONS.map((r) => html`<option value=${r}>${w.reason[r]}</option>`)}
            </select>
            <button type="submit" class="secondary">${w.end}</button>
          </form>`
    }
  </section>`;
}
