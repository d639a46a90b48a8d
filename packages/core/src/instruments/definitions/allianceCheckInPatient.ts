// attune alliance check-in, patient wording (about the therapist). Not validated.
import { checkInForm } from "./allianceCheckInShared.ts";

export const allianceCheckInPatient = checkInForm({
  id: "alliance-checkin-patient",
  rater: "patient",
  title: {
    en: "attune alliance check-in — patient (not validated)",
    fr: "Point d'alliance attune — patient (non validé)",
  },
  construct: { en: "Working alliance (patient's view)", fr: "Alliance de travail (point de vue du patient)" },
  description: {
    en: "Six statements about today's session (bond, goals, tasks), each 0 (not at all) to 4 (completely); total 0–24. Written by the attune project; not validated.",
    fr: "Six affirmations sur la séance d'aujourd'hui (lien, objectifs, tâches), cotées de 0 (pas du tout) à 4 (complètement) ; total 0–24. Rédigé par le projet attune ; non validé.",
  },
  instructions: {
    en: "Thinking about today's session, how well does each statement fit your experience?",
    fr: "En pensant à la séance d'aujourd'hui, dans quelle mesure chaque affirmation correspond-elle à ce que vous avez vécu ?",
  },
  texts: [
    {
      en: "Today I felt at ease with my therapist.",
      fr: "Aujourd'hui, je me suis senti(e) à l'aise avec mon ou ma thérapeute.",
    },
    {
      en: "My therapist and I trusted each other.",
      fr: "Il y avait de la confiance entre mon ou ma thérapeute et moi.",
    },
    {
      en: "We were clear about what we are working towards.",
      fr: "Nous savions clairement vers quoi nous travaillons.",
    },
    {
      en: "The session dealt with what matters most to me.",
      fr: "La séance a porté sur ce qui compte le plus pour moi.",
    },
    {
      en: "My therapist and I agreed on how we worked in this session.",
      fr: "Mon ou ma thérapeute et moi étions d'accord sur la façon de travailler pendant cette séance.",
    },
    {
      en: "What we did in this session moved me forward.",
      fr: "Ce que nous avons fait pendant cette séance m'a fait avancer.",
    },
  ],
});
