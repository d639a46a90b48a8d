// The words of the instruments page (instruments.ts) in English and French. An instrument's own title,
// construct and licence holder come from its definition in English and are marked lang="en" on the page.
import type { Lang } from "../lang.ts";

const en = {
  title: "Instruments",
  rater: { patient: "patient", therapist: "therapist", observer: "observer (coder)" } as Record<
    string,
    string
  >,
  licence: {
    "free-no-permission": "free, no permission needed",
    proprietary: "proprietary — licence needed",
    MIT: "MIT (attune's own)",
    "CC-BY-NC-ND-4.0": "CC BY-NC-ND 4.0 (free, unchanged, non-commercial)",
  } as Record<string, string>,
  chooseFile: "Choose the licensed-text file (JSON).",
  notJson: (file: string) => `${file} is not JSON:`,
  tick: "Tick the box to confirm that the network holds a licence for this wording.",
  nameLicence: (got: string) =>
    `Name the licence (who granted it, its number or date), at least 10 characters; got "${got}".`,
  importedSaid: (form: string, language: string) => `Imported the ${form} wording (${language}).`,
  withdrawnSaid: (form: string) => `The ${form} wording was withdrawn.`,
  shipped: "shipped with attune",
  importedHere: "imported for this network",
  revision: (n: number, at: string) => `revision ${n}, ${at}`,
  importAgain: "import again",
  formChanged: "the form changed since the wording was imported",
  notAvailable: "not available",
  importYours: "import your licensed copy; no patient links until then",
  yesWithdraw: (form: string) => `Yes, withdraw the ${form} wording`,
  cancel: "Cancel",
  withdrawLabel: (form: string) => `Withdraw the ${form} wording`,
  withdraw: "Withdraw…",
  importedHeading: (form: string, language: string, file: string) =>
    `Imported: ${form} wording in "${language}" from ${file}`,
  questions: (n: number) => `${n} questions`,
  answerLabels: (scales: string) => ` and the answer labels of ${scales}`,
  merged: "merged into the form",
  action: {
    "add-language": "added as a further language",
    replace: "replacing the wording imported before",
    first: "first import",
  } as Record<string, string>,
  formHas: (langs: string, revision: number) =>
    `The form now has: ${langs}. Revision ${revision}; file sha256`,
  fromNow:
    "From now on your network's patient links and staff get the full form; other networks still see the form without wording.",
  withdrawnHeading: (form: string) => `Withdrawn: the ${form} wording`,
  withdrawnText:
    "Your network gets the form without wording again, so no new patient links can include it. The wording stays on record with the answers collected with it.",
  lead1:
    "The questionnaires attune can collect. Some are free to use and attune ships their wording: the PHQ-9, GAD-7, WHO-5 and CORE-10 (whose copyright line is shown with the form), and attune's own forms. Others belong to their authors — the WAI-SR, the Session Alliance Inventory, the SRS and the ORS — and may only be given to patients under a licence your network obtains from the rights holder. For these attune ships only a shell: the numbered questions, answer scale and scoring, but not the wording, because publishing it in open-source software would break the licence.",
  lead2:
    "If your network holds a licence, import the wording from your licensed copy below. It is kept for your network only: other networks never see it and data exports carry the shell. Until it is imported, patient links cannot include the form — patients would see blank questions.",
  notLoaded: "The instruments could not be loaded.",
  library: "The instrument library",
  caption: "The library, as your network sees it",
  cols: ["Instrument", "Measures", "Who answers", "Questions", "Licence", "Wording (languages)"],
  actions: "Actions",
  notValidated: "not validated",
  importHeading: "Import licensed wording",
  importHelp1:
    "The file is JSON with the wording of one instrument in one language, keyed by the shell's question ids",
  importHelp2: "prints an empty one",
  importHelp3:
    "It is checked against the shell first: a file with a missing, extra or misnumbered question, or answer labels that do not match, is refused with every mismatch listed, and nothing is stored. A second file in another language is added to the form.",
  notImported: "The wording was not imported.",
  instrument: "Instrument",
  addTranslation: " (wording shipped: add a translation)",
  file: "Licensed-text file (JSON)",
  licenceLegend: "Licence",
  holds: "I confirm that our network holds a licence to use this wording with patients",
  statement: "The licence: who granted it, its number or date (recorded)",
  statementExample: "e.g. Licence no. 42 from the rights holder, 2026-01-10, all sites",
  replace: "Replace the wording imported so far (e.g. a corrected copy) instead of adding a language",
  importing: "Importing…",
  importWording: "Import the wording",
};

export type InstrumentsText = typeof en;

const fr: InstrumentsText = {
  title: "Instruments",
  rater: { patient: "patient", therapist: "thérapeute", observer: "observateur (codeur)" },
  licence: {
    "free-no-permission": "libre, sans autorisation",
    proprietary: "propriétaire — licence nécessaire",
    MIT: "MIT (propre à attune)",
    "CC-BY-NC-ND-4.0": "CC BY-NC-ND 4.0 (libre, sans modification, non commercial)",
  },
  chooseFile: "Choisissez le fichier du texte sous licence (JSON).",
  notJson: (file) => `${file} n'est pas du JSON :`,
  tick: "Cochez la case pour confirmer que le réseau détient une licence pour ce texte.",
  nameLicence: (got) =>
    `Nommez la licence (qui l'a accordée, son numéro ou sa date), au moins 10 caractères ; reçu « ${got} ».`,
  importedSaid: (form, language) => `Texte du ${form} importé (${language}).`,
  withdrawnSaid: (form) => `Le texte du ${form} a été retiré.`,
  shipped: "fourni avec attune",
  importedHere: "importé pour ce réseau",
  revision: (n, at) => `révision ${n}, ${at}`,
  importAgain: "à importer de nouveau",
  formChanged: "le formulaire a changé depuis l'import du texte",
  notAvailable: "non disponible",
  importYours: "importez votre copie sous licence ; pas de liens patients d'ici là",
  yesWithdraw: (form) => `Oui, retirer le texte du ${form}`,
  cancel: "Annuler",
  withdrawLabel: (form) => `Retirer le texte du ${form}`,
  withdraw: "Retirer…",
  importedHeading: (form, language, file) => `Importé : texte du ${form} en « ${language} » depuis ${file}`,
  questions: (n) => `${n} questions`,
  answerLabels: (scales) => ` et les libellés de réponse de ${scales}`,
  merged: "intégrées au formulaire",
  action: {
    "add-language": "ajouté comme langue supplémentaire",
    replace: "en remplacement du texte importé auparavant",
    first: "premier import",
  },
  formHas: (langs, revision) =>
    `Le formulaire a maintenant : ${langs}. Révision ${revision} ; sha256 du fichier`,
  fromNow:
    "Désormais, les liens patients et le personnel de votre réseau reçoivent le formulaire complet ; les autres réseaux voient toujours le formulaire sans texte.",
  withdrawnHeading: (form) => `Retiré : le texte du ${form}`,
  withdrawnText:
    "Votre réseau reçoit de nouveau le formulaire sans texte : aucun nouveau lien patient ne peut l'inclure. Le texte reste conservé avec les réponses recueillies grâce à lui.",
  lead1:
    "Les questionnaires qu'attune peut recueillir. Certains sont libres d'usage et attune fournit leur texte : le PHQ-9, le GAD-7, le WHO-5 et le CORE-10 (dont la mention de droits d'auteur s'affiche avec le formulaire), ainsi que les formulaires propres à attune. D'autres appartiennent à leurs auteurs — le WAI-SR, le Session Alliance Inventory, le SRS et l'ORS — et ne peuvent être proposés aux patients que sous une licence que votre réseau obtient de l'ayant droit. Pour ceux-là, attune ne fournit qu'une coquille : les questions numérotées, l'échelle de réponse et la cotation, mais pas le texte, car le publier dans un logiciel libre enfreindrait la licence.",
  lead2:
    "Si votre réseau détient une licence, importez le texte depuis votre copie sous licence ci-dessous. Il n'est gardé que pour votre réseau : les autres réseaux ne le voient jamais et les exports de données portent la coquille. Tant qu'il n'est pas importé, les liens patients ne peuvent pas inclure le formulaire — les patients verraient des questions vides.",
  notLoaded: "Les instruments n'ont pas pu être chargés.",
  library: "La bibliothèque d'instruments",
  caption: "La bibliothèque, telle que votre réseau la voit",
  cols: ["Instrument", "Mesure", "Qui répond", "Questions", "Licence", "Texte (langues)"],
  actions: "Actions",
  notValidated: "non validé",
  importHeading: "Importer un texte sous licence",
  importHelp1:
    "Le fichier est un JSON contenant le texte d'un instrument dans une langue, indexé par les identifiants de questions de la coquille",
  importHelp2: "en affiche un vide",
  importHelp3:
    "Il est d'abord vérifié contre la coquille : un fichier avec une question manquante, en trop ou mal numérotée, ou des libellés de réponse qui ne correspondent pas, est refusé avec chaque écart listé, et rien n'est enregistré. Un second fichier dans une autre langue est ajouté au formulaire.",
  notImported: "Le texte n'a pas été importé.",
  instrument: "Instrument",
  addTranslation: " (texte fourni : ajouter une traduction)",
  file: "Fichier du texte sous licence (JSON)",
  licenceLegend: "Licence",
  holds: "Je confirme que notre réseau détient une licence pour utiliser ce texte avec des patients",
  statement: "La licence : qui l'a accordée, son numéro ou sa date (enregistré)",
  statementExample: "par ex. Licence n° 42 de l'ayant droit, 2026-01-10, tous les sites",
  replace: "Remplacer le texte importé jusqu'ici (par ex. une copie corrigée) au lieu d'ajouter une langue",
  importing: "Import en cours…",
  importWording: "Importer le texte",
};

/**
 * The instruments page's words in `lang`.
 *
 * @example
 * instrumentsText("fr").importWording; // "Importer le texte"
 */
export function instrumentsText(lang: Lang): InstrumentsText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const INSTRUMENTS_EN = en;
export const INSTRUMENTS_FR = fr;
