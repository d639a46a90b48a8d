// attune alliance check-in, therapist wording (about the patient). Not validated.
import { checkInForm } from "./allianceCheckInShared.ts";

export const allianceCheckInTherapist = checkInForm({
  id: "alliance-checkin-therapist",
  rater: "therapist",
  title: {
    en: "attune alliance check-in — therapist (not validated)",
    fr: "Point d'alliance attune — thérapeute (non validé)",
  },
  construct: {
    en: "Working alliance (therapist's view)",
    fr: "Alliance de travail (point de vue du thérapeute)",
  },
  description: {
    en: "The therapist's parallel wording of the patient check-in: six statements about today's session (bond, goals, tasks), each 0–4; total 0–24. Written by the attune project; not validated.",
    fr: "Version thérapeute, parallèle au point d'alliance du patient : six affirmations sur la séance d'aujourd'hui (lien, objectifs, tâches), cotées de 0 à 4 ; total 0–24. Rédigé par le projet attune ; non validé.",
  },
  instructions: {
    en: "Thinking about today's session with this patient, how well does each statement fit your experience?",
    fr: "En pensant à la séance d'aujourd'hui avec ce patient ou cette patiente, dans quelle mesure chaque affirmation correspond-elle à ce que vous avez vécu ?",
  },
  texts: [
    {
      en: "Today I felt at ease with my patient.",
      fr: "Aujourd'hui, je me suis senti(e) à l'aise avec mon patient ou ma patiente.",
    },
    {
      en: "My patient and I trusted each other.",
      fr: "Il y avait de la confiance entre mon patient ou ma patiente et moi.",
    },
    {
      en: "We were clear about what we are working towards.",
      fr: "Nous savions clairement vers quoi nous travaillons.",
    },
    {
      en: "The session dealt with what matters most to my patient.",
      fr: "La séance a porté sur ce qui compte le plus pour mon patient ou ma patiente.",
    },
    {
      en: "My patient and I agreed on how we worked in this session.",
      fr: "Mon patient ou ma patiente et moi étions d'accord sur la façon de travailler pendant cette séance.",
    },
    {
      en: "What we did in this session moved my patient forward.",
      fr: "Ce que nous avons fait pendant cette séance a fait avancer mon patient ou ma patiente.",
    },
  ],
});
