// The words of every message, in English and French: a subject, a plain-text body and a simple HTML
// body for e-mail, one short line for SMS. Every inserted value is HTML-escaped in the HTML body and
// kept on one line in subjects and SMS (a value never starts a header or a new paragraph).

export type MessageLang = "en" | "fr";

/** What a message says, per kind; `url` is always the one-time link or the page to open. */
export type MessageData =
  | {
      kind: "patient-link" | "patient-reminder";
      network: string;
      session: number;
      url: string;
      expiresAt: string;
    }
  | {
      kind: "therapist-reminder";
      network: string;
      name: string;
      url: string;
      due: { patient: string; session: number; late: boolean }[];
    }
  | { kind: "invitation"; network: string; name: string; url: string; expiresAt: string }
  | { kind: "password-reset"; network: string; name: string; url: string; expiresAt: string };

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('<b title="x">'); // "&lt;b title=&quot;x&quot;&gt;"
 */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}

/** One line: control characters (newlines included) become spaces, so a value cannot add lines or headers. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const line = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

const when = (iso: string, lang: MessageLang) =>
  new Intl.DateTimeFormat(lang === "fr" ? "fr-CH" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso)) + " UTC";

interface Words {
  subject: string;
  lines: string[];
  action: string;
  after: string[];
  sms: string;
}

function words(d: MessageData, lang: MessageLang): Words {
  const fr = lang === "fr";
  const net = line(d.network);
  switch (d.kind) {
    case "patient-link":
    case "patient-reminder": {
      const until = when(d.expiresAt, lang);
      const reminder = d.kind === "patient-reminder";
      return fr
        ? {
            subject: reminder
              ? `Rappel : votre questionnaire de la séance ${d.session}`
              : `Votre court questionnaire après la séance ${d.session}`,
            lines: [
              reminder
                ? `Votre questionnaire de la séance ${d.session} attend encore votre réponse.`
                : `Merci de répondre à quelques questions sur votre séance ${d.session} ; cela prend environ une minute.`,
              "Vos réponses aident votre thérapeute à adapter le travail ensemble.",
            ],
            action: "Ouvrir le questionnaire",
            after: [
              `Le lien fonctionne une fois, jusqu'au ${until}.`,
              "Si vous n'attendiez pas ce message, ignorez-le.",
            ],
            sms: `${net} : ${reminder ? "rappel, " : ""}votre questionnaire de la séance ${d.session} : ${d.url} (jusqu'au ${until})`,
          }
        : {
            subject: reminder
              ? `Reminder: your questionnaire for session ${d.session}`
              : `Your short questionnaire after session ${d.session}`,
            lines: [
              reminder
                ? `Your questionnaire for session ${d.session} is still waiting for your answers.`
                : `Please answer a few questions about your session ${d.session}; it takes about a minute.`,
              "Your answers help your therapist shape your work together.",
            ],
            action: "Open the questionnaire",
            after: [`The link works once, until ${until}.`, "If you did not expect this message, ignore it."],
            sms: `${net}: ${reminder ? "reminder, " : ""}your questionnaire for session ${d.session}: ${d.url} (until ${until})`,
          };
    }
    case "therapist-reminder": {
      const list = d.due.map((x) =>
        fr
          ? `Patient ${line(x.patient)}, séance ${x.session}${x.late ? " (en retard)" : ""}`
          : `Patient ${line(x.patient)}, session ${x.session}${x.late ? " (late)" : ""}`,
      );
      return fr
        ? {
            subject: `${d.due.length} évaluation(s) de séance à faire`,
            lines: [`Bonjour ${line(d.name)},`, "ces séances attendent encore votre évaluation :", ...list],
            action: "Ouvrir ma liste de patients",
            after: ["Message envoyé par la coordination du réseau."],
            sms: `${net} : ${d.due.length} évaluation(s) de séance à faire : ${d.url}`,
          }
        : {
            subject: `${d.due.length} session rating(s) to do`,
            lines: [`Hello ${line(d.name)},`, "these sessions are still waiting for your rating:", ...list],
            action: "Open my caseload",
            after: ["Sent by your network's coordinator."],
            sms: `${net}: ${d.due.length} session rating(s) to do: ${d.url}`,
          };
    }
    case "invitation": {
      const until = when(d.expiresAt, lang);
      return fr
        ? {
            subject: `${net} : votre compte attune`,
            lines: [
              `Bonjour ${line(d.name)},`,
              `la coordination de ${net} vous a créé un compte attune. Choisissez votre mot de passe pour le terminer.`,
            ],
            action: "Choisir mon mot de passe",
            after: [`Le lien fonctionne une fois, jusqu'au ${until}.`],
            sms: `${net} : choisissez votre mot de passe attune : ${d.url}`,
          }
        : {
            subject: `${net}: your attune account`,
            lines: [
              `Hello ${line(d.name)},`,
              `the coordinator of ${net} has made you an attune account. Choose your password to finish it.`,
            ],
            action: "Choose my password",
            after: [`The link works once, until ${until}.`],
            sms: `${net}: choose your attune password: ${d.url}`,
          };
    }
    case "password-reset": {
      const until = when(d.expiresAt, lang);
      return fr
        ? {
            subject: `${net} : nouveau mot de passe attune`,
            lines: [
              `Bonjour ${line(d.name)},`,
              "quelqu'un (vous, espérons-le) a demandé un nouveau mot de passe pour votre compte attune.",
            ],
            action: "Choisir un nouveau mot de passe",
            after: [
              `Le lien fonctionne une fois, jusqu'au ${until} ; il met fin à vos autres connexions.`,
              "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.",
            ],
            sms: `${net} : nouveau mot de passe attune : ${d.url}`,
          }
        : {
            subject: `${net}: a new attune password`,
            lines: [
              `Hello ${line(d.name)},`,
              "someone (we hope you) asked for a new password for your attune account.",
            ],
            action: "Choose a new password",
            after: [
              `The link works once, until ${until}; using it signs you out everywhere else.`,
              "If you did not ask for this, ignore this message: your password stays as it is.",
            ],
            sms: `${net}: a new attune password: ${d.url}`,
          };
    }
  }
}

/**
 * The subject, plain text, HTML and SMS line of a message in a language.
 *
 * @example
 * const m = renderMessage({ kind: "invitation", network: "North PRN", name: "Ann", url, expiresAt }, "fr");
 * m.subject; // "North PRN : votre compte attune"
 */
export function renderMessage(d: MessageData, lang: MessageLang): RenderedMessage {
  const w = words(d, lang);
  const url = line(d.url);
  const text = [...w.lines, "", `${w.action}: ${url}`, "", ...w.after, "", "— attune"].join("\n");
  const e = escapeHtml;
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(line(w.subject))}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;max-width:36em">` +
    w.lines.map((l) => `<p>${e(l)}</p>`).join("") +
    `<p><a href="${e(url)}" style="display:inline-block;padding:.6em 1em;background:#1f5f8b;color:#fff;` +
    `text-decoration:none;border-radius:4px">${e(w.action)}</a></p>` +
    `<p style="font-size:.9em;color:#444">${e(url)}</p>` +
    w.after.map((l) => `<p style="font-size:.9em;color:#444">${e(l)}</p>`).join("") +
    `</body></html>`;
  return { subject: line(w.subject), text, html, sms: line(w.sms) };
}
