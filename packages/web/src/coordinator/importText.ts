// The words of the import page (importPage.ts) in English and French. Column names, REDCap field names
// and the server's messages stay as they are (the server's are marked lang="en" on a French page).
import type { Lang } from "../lang.ts";

const en = {
  title: "Import",
  heading: "Import data",
  lead: "Bring answers collected elsewhere (a spreadsheet, REDCap, another FHIR system) into the network. The file is checked row by row first: if any row has a problem, nothing is stored and every problem is listed with its row number. Imports never overwrite answers already stored.",
  format: "Format",
  formats: {
    "long-csv": ["Long CSV", "one row per patient × session:"],
    redcap: ["REDCap", "a records export (CSV, raw values) and its data dictionary (CSV)"],
    fhir: [
      "FHIR Bundle",
      "a JSON Bundle of QuestionnaireResponses with their patients, episodes and encounters",
    ],
  } as Record<"long-csv" | "redcap" | "fhir", [string, string]>,
  scales: { alliance: "Alliance (both views)", wellbeing: "Well-being" } as Record<string, string>,
  chooseFile: "Choose the file to import.",
  chooseDictionary: "Choose the REDCap data dictionary file as well.",
  notJson: (file: string) => `${file} is not JSON:`,
  imported: (rows: number, file: string) => `Imported ${rows} rows from ${file}.`,
  importedHeading: (rows: number, file: string) =>
    `Imported: ${rows} row${rows === 1 ? "" : "s"} from ${file}`,
  createdLabel: "Created:",
  created: {
    patients: ["patient", "patients"],
    therapists: ["therapist", "therapists"],
    episodes: ["episode", "episodes"],
    sessions: ["session", "sessions"],
    responses: ["answer", "answers"],
    studies: ["study", "studies"],
    sites: ["site", "sites"],
  } as Record<string, [string, string]>,
  nothingNew: "nothing new (everything was already there)",
  checkWarnings: "Stored, but please check",
  refusedHeading: (file: string) => `Not imported: nothing from ${file} was stored`,
  refusedText: (n: number) =>
    `An import is all or nothing: because of the problem${n === 1 ? "" : "s"} below the whole file was refused and the database is unchanged. Correct the file and import it again.`,
  rejectedRows: "Rejected rows",
  cols: ["Row", "Column", "Problem"],
  recordsFile: "Records file (CSV)",
  bundleFile: "Bundle file (JSON)",
  csvFile: "CSV file",
  dictionary: "Data dictionary (CSV)",
  mapping: "Which REDCap field holds what",
  mappingHint:
    'Therapist, patient and session are required; leave the others empty if the export has no such field. The session may be "redcap_event_name" (its first number is used).',
  scalesLegend: "Scales of the scores (optional)",
  scalesHint:
    "The range each score can take, as min-max: e.g. 1-7 for a 7-point item mean, 0-27 for a PHQ-9 total. The dashboard puts scores on 0–100 with it, and a value outside it is refused. Empty: item means on 1–5 are assumed",
  scalesRedcap: " (REDCap: the data dictionary's validation range)",
  study: "Study name (optional)",
  studyHint: "The study the imported episodes belong to; it is created if it does not exist",
  studyArms: "(arms from the column",
  studyEmpty: 'Empty: "imported".',
  importing: "Importing…",
  import: "Import",
};

export type ImportText = typeof en;

const fr: ImportText = {
  title: "Importer",
  heading: "Importer des données",
  lead: "Faites entrer dans le réseau des réponses recueillies ailleurs (un tableur, REDCap, un autre système FHIR). Le fichier est d'abord vérifié ligne par ligne : si une ligne pose problème, rien n'est enregistré et chaque problème est listé avec son numéro de ligne. Un import n'écrase jamais des réponses déjà enregistrées.",
  format: "Format",
  formats: {
    "long-csv": ["CSV long", "une ligne par patient × séance :"],
    redcap: [
      "REDCap",
      "un export des enregistrements (CSV, valeurs brutes) et son dictionnaire de données (CSV)",
    ],
    fhir: [
      "Bundle FHIR",
      "un Bundle JSON de QuestionnaireResponse avec leurs patients, épisodes et rencontres",
    ],
  },
  scales: { alliance: "Alliance (les deux points de vue)", wellbeing: "Bien-être" },
  chooseFile: "Choisissez le fichier à importer.",
  chooseDictionary: "Choisissez aussi le fichier du dictionnaire de données REDCap.",
  notJson: (file) => `${file} n'est pas du JSON :`,
  imported: (rows, file) => `${rows} lignes importées depuis ${file}.`,
  importedHeading: (rows, file) => `Importé : ${rows} ligne${rows === 1 ? "" : "s"} depuis ${file}`,
  createdLabel: "Créé :",
  created: {
    patients: ["patient", "patients"],
    therapists: ["thérapeute", "thérapeutes"],
    episodes: ["épisode", "épisodes"],
    sessions: ["séance", "séances"],
    responses: ["réponse", "réponses"],
    studies: ["étude", "études"],
    sites: ["site", "sites"],
  },
  nothingNew: "rien de nouveau (tout était déjà là)",
  checkWarnings: "Enregistré, mais à vérifier",
  refusedHeading: (file) => `Non importé : rien de ${file} n'a été enregistré`,
  refusedText: (n) =>
    `Un import se fait en entier ou pas du tout : à cause ${n === 1 ? "du problème ci-dessous, tout le fichier a été refusé" : "des problèmes ci-dessous, tout le fichier a été refusé"} et la base de données est inchangée. Corrigez le fichier et importez-le de nouveau.`,
  rejectedRows: "Lignes refusées",
  cols: ["Ligne", "Colonne", "Problème"],
  recordsFile: "Fichier des enregistrements (CSV)",
  bundleFile: "Fichier du Bundle (JSON)",
  csvFile: "Fichier CSV",
  dictionary: "Dictionnaire de données (CSV)",
  mapping: "Quel champ REDCap contient quoi",
  mappingHint:
    "Thérapeute, patient et séance sont obligatoires ; laissez les autres vides si l'export n'a pas ce champ. La séance peut être « redcap_event_name » (son premier nombre est utilisé).",
  scalesLegend: "Échelles des scores (facultatif)",
  scalesHint:
    "L'étendue que chaque score peut prendre, en min-max : par ex. 1-7 pour une moyenne d'items en 7 points, 0-27 pour un total PHQ-9. Le tableau de bord ramène les scores sur 0–100 avec elle, et une valeur hors de l'étendue est refusée. Vide : des moyennes d'items sur 1–5 sont supposées",
  scalesRedcap: " (REDCap : la plage de validation du dictionnaire de données)",
  study: "Nom de l'étude (facultatif)",
  studyHint: "L'étude à laquelle appartiennent les épisodes importés ; elle est créée si elle n'existe pas",
  studyArms: "(bras tirés de la colonne",
  studyEmpty: "Vide : « imported ».",
  importing: "Import en cours…",
  import: "Importer",
};

/**
 * The import page's words in `lang`.
 *
 * @example
 * importText("fr").heading; // "Importer des données"
 */
export function importText(lang: Lang): ImportText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const IMPORT_EN = en;
export const IMPORT_FR = fr;
