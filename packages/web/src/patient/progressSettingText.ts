// The words of the network page's "patients see their own progress" card (progressSetting.ts), in English
// and French; a file of its own so node tests can read the tables (no DOM here).
export const PROGRESS_SETTING = {
  en: {
    title: "Patients' own progress",
    lead:
      "When on, a patient who sends a form through their link sees, on the thank-you page, a graph of their own " +
      "well-being and alliance answers over their sessions (their answers only: no therapist rating, no alert). " +
      "It is shown right after sending (for 30 minutes), not afterwards.",
    label: "Show patients their own progress after they send a form",
    save: "Save",
    saved: (on: boolean) =>
      on ? "Patients now see their own progress after sending." : "Patients no longer see their progress.",
  },
  fr: {
    title: "Évolution montrée aux patients",
    lead:
      "Activé, un patient qui envoie un questionnaire par son lien voit, sur la page de remerciement, un graphique " +
      "de ses propres réponses de bien-être et d'alliance au fil des séances (ses réponses seulement : ni note du " +
      "thérapeute, ni alerte). Il est montré juste après l'envoi (30 minutes), pas ensuite.",
    label: "Montrer aux patients leur évolution après l'envoi d'un questionnaire",
    save: "Enregistrer",
    saved: (on: boolean) =>
      on
        ? "Les patients voient désormais leur évolution après l'envoi."
        : "Les patients ne voient plus leur évolution.",
  },
} as const;

/** The English and French tables, for the test that no English is left on a French page. */
export const PROGRESS_SETTING_EN = PROGRESS_SETTING.en;
export const PROGRESS_SETTING_FR = PROGRESS_SETTING.fr;
