// "Send to the patient" beside a patient link on the therapist's page: the server e-mails the link (or
// texts it when the patient has only a phone number) and answers at once; the line under the button
// says how it left, or that it could not (no contact details, or sending not configured: copy it).
import { html, nothing, type TemplateResult } from "lit-html";
import type { DeliveryOut } from "@attune/api";
import { api } from "../api.ts";
import type { Lang } from "../i18n.ts";

const WORDS = {
  en: {
    send: "Send to the patient",
    email: "E-mailed to the patient (queued).",
    sms: "Sent to the patient by SMS (queued).",
    none: "Not sent: no e-mail address or phone number on file, or this server does not send messages. Copy the link instead.",
  },
  fr: {
    send: "Envoyer au patient",
    email: "Envoyé au patient par e-mail (en file d'attente).",
    sms: "Envoyé au patient par SMS (en file d'attente).",
    none: "Pas envoyé : aucune adresse e-mail ni numéro de téléphone, ou ce serveur n'envoie pas de messages. Copiez plutôt le lien.",
  },
};

/** What happened to each link sent from this page (by url), kept across redraws. */
const sent = new Map<string, string>();

/**
 * The send button and its result line for a link's url.
 *
 * @example
 * html`${sendLinkButton(m.url, ctx.lang, reload)}`
 */
export function sendLinkButton(url: string, lang: Lang, redraw: () => void): TemplateResult {
  const w = WORDS[lang === "fr" ? "fr" : "en"];
  const token = url.split("/r/")[1] ?? "";
  const send = async () => {
    try {
      const r = await api<{ delivery: DeliveryOut }>("POST", "/api/links/send", { token });
      sent.set(url, r.delivery ? (r.delivery.channel === "email" ? w.email : w.sms) : w.none);
    } catch (err) {
      sent.set(url, err instanceof Error ? err.message : String(err));
    }
    redraw();
  };
  const said = sent.get(url);
  return html`<button type="button" class="secondary" @click=${send}>${w.send}</button>
    ${said ? html`<p class="small" role="status" data-testid="link-sent">${said}</p>` : nothing}`;
}
