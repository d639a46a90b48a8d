// The two languages of the pages, in a file of its own: text tables import it without i18n.ts (which reads
// the browser's location), so node tests can load them.
export type Lang = "en" | "fr";
