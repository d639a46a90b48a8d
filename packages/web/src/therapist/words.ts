// Words of the therapist's section that depend on who looks (a coordinator reading another therapist's
// patient is not "you") and the words of the next-session link card, in English and French. The rest of
// the therapist's words are in ../staffText.ts.
import type { Lang } from "../i18n.ts";
import type { StaffText } from "../staffText.ts";

/**
 * The staff words as seen by someone who is not the patient's therapist: "Your alliance" and
 * "Gap (you − patient)" name the therapist instead. `therapist` null keeps the therapist's own words.
 *
 * @example
 * forViewer(staffText("en"), "en", "Dr Ada Byrne").patient.yourView; // "Dr Ada Byrne's view"
 */
export function forViewer(t: StaffText, lang: Lang, therapist: string | null): StaffText {
  if (therapist === null) return t;
  const n = therapist;
  const fr = lang === "fr";
  const cols = [...t.patient.cols];
  cols[2] = fr ? "Alliance (thérapeute)" : "Therapist alliance";
  cols[3] = fr ? "Écart (thérapeute − patient)" : "Gap (therapist − patient)";
  return {
    ...t,
    caseload: {
      ...t.caseload,
      yourAlliance: fr ? "Alliance (thérapeute)" : "Therapist alliance",
      due: fr ? "Évaluation du thérapeute attendue" : "Therapist's rating due",
    },
    patient: {
      ...t.patient,
      gapAgree: (g) =>
        fr ? `${n} et le patient sont d'accord (écart ${g})` : `${n} and the patient agree (gap ${g})`,
      gapYou: (v) =>
        fr
          ? `${n} évalue ${v} points plus haut que le patient`
          : `${n} rates ${v} points higher than the patient`,
      gapPatient: (v) =>
        fr
          ? `le patient évalue ${v} points plus haut que ${n}`
          : `the patient rates ${v} points higher than ${n}`,
      allianceH: fr
        ? `Alliance : le point de vue de ${n} et celui du patient`
        : `Alliance: ${n}'s view and the patient's`,
      yourView: fr ? `Point de vue de ${n}` : `${n}'s view`,
      cols,
    },
  };
}

const EN = {
  linkFor: (n: number) => `Link for session ${n}`,
  reused: (n: number) =>
    `Session ${n} was already made today and has no answers yet: this is a new link for it (the earlier one still works).`,
  expires: (when: string) => `Works once, until ${when}.`,
  date: "Session day",
  time: "Time (optional)",
  opens: (day: string) =>
    `Opens on ${day}, the session's day: before then the patient sees when it opens, in English or French.`,
  copy: "Copy the link",
  copied: "Link copied.",
  copyFailed: "Copying is blocked in this browser: select the link and copy it by hand.",
  qr: (n: number) => `QR code of the link for session ${n}, for the patient to scan with a phone`,
  failed: "No session and no link were made.",
  blank: (forms: string) =>
    `Patient links cannot be made yet: ${forms} has no wording in this network. attune does not ship licensed wording; ask your coordinator to import it on the Instruments page.`,
};
type LinkWords = typeof EN;
const FR: LinkWords = {
  linkFor: (n) => `Lien de la séance ${n}`,
  reused: (n) =>
    `La séance ${n} a déjà été créée aujourd'hui et n'a pas encore de réponse : voici un nouveau lien pour elle (l'ancien reste valable).`,
  expires: (when) => `Utilisable une fois, jusqu'au ${when}.`,
  date: "Jour de la séance",
  time: "Heure (facultative)",
  opens: (day) =>
    `S'ouvre le ${day}, jour de la séance : avant, le patient voit quand il s'ouvrira, en français ou en anglais.`,
  copy: "Copier le lien",
  copied: "Lien copié.",
  copyFailed: "Ce navigateur bloque la copie : sélectionnez le lien et copiez-le à la main.",
  qr: (n) => `Code QR du lien de la séance ${n}, à scanner par le patient avec son téléphone`,
  failed: "Aucune séance ni aucun lien n'ont été créés.",
  blank: (forms) =>
    `Impossible de créer un lien patient pour l'instant : ${forms} n'a pas de libellés dans ce réseau. attune ne fournit pas les libellés sous licence ; demandez à votre coordinateur de les importer sur la page Instruments.`,
};

/**
 * The words of the next-session link card.
 *
 * @example
 * linkWords("fr").copy; // "Copier le lien"
 */
export function linkWords(lang: Lang): LinkWords {
  return lang === "fr" ? FR : EN;
}

const FIND_EN = {
  /** The list's name in the pager ("Patients 1–50 of 80"). */
  table: "Patients",
  search: "Find a patient",
  searchHint: "patient or therapist code",
  attention: "Only those needing attention",
  urgent: "Most urgent first",
  code: "By patient code",
  shown: (n: number, of: number) => `${n} of ${of} patients shown.`,
};
const FIND_FR: typeof FIND_EN = {
  table: "Patients",
  search: "Trouver un patient",
  searchHint: "code du patient ou du thérapeute",
  attention: "Seulement ceux qui demandent de l'attention",
  urgent: "Les plus urgents d'abord",
  code: "Par code patient",
  shown: (n, of) => `${n} patients affichés sur ${of}.`,
};

/**
 * The words of the caseload's search, filter and order controls.
 *
 * @example
 * findWords("en").search; // "Find a patient"
 */
export function findWords(lang: Lang): typeof FIND_EN {
  return lang === "fr" ? FIND_FR : FIND_EN;
}

const SCHEDULE_EN = {
  upcomingH: "Upcoming sessions",
  upcomingLabel: "Upcoming sessions, soonest first",
  next: (when: string) => `Next session: ${when}`,
  item: (code: string, n: number) => `Patient ${code}, session ${n}`,
};
const SCHEDULE_FR: typeof SCHEDULE_EN = {
  upcomingH: "Prochaines séances",
  upcomingLabel: "Prochaines séances, les plus proches d'abord",
  next: (when) => `Prochaine séance : ${when}`,
  item: (code, n) => `Patient ${code}, séance ${n}`,
};

/**
 * The words of the caseload's upcoming sessions.
 *
 * @example
 * scheduleWords("fr").upcomingH; // "Prochaines séances"
 */
export function scheduleWords(lang: Lang): typeof SCHEDULE_EN {
  return lang === "fr" ? SCHEDULE_FR : SCHEDULE_EN;
}
