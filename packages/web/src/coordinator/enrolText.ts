// The words of the study page's enrolment and "Patients and sessions" sections (enrol.ts) in English and
// French: the forms, the patients table with its search, and the link box.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "../lang.ts";

const at = (date: string, time: string | null | undefined, word: string) =>
  `${date}${time ? ` ${word} ${time}` : ""}`;

const en = {
  // The patients table's search (find/findRows.ts).
  find: {
    label: "Patients",
    search: "Find a patient",
    hint: "patient or therapist code",
    therapist: "Therapist",
    anyTherapist: "Every therapist",
    arm: "Arm",
    anyArm: "Every arm",
    site: "Site",
    anySite: "Every site",
    noSite: "No site",
    byPatient: "Patient code",
    byTherapist: "Therapist, then patient",
    byMissing: "Most forms missing first",
    shown: (n: number, of: number) => `${n} of ${of} patients shown.`,
  },
  // The link box.
  ready: (what: string) => `Patient link ready — ${what}`,
  link: "Patient link",
  give: (opens: TemplateResult | "", expires: string): TemplateResult =>
    html`Give this link to the patient (it is their only key: no account, no password). It opens the forms of
    this session once${opens} and expires on ${expires}.`,
  opensOn: (day: string): TemplateResult =>
    html`, <strong>opens on the session's day (${day})</strong> — before then the patient sees when it opens,
      in English or French —`,
  notAllocated: "not allocated yet",
  armOf: (code: string, name: string) => `arm ${code} (${name})`,
  // Enrolment.
  badCode: 'Type the patient\'s pseudonymous code: letters or digits (. _ : - allowed), e.g. "P014".',
  chooseTherapist: "Choose the patient's therapist.",
  firstDate: "Give the date of the first session.",
  registered: (code: string) => `Patient ${code} was registered`,
  enrolledWith: (t: string) => ` and enrolled with ${t}`,
  enrolled: (code: string, t: string, arm: string, date: string, time: string) =>
    `Patient ${code} enrolled with ${t} (${arm}); session 1 on ${at(date, time, "at")}.`,
  enrolledNote: (code: string) => `Patient ${code} enrolled. The link for session 1 is ready to copy.`,
  // A later session.
  choosePatient: "Choose a patient of this study.",
  sessionDate: "Give the date of the session.",
  sessionMade: (p: string, n: number, date: string | null, time: string | null) =>
    `Patient ${p}, session ${n}${date ? ` (${at(date, time, "at")})` : ""}.`,
  sessionNote: (p: string, n: number) => `Link for patient ${p}, session ${n}, is ready to copy.`,
  // The enrolment form.
  enrolH: "Enrol a patient",
  enrolLead:
    "Registers the patient under a pseudonymous code (no name here), opens their therapy with the therapist (in the therapist's arm), schedules the first session (a later day: its link opens on that day) and makes the patient's one-time link for it.",
  thenStopped: (stored: string) => `${stored} Then it stopped:`,
  notEnrolled: "The patient was not enrolled.",
  patientCode: "Patient code",
  therapist: "Therapist",
  choose: "Choose…",
  firstDateLabel: "Date of the first session",
  firstTimeLabel: "Time of the first session (optional)",
  enrolButton: "Enrol and make the link",
  // Patients and sessions.
  patientsH: "Patients and sessions",
  cols: ["Patient", "Therapist", "Arm", "Site", "Latest session", "Forms done / due"],
  noSite: "no site",
  noLink: "No link was made.",
  patient: "Patient",
  nextDate: "Date of the next session",
  time: "Time (optional)",
  next: "Record the next session and make its link",
  again: "New link for the latest session",
  nonePatients: "No patient is enrolled yet.",
};

export type EnrolText = typeof en;

const fr: EnrolText = {
  find: {
    label: "Patients",
    search: "Trouver un patient",
    hint: "code du patient ou du thérapeute",
    therapist: "Thérapeute",
    anyTherapist: "Tous les thérapeutes",
    arm: "Bras",
    anyArm: "Tous les bras",
    site: "Site",
    anySite: "Tous les sites",
    noSite: "Aucun site",
    byPatient: "Code du patient",
    byTherapist: "Thérapeute, puis patient",
    byMissing: "Questionnaires manquants d'abord",
    shown: (n, of) => `${n} patients affichés sur ${of}.`,
  },
  ready: (what) => `Lien du patient prêt — ${what}`,
  link: "Lien du patient",
  give: (opens, expires) =>
    html`Donnez ce lien au patient (c'est sa seule clé : ni compte, ni mot de passe). Il ouvre une fois les
    questionnaires de cette séance${opens} et expire le ${expires}.`,
  opensOn: (day) =>
    html`, <strong>s'ouvre le jour de la séance (${day})</strong> — avant, le patient voit quand il s'ouvre,
      en français ou en anglais —`,
  notAllocated: "pas encore alloué",
  armOf: (code, name) => `bras ${code} (${name})`,
  badCode: "Tapez le code pseudonyme du patient : lettres ou chiffres (. _ : - permis), par ex. « P014 ».",
  chooseTherapist: "Choisissez le thérapeute du patient.",
  firstDate: "Indiquez la date de la première séance.",
  registered: (code) => `Le patient ${code} a été enregistré`,
  enrolledWith: (t) => ` et inclus avec ${t}`,
  enrolled: (code, t, arm, date, time) =>
    `Patient ${code} inclus avec ${t} (${arm}) ; séance 1 le ${at(date, time, "à")}.`,
  enrolledNote: (code) => `Patient ${code} inclus. Le lien de la séance 1 est prêt à copier.`,
  choosePatient: "Choisissez un patient de cette étude.",
  sessionDate: "Indiquez la date de la séance.",
  sessionMade: (p, n, date, time) => `Patient ${p}, séance ${n}${date ? ` (${at(date, time, "à")})` : ""}.`,
  sessionNote: (p, n) => `Le lien du patient ${p}, séance ${n}, est prêt à copier.`,
  enrolH: "Inclure un patient",
  enrolLead:
    "Enregistre le patient sous un code pseudonyme (pas de nom ici), ouvre sa thérapie avec le thérapeute (dans le bras du thérapeute), planifie la première séance (un jour ultérieur : son lien s'ouvre ce jour-là) et crée le lien à usage unique du patient pour cette séance.",
  thenStopped: (stored) => `${stored} Puis cela s'est arrêté\u00a0:`,
  notEnrolled: "Le patient n'a pas été inclus.",
  patientCode: "Code du patient",
  therapist: "Thérapeute",
  choose: "Choisir…",
  firstDateLabel: "Date de la première séance",
  firstTimeLabel: "Heure de la première séance (facultatif)",
  enrolButton: "Inclure et créer le lien",
  patientsH: "Patients et séances",
  cols: ["Patient", "Thérapeute", "Bras", "Site", "Dernière séance", "Questionnaires faits / dus"],
  noSite: "aucun site",
  noLink: "Aucun lien n'a été créé.",
  patient: "Patient",
  nextDate: "Date de la prochaine séance",
  time: "Heure (facultatif)",
  next: "Enregistrer la prochaine séance et créer son lien",
  again: "Nouveau lien pour la dernière séance",
  nonePatients: "Aucun patient n'est encore inclus.",
};

/**
 * The enrolment sections' words in `lang`.
 *
 * @example
 * enrolText("fr").enrolH; // "Inclure un patient"
 */
export function enrolText(lang: Lang): EnrolText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const ENROL_EN = en;
export const ENROL_FR = fr;
