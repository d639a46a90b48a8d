// attune's four short demo forms (alliance patient/therapist 1–5, well-being 0–4, rupture observer 0–5):
// whole-number items, each scale the mean of its items. Their wording is attune's own (deliberately
// unlike the licensed WAI items); the demo network and the tests use them. They keep the canonical
// addresses their stored responses name (FORM_BASE), and are not in the instrument library's table.
import type { Instrument, ItemDefinition, Rater, ScaleRule } from "../types.ts";
import { ATTUNE_LICENCE, NOT_VALIDATED_CAVEAT } from "./allianceCheckInShared.ts";

/** The canonical base of attune's demo and imported-score forms. */
export const FORM_BASE = "https://attune.dev/fhir/Questionnaire";

export const ALLIANCE_PATIENT = `${FORM_BASE}/alliance-patient`;
export const ALLIANCE_THERAPIST = `${FORM_BASE}/alliance-therapist`;
export const WELLBEING = `${FORM_BASE}/wellbeing`;
export const RUPTURE_OBSERVER = `${FORM_BASE}/rupture-observer`;

interface DemoSpec {
  readonly id: string;
  readonly title: string;
  readonly rater: Rater;
  readonly kind: Instrument["kind"];
  readonly min: number;
  readonly max: number;
  readonly items: readonly { linkId: string; text: string; required?: boolean }[];
  /** Each scale: the mean of its items, scored when at most `maxMissing` are unanswered. */
  readonly scales: Readonly<Record<string, { items: readonly string[]; maxMissing: number }>>;
}

function demoForm(spec: DemoSpec): Instrument {
  const items: ItemDefinition[] = spec.items.map((i) => ({
    linkId: i.linkId,
    text: { en: i.text },
    scale: "points",
    required: i.required ?? true,
  }));
  const subscales: ScaleRule[] = Object.entries(spec.scales).map(([id, s]) => ({
    id,
    label: { en: id.replace(/_/g, " ") },
    items: s.items,
    method: "mean",
    maxMissing: s.maxMissing,
    missingRuleSource: "attune demo convention",
  }));
  return {
    id: spec.id,
    url: `${FORM_BASE}/${spec.id}`,
    version: "1",
    title: { en: spec.title },
    shortTitle: spec.title,
    construct: { en: spec.title },
    rater: spec.rater,
    kind: spec.kind,
    description: {
      en: `${spec.title}: attune's demo form, items ${spec.min}–${spec.max}, scales as item means.`,
    },
    validated: false,
    projectAuthored: true,
    answerScales: { points: { kind: "integer", min: spec.min, max: spec.max } },
    items,
    scoring: {
      subscales,
      higherIsBetter: true,
      cutoffs: [],
      reliableChange: null,
      reliableChangeNote: "a demo form: no reliable-change threshold established",
    },
    licence: ATTUNE_LICENCE,
    references: [],
    caveats: [NOT_VALIDATED_CAVEAT],
  };
}

const allianceItems = (who: Rater) =>
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

const allianceForm = (rater: "patient" | "therapist") =>
  demoForm({
    id: `alliance-${rater}`,
    title: `Working alliance (${rater})`,
    rater,
    kind: "alliance",
    min: 1,
    max: 5,
    items: allianceItems(rater),
    scales: {
      alliance: { items: ["goal", "task", "bond1", "bond2"], maxMissing: 1 },
      bond: { items: ["bond1", "bond2"], maxMissing: 0 },
    },
  });

/** The four demo forms. */
export const DEMO_FORMS: readonly Instrument[] = [
  allianceForm("patient"),
  allianceForm("therapist"),
  demoForm({
    id: "wellbeing",
    title: "Well-being since the last session",
    rater: "patient",
    kind: "outcome",
    min: 0,
    max: 4,
    items: [
      { linkId: "mood", text: "I have been in a good mood." },
      { linkId: "calm", text: "I have felt at ease." },
      { linkId: "coping", text: "I have managed what came my way." },
    ],
    scales: { wellbeing: { items: ["mood", "calm", "coping"], maxMissing: 1 } },
  }),
  demoForm({
    id: "rupture-observer",
    title: "Alliance ruptures (observer coding)",
    rater: "observer",
    kind: "process",
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
];
