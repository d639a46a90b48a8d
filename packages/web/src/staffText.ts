// The words of the therapist's staff pages in English and French (sign-in, caseload, patient page, rating
// form chrome, attunement, not-found and error pages), the staff language kept per browser, and numbers
// written for the language (decimal comma in French). The coordinator, researcher and coder pages stay
// English for now.
import { html, type TemplateResult } from "lit-html";
import type { Lang } from "./i18n.ts";
import { WHY_LABEL_EN, WHY_VALUE_EN } from "./therapist/whyText.ts";

const KEY = "attune.staffLang";
/** French puts a no-break space before ":" and a narrow one before "%". */
const C = "\u00a0:";

/**
 * The staff language: the one chosen on this browser, else the browser's language.
 *
 * @example
 * document.documentElement.lang = staffLang();
 */
export function staffLang(): Lang {
  try {
    const v = localStorage.getItem(KEY);
    if (v === "en" || v === "fr") return v;
  } catch {
    // Storage can be switched off; the browser language still gives a sensible default.
  }
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/**
 * Remembers the staff language on this browser (kept across sign-outs and reloads).
 *
 * @example
 * setStaffLang("fr");
 */
export function setStaffLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Not remembered, but the page still switches.
  }
}

/**
 * Number writers for a language: `fmt(v, d)` with `d` decimals ("—" for no value), `signed(v)` whole
 * points with a "+" on gains, `short(v)` up to two decimals (the "why" numbers).
 *
 * @example
 * numbers("fr").fmt(0.854, 2); // "0,85"
 */
export function numbers(lang: Lang) {
  const fixed = (d: number) =>
    new Intl.NumberFormat(lang, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false });
  const cache = new Map<number, Intl.NumberFormat>();
  const signedF = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const shortF = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false });
  return {
    fmt(v: number | null | undefined, d = 0): string {
      if (v === null || v === undefined) return "—";
      let f = cache.get(d);
      if (!f) cache.set(d, (f = fixed(d)));
      return f.format(v);
    },
    signed: (v: number | null): string => (v === null ? "—" : signedF.format(v)),
    short: (v: number): string => shortF.format(v),
  };
}

const en = {
  language: "Language",
  suffix: " — attune",
  nav: { label: "Main", caseload: "Caseload", attunement: "My attunement", signOut: "Sign out" },
  signIn: {
    title: "Sign in",
    lead: "For therapists, coordinators and researchers of the network. Patients answer through the link they receive.",
    email: "Email",
    password: "Password",
    button: "Sign in",
    /** Null: show the server's own message. */
    wrong: null as string | null,
    forgot: "Forgot password?",
  },
  live: (rater: string) => `New ${rater === "patient" ? "patient" : "therapist"} answer received.`,
  caseload: {
    title: "Caseload",
    of: (name: string) => `Caseload of ${name}`,
    all: "All patients",
    lead: (n: number, need: number) =>
      html`${n} patients; <strong>${need}</strong> need attention. Most urgent first. Scores are on a 0–100
        scale (higher = better).`,
    listLabel: "Patients, most urgent first",
    patient: "Patient",
    session: (n: string) => `session ${n}`,
    due: "Your rating is due",
    patientAlliance: "Patient alliance",
    yourAlliance: "Your alliance",
    wellbeing: "Well-being",
    model: "Not-on-track uses the expected-recovery model:",
    builtIn: "the built-in model (the network has too little data yet)",
    /** The server's note on the network's model, in this language (null: show it as sent, in English). */
    note: (note: string): string | null => note,
  },
  kind: {
    rupture: "Rupture",
    "rupture-resolved": "Rupture resolved",
    "not-on-track": "Not on track",
    incongruence: "Views differ",
  } as Record<string, string>,
  severity: {} as Record<string, string>,
  alert: {
    session: (n: number) => `session ${n}`,
    helps: "What helps:",
    why: "Why this alert",
    /** When the alert's session took place. */
    dated: (date: string) => `of ${date}`,
    cleared: (n: number, date: string) =>
      `Cleared at session ${n}${date ? ` (${date})` : ""}: back inside the band.`,
    acknowledge: "Acknowledge",
    acknowledgeLabel: (kind: string, n: number) => `Acknowledge the ${kind} alert of session ${n}`,
    acknowledged: (at: string) => `Acknowledged on ${at}; no longer heads the caseload.`,
    acknowledgedNow: "Alert acknowledged.",
    noteLabel: "Note for the record (optional: what you did or plan; it appears on the progress report)",
    note: (note: string) => `Your note: “${note}”`,
  },
  /** Labels of the numbers an alert rule compared (others are spelled from their key). */
  whyLabel: WHY_LABEL_EN,
  /** Words for the text values of "why" (rule triggers, model source, yes/no). */
  whyValue: WHY_VALUE_EN,
  patient: {
    title: (code: string) => `Patient ${code}`,
    back: "← Caseload",
    before: "Before the next session",
    noAlerts: "No open alerts.",
    congruence: (s: string) => `Congruence, session ${s}:`,
    trend: (label: string) => ` · trend: ${label}`,
    trendLabel: {} as Record<string, string>,
    gapNone: "not both rated yet",
    gapAgree: (g: string) => `you agree (gap ${g})`,
    gapYou: (n: string) => `you rate ${n} points higher than your patient`,
    gapPatient: (n: string) => `your patient rates ${n} points higher than you`,
    allianceH: "Alliance: your view and your patient's",
    wellbeingH: "Well-being",
    allianceTitle: (code: string) => `Working alliance of patient ${code}, both views`,
    allianceDesc: (ruptures: string) =>
      `Patient's and therapist's ratings per session on 0–100. ${ruptures ? `Ruptures at session ${ruptures}.` : "No ruptures."}`,
    patientView: "Patient's view",
    yourView: "Your view",
    rupture: "rupture",
    outcomeTitle: (code: string) => `Well-being of patient ${code} with the expected band`,
    outcomeDesc:
      "Well-being per session on 0–100 and the range expected for a patient with this intake score (95%).",
    wellbeing: "Well-being",
    better: "is better",
    expected: "Expected range",
    sessions: "Sessions",
    cols: [
      "Session",
      "Patient alliance",
      "Your alliance",
      "Gap (you − patient)",
      "Well-being",
      "Expected well-being",
      "Alerts",
    ],
    nextH: "Next session",
    nextLead: "Create the session and a one-time link for your patient's post-session form.",
    nextButton: "New session and patient link",
    linkMade: (n: number) => `Link for session ${n} created.`,
  },
  rating: {
    heading: (n: number) => `Your rating of session ${n}`,
    save: "Save my rating",
    saved: (n: number) => `Your rating of session ${n} is saved.`,
    notSaved: "Your rating was not saved",
    skipped: (n: number) =>
      `${n} question${n === 1 ? " is" : "s are"} not answered yet. Answer ${n === 1 ? "it" : "them"}, or press Save again to save without.`,
    noWording:
      "The study's therapist form has no wording in this network yet; the coordinator imports it on the Instruments page.",
  },
  attunement: {
    title: "My attunement",
    lead: "How closely your alliance ratings follow your patients' ratings, from the truth-and-bias model fitted on the whole network's data.",
    biasH: "Directional bias",
    points: "points",
    higher: "You tend to rate the alliance higher than your patients do",
    lower: "You tend to rate the alliance lower than your patients do",
    /** Which session and patient the model's bias is about (it is the model's intercept). */
    at: (session: number, rating: string) =>
      `At session ${session}, with a patient who rates the alliance at the network's average (${rating}):`,
    observed: (from: number, to: number, n: number, higher: number, lower: number, mean: string) =>
      `In your sessions ${from}–${to} rated by both (${n}), you rated higher in ${higher} and lower in ${lower}; mean gap ${mean} points. The model's figure differs when your gap changes over sessions.`,
    interval: (lo: string, hi: string) => `(95% interval ${lo} to ${hi}).`,
    ideal: (v: string) => `Ideal: ${v}.`,
    network: (lo: string, hi: string, median: string, n: number) =>
      `Network: ${lo} to ${hi}, median ${median} (${n} therapists)`,
    tcH: "Temporal congruence",
    tc: (ten: string, lo: string, hi: string) =>
      `Whether your rating moves with your patient's from one session to the next: when a patient rates a session 10 points above their own usual level, you rate it on average ${ten} points above yours for that patient (95% interval ${lo} to ${hi}). This is the figure alliance training changes.`,
    tfH: "Truth force (overall)",
    tf: (ten: string, lo: string, hi: string) =>
      `How much your rating follows your patients' across sessions and patients together: when a patient's rating is 10 points higher, yours is on average ${ten} points higher (95% interval ${lo} to ${hi}).`,
    none: "Not enough rated sessions yet for a profile.",
  },
  other: {
    title: "Signed in",
    heading: (name: string) => `Signed in as ${name}`,
    lead: (role: string, api: TemplateResult) =>
      html`The ${role} role has no dashboard pages yet. Use the API (${api}) or the
        <code>attune</code> command.`,
    api: "its description",
  },
  notFound: {
    title: "Not found",
    heading: "Page not found",
    body: (path: TemplateResult, start: TemplateResult) => html`There is no page at ${path}. ${start}.`,
    start: "Go to the start page",
  },
  error: { title: "Error", heading: "Something went wrong" },
};

export type StaffText = typeof en;

const fr: StaffText = {
  language: "Langue",
  suffix: " — attune",
  nav: {
    label: "Principal",
    caseload: "File active",
    attunement: "Mon accordage",
    signOut: "Se déconnecter",
  },
  signIn: {
    title: "Connexion",
    lead: "Pour les thérapeutes, coordinateurs et chercheurs du réseau. Les patients répondent par le lien qu'ils reçoivent.",
    email: "Adresse e-mail",
    password: "Mot de passe",
    button: "Se connecter",
    wrong: "Adresse e-mail ou mot de passe incorrect.",
    forgot: "Mot de passe oublié ?",
  },
  live: (rater) => `Nouvelle réponse ${rater === "patient" ? "du patient" : "du thérapeute"} reçue.`,
  caseload: {
    title: "File active",
    of: (name) => `File active de ${name}`,
    all: "Tous les patients",
    lead: (n, need) =>
      html`${n} patients ; <strong>${need}</strong> demandent de l'attention. Les plus urgents d'abord. Les
        scores sont sur une échelle de 0 à 100 (plus haut = mieux).`,
    listLabel: "Patients, les plus urgents d'abord",
    patient: "Patient",
    session: (n) => `séance ${n}`,
    due: "Votre évaluation est attendue",
    patientAlliance: "Alliance (patient)",
    yourAlliance: "Votre alliance",
    wellbeing: "Bien-être",
    model: `« Hors trajectoire » s'appuie sur le modèle de rétablissement attendu${C}`,
    builtIn: "le modèle intégré (le réseau n'a pas encore assez de données)",
    note: (note) => {
      // The server writes its note in English; its one shape is known, anything else is shown as sent.
      const m = /^REML fit on (\d+) sessions of (\d+) patients( \(singular fit\))?$/.exec(note);
      return m
        ? `ajusté par REML sur ${m[1]} séances de ${m[2]} patients${m[3] ? " (ajustement singulier)" : ""}`
        : null;
    },
  },
  kind: {
    rupture: "Rupture",
    "rupture-resolved": "Rupture résolue",
    "not-on-track": "Hors trajectoire",
    incongruence: "Points de vue différents",
  },
  severity: { high: "élevée", moderate: "modérée", info: "information" },
  alert: {
    session: (n) => `séance ${n}`,
    helps: `Ce qui aide${C}`,
    why: "Pourquoi cette alerte",
    dated: (date) => `du ${date}`,
    cleared: (n, date) => `Levée à la séance ${n}${date ? ` (${date})` : ""} : de retour dans la bande.`,
    acknowledge: "Prendre acte",
    acknowledgeLabel: (kind, n) => `Prendre acte de l'alerte ${kind} de la séance ${n}`,
    acknowledged: (at) => `Prise en compte le ${at} ; ne figure plus en tête de la liste.`,
    acknowledgedNow: "Alerte prise en compte.",
    noteLabel:
      "Note pour le dossier (facultative : ce que vous avez fait ou prévu ; elle figure dans le rapport d'évolution)",
    note: (note) => `Votre note : « ${note} »`,
  },
  whyLabel: {
    trigger: "déclencheur",
    patient: "patient",
    previous: "séance précédente",
    runningMean: "moyenne courante",
    sessionsInMean: "séances dans la moyenne",
    dropFromPrevious: "baisse depuis la séance précédente",
    dropFromMean: "baisse par rapport à la moyenne",
    reliableChangeThreshold: "seuil de changement fiable",
    noiseLimit: "limite du bruit",
    therapistChange: "changement du thérapeute",
    ruptureSession: "séance de la rupture",
    meanBeforeRupture: "moyenne avant la rupture",
    resolveWithin: "marge de résolution",
    outcome: "bien-être",
    intake: "score initial",
    expected: "attendu",
    lowerBound: "borne inférieure",
    bandSd: "écart-type de la bande",
    level: "niveau",
    conditionalOnSessions: "séances prises en compte",
    sessionsBelow: "séances sous la bande",
    reliableDeterioration: "détérioration fiable",
    model: "modèle",
    gap: "écart",
    therapist: "thérapeute",
    gapAt: "seuil d'écart",
    sessionsInRun: "séances consécutives",
    recentLevel: "niveau récent",
    sessionsInLevel: "séances dans le niveau",
    drop: "baisse",
    noiseSd: "écart-type du bruit",
    predictedLevel: "niveau prédit",
    predictionSd: "écart-type de la prédiction",
    z: "z",
    probabilityOfFall: "probabilité d'une vraie baisse",
    zThreshold: "seuil z",
    levelBeforeRupture: "niveau avant la rupture",
    episodeFpr: "taux de faux positifs par épisode",
  },
  whyValue: {
    "calibrated-fall": "baisse au-delà du seuil calibré",
    "reliable-fall": "baisse fiable",
    "unnoticed-fall": "baisse non perçue",
    "further-fall": "nouvelle baisse",
    network: "réseau",
    "built-in": "intégré",
    true: "oui",
    false: "non",
  },
  patient: {
    title: (code) => `Patient ${code}`,
    back: "← File active",
    before: "Avant la prochaine séance",
    noAlerts: "Aucune alerte ouverte.",
    congruence: (s) => `Congruence, séance ${s}${C}`,
    trend: (label) => ` · tendance${C} ${label}`,
    trendLabel: { converging: "rapprochement", diverging: "éloignement", stable: "stable" },
    gapNone: "pas encore évaluée des deux côtés",
    gapAgree: (g) => `vous êtes d'accord (écart ${g})`,
    gapYou: (n) => `vous évaluez ${n} points plus haut que votre patient`,
    gapPatient: (n) => `votre patient évalue ${n} points plus haut que vous`,
    allianceH: "Alliance : votre point de vue et celui de votre patient",
    wellbeingH: "Bien-être",
    allianceTitle: (code) => `Alliance de travail du patient ${code}, les deux points de vue`,
    allianceDesc: (ruptures) =>
      `Évaluations du patient et du thérapeute par séance, sur 0–100. ${ruptures ? `Ruptures à la séance ${ruptures}.` : "Aucune rupture."}`,
    patientView: "Point de vue du patient",
    yourView: "Votre point de vue",
    rupture: "rupture",
    outcomeTitle: (code) => `Bien-être du patient ${code} avec la bande attendue`,
    outcomeDesc:
      "Bien-être par séance sur 0–100 et la plage attendue pour un patient ayant ce score initial (95\u202f%).",
    wellbeing: "Bien-être",
    better: "est mieux",
    expected: "Plage attendue",
    sessions: "Séances",
    cols: [
      "Séance",
      "Alliance (patient)",
      "Votre alliance",
      "Écart (vous − patient)",
      "Bien-être",
      "Bien-être attendu",
      "Alertes",
    ],
    nextH: "Prochaine séance",
    nextLead:
      "Créez la séance et un lien à usage unique pour le questionnaire d'après-séance de votre patient.",
    nextButton: "Nouvelle séance et lien patient",
    linkMade: (n) => `Lien de la séance ${n} créé.`,
  },
  rating: {
    heading: (n) => `Votre évaluation de la séance ${n}`,
    save: "Enregistrer mon évaluation",
    saved: (n) => `Votre évaluation de la séance ${n} est enregistrée.`,
    notSaved: "Votre évaluation n'a pas été enregistrée",
    skipped: (n) =>
      `${n === 1 ? "Une question est restée" : `${n} questions sont restées`} sans réponse. Répondez-y, ou appuyez de nouveau sur Enregistrer pour enregistrer sans ${n === 1 ? "elle" : "elles"}.`,
    noWording:
      "Le questionnaire thérapeute de l'étude n'a pas encore de texte dans ce réseau ; le coordinateur l'importe sur la page Instruments.",
  },
  attunement: {
    title: "Mon accordage",
    lead: "À quel point vos évaluations de l'alliance suivent celles de vos patients, d'après le modèle de vérité et de biais ajusté sur les données de tout le réseau.",
    biasH: "Biais directionnel",
    points: "points",
    higher: "Vous avez tendance à évaluer l'alliance plus haut que vos patients",
    lower: "Vous avez tendance à évaluer l'alliance plus bas que vos patients",
    at: (session, rating) =>
      `À la séance ${session}, avec un patient qui évalue l'alliance à la moyenne du réseau (${rating})\u202f:`,
    observed: (from, to, n, higher, lower, mean) =>
      `Dans vos séances ${from} à ${to} évaluées par les deux (${n}), vous avez évalué plus haut dans ${higher} et plus bas dans ${lower}\u202f; écart moyen ${mean} points. Le chiffre du modèle diffère quand votre écart change au fil des séances.`,
    interval: (lo, hi) => `(intervalle à 95\u202f% de ${lo} à ${hi}).`,
    ideal: (v) => `Idéal${C} ${v}.`,
    network: (lo, hi, median, n) => `Réseau${C} de ${lo} à ${hi}, médiane ${median} (${n} thérapeutes)`,
    tcH: "Congruence temporelle",
    tc: (ten, lo, hi) =>
      `Votre évaluation bouge-t-elle avec celle de votre patient d'une séance à l'autre : quand un patient évalue une séance 10 points au-dessus de son niveau habituel, vous l'évaluez en moyenne ${ten} points au-dessus du vôtre pour ce patient (intervalle à 95\u202f% de ${lo} à ${hi}). C'est ce que la formation à l'alliance change.`,
    tfH: "Force de vérité (globale)",
    tf: (ten, lo, hi) =>
      `À quel point votre évaluation suit celle de votre patient : quand l'évaluation d'un patient est plus haute de 10 points, la vôtre l'est en moyenne de ${ten} points (intervalle à 95\u202f% de ${lo} à ${hi}).`,
    none: "Pas encore assez de séances évaluées pour établir un profil.",
  },
  other: {
    title: "Connecté",
    heading: (name) => `Connecté en tant que ${name}`,
    lead: (role, api) =>
      html`Le rôle ${role} n'a pas encore de pages de tableau de bord. Utilisez l'API (${api}) ou la commande
        <code>attune</code>.`,
    api: "sa description",
  },
  notFound: {
    title: "Page introuvable",
    heading: "Page introuvable",
    body: (path, start) => html`Il n'y a pas de page à l'adresse ${path}. ${start}.`,
    start: "Aller à la page d'accueil",
  },
  error: { title: "Erreur", heading: "Un problème est survenu" },
};

/**
 * The staff pages' words in one language.
 *
 * @example
 * staffText("fr").patient.before; // "Avant la prochaine séance"
 */
export function staffText(lang: Lang): StaffText {
  return lang === "fr" ? fr : en;
}
