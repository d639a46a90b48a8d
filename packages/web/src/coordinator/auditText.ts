// The words of the audit log page (auditLog.ts) in English and French. Actions and kinds of record are the
// server's own codes and stay as they are (marked English on a French page).
import type { Lang } from "../lang.ts";

const en = {
  title: "Audit log",
  lead: "Every read and change of identifiable records in the network: who, what, when and from where, newest first. Entries cannot be changed or deleted; message bodies and contact details are never in it.",
  patientLink: "a patient (through their link)",
  who: "Who",
  anyone: "Anyone",
  action: "Action",
  anyAction: "Every action",
  record: "Record",
  anyRecord: "Every kind of record",
  from: "From",
  to: "To (included)",
  show: "Show",
  unread: "The log could not be read.",
  count: (n: number, more: boolean) =>
    `${n} entr${n === 1 ? "y" : "ies"} shown${more ? "; older ones follow" : ""}.`,
  shown: (n: number, more: boolean) => `${n}${more ? "+" : ""} entries shown.`,
  entries: "Audit entries, newest first",
  cols: ["When", "Who", "Action", "Record", "Record id", "Details"],
  older: "Older entries",
};

export type AuditText = typeof en;

const fr: AuditText = {
  title: "Journal d'audit",
  lead: "Chaque lecture et modification de données identifiantes du réseau : qui, quoi, quand et d'où, la plus récente d'abord. Les entrées ne peuvent être ni modifiées ni supprimées ; le contenu des messages et les coordonnées n'y figurent jamais.",
  patientLink: "un patient (par son lien)",
  who: "Qui",
  anyone: "Tout le monde",
  action: "Action",
  anyAction: "Toutes les actions",
  record: "Donnée",
  anyRecord: "Toutes les sortes de données",
  from: "Du",
  to: "Au (inclus)",
  show: "Afficher",
  unread: "Le journal n'a pas pu être lu.",
  count: (n, more) =>
    `${n} entrée${n === 1 ? " affichée" : "s affichées"}${more ? " ; les plus anciennes suivent" : ""}.`,
  shown: (n, more) => `${n}${more ? "+" : ""} entrées affichées.`,
  entries: "Entrées du journal, la plus récente d'abord",
  cols: ["Quand", "Qui", "Action", "Donnée", "Identifiant", "Détails"],
  older: "Entrées plus anciennes",
};

/**
 * The audit log's words in `lang`.
 *
 * @example
 * auditText("fr").older; // "Entrées plus anciennes"
 */
export function auditText(lang: Lang): AuditText {
  return lang === "fr" ? fr : en;
}

/** The English and French tables, for the test that no English is left on a French page. */
export const AUDIT_EN = en;
export const AUDIT_FR = fr;
