// The server's catalog: the instrument library of @attune/core (PHQ-9, WHO-5, CORE-10, WAI-SR shells,
// attune's alliance check-ins, rupture coding, ...), the carrier forms of imported scores, and four
// small demo forms (alliance patient/therapist 1–5, well-being 0–4, rupture observer 0–5) whose item
// texts are attune's own wording (deliberately unlike the licensed WAI items), used by the demo and tests.
import { catalogOf, type InstrumentCatalog } from "./catalog.ts";
import { likertInstrument } from "./likert.ts";
import { importedInstruments } from "./imported.ts";
import { coreInstruments } from "./core.ts";
import { FORM_BASE } from "./urls.ts";

export { FORM_BASE };

export const ALLIANCE_PATIENT = `${FORM_BASE}/alliance-patient`;
export const ALLIANCE_THERAPIST = `${FORM_BASE}/alliance-therapist`;
export const WELLBEING = `${FORM_BASE}/wellbeing`;
export const RUPTURE_OBSERVER = `${FORM_BASE}/rupture-observer`;

const allianceItems = (who: "patient" | "therapist") =>
  who === "patient"
    ? [
        { linkId: "goal", text: "Today we worked on the things that matter most to me." },
        { linkId: "task", text: "The way we worked today made sense to me." },
        { linkId: "bond1", text: "I felt respected and understood by my therapist today." },
        { linkId: "bond2", text: "I felt comfortable being open with my therapist today." },
      ]
    : [
        { linkId: "goal", text: "Today we worked on the things that matter most to the client." },
        { linkId: "task", text: "The way we worked today made sense to the client." },
        { linkId: "bond1", text: "I felt respect and warmth towards the client today." },
        { linkId: "bond2", text: "The client seemed comfortable being open with me today." },
      ];

export function builtinCatalog(): InstrumentCatalog {
  return catalogOf([
    likertInstrument({
      id: "alliance-patient",
      url: ALLIANCE_PATIENT,
      title: "Working alliance (patient)",
      rater: "patient",
      min: 1,
      max: 5,
      items: allianceItems("patient"),
      scales: {
        alliance: { items: ["goal", "task", "bond1", "bond2"], maxMissing: 1 },
        bond: { items: ["bond1", "bond2"], maxMissing: 0 },
      },
    }),
    likertInstrument({
      id: "alliance-therapist",
      url: ALLIANCE_THERAPIST,
      title: "Working alliance (therapist)",
      rater: "therapist",
      min: 1,
      max: 5,
      items: allianceItems("therapist"),
      scales: {
        alliance: { items: ["goal", "task", "bond1", "bond2"], maxMissing: 1 },
        bond: { items: ["bond1", "bond2"], maxMissing: 0 },
      },
    }),
    {
      ...likertInstrument({
        id: "wellbeing",
        url: WELLBEING,
        title: "Well-being since the last session",
        rater: "patient",
        min: 0,
        max: 4,
        items: [
          { linkId: "mood", text: "I have been in a good mood." },
          { linkId: "calm", text: "I have felt at ease." },
          { linkId: "coping", text: "I have managed what came my way." },
        ],
        scales: { wellbeing: { items: ["mood", "calm", "coping"], maxMissing: 1 } },
      }),
      outcome: { scale: "wellbeing", higherIsBetter: true },
    },
    likertInstrument({
      id: "rupture-observer",
      url: RUPTURE_OBSERVER,
      title: "Alliance ruptures (observer coding)",
      rater: "observer",
      min: 0,
      max: 5,
      items: [
        { linkId: "withdrawal", text: "Withdrawal ruptures in this session (0 = none, 5 = many, severe)." },
        {
          linkId: "confrontation",
          text: "Confrontation ruptures in this session (0 = none, 5 = many, severe).",
        },
        { linkId: "resolution", text: "Rupture resolution (0 = none, 5 = full)", required: false },
      ],
      scales: {
        rupture_withdrawal: { items: ["withdrawal"], maxMissing: 0 },
        rupture_confrontation: { items: ["confrontation"], maxMissing: 0 },
      },
    }),
    ...importedInstruments(),
    ...coreInstruments(),
  ]);
}
