import { describe, expect, it } from "vitest";
import {
  ALLIANCE_PATIENT,
  answersFromResponse,
  catalogInstruments,
  declaredRanges,
  IMPORTED_PATIENT,
  instrumentUrl,
  outcomeScale,
  scoreResponse,
  storedScaleRange,
  storedScores,
  toQuestionnaire,
  type Instrument,
  type QuestionnaireResponse,
} from "../index.ts";

const byUrl = (url: string): Instrument => {
  const found = catalogInstruments().find((i) => instrumentUrl(i) === url);
  if (!found) throw new Error(url);
  return found;
};
const response = (url: string, item: QuestionnaireResponse["item"]): QuestionnaireResponse => ({
  resourceType: "QuestionnaireResponse",
  questionnaire: url,
  status: "completed",
  item,
});
const scored = (inst: Instrument, qr: QuestionnaireResponse) => {
  const a = answersFromResponse(inst, qr);
  if (!a.ok) return { issues: a.issues.map((i) => i.message) };
  const s = scoreResponse(inst, a.answers);
  return s.ok ? { stored: storedScores(inst, s) } : { issues: s.issues.map((i) => i.message) };
};

describe("the demo and imported-score forms are core definitions", () => {
  const alliance = byUrl(ALLIANCE_PATIENT);
  const answers = (v: Record<string, number>) =>
    response(
      ALLIANCE_PATIENT,
      Object.entries(v).map(([linkId, x]) => ({ linkId, answer: [{ valueInteger: x }] })),
    );

  it("keeps the demo form's address, whole-number items and item-mean scales", () => {
    const q = toQuestionnaire(alliance);
    expect(q.url).toBe("https://attune.dev/fhir/Questionnaire/alliance-patient");
    expect(q.item?.map((i) => [i.linkId, i.type])).toEqual([
      ["goal", "integer"],
      ["task", "integer"],
      ["bond1", "integer"],
      ["bond2", "integer"],
    ]);
    expect(scored(alliance, answers({ goal: 4, task: 5, bond1: 3, bond2: 4 }))).toEqual({
      stored: { alliance: 4, bond: 3.5 },
    });
    // One missing item is prorated for the alliance; the two-item bond needs both.
    expect(scored(alliance, { ...answers({ goal: 4, task: 5, bond1: 3 }), status: "in-progress" })).toEqual({
      stored: { alliance: 4 },
    });
    expect(storedScaleRange(alliance, "alliance")).toEqual({ min: 1, max: 5 });
  });

  it("refuses values off the scale, the wrong value type, a repeated item and a missing required one", () => {
    expect(scored(alliance, answers({ goal: 7, task: 5, bond1: 3, bond2: 4 })).issues).toEqual([
      'answer 7 to "goal" is outside 1..5',
    ]);
    const decimal = response(ALLIANCE_PATIENT, [
      { linkId: "goal", answer: [{ valueDecimal: 4.5 }] },
      { linkId: "task", answer: [{ valueInteger: 4 }] },
      { linkId: "task", answer: [{ valueInteger: 4 }] },
    ]);
    expect(scored(alliance, decimal).issues).toEqual([
      'item "goal" needs a valueInteger, got {"valueDecimal":4.5}',
      'item "task" answered twice',
      'required item "goal" is not answered',
      'required item "bond1" is not answered',
      'required item "bond2" is not answered',
    ]);
  });

  it("the well-being demo form is an outcome followed on its own 0–4 scale", () => {
    const wb = catalogInstruments().find((i) => i.id === "wellbeing")!;
    expect(outcomeScale(wb)).toEqual({ scale: "wellbeing", higherIsBetter: true });
    expect(storedScaleRange(wb, "wellbeing")).toEqual({ min: 0, max: 4 });
    const phq9 = catalogInstruments().find((i) => i.id === "phq-9")!;
    expect(outcomeScale(phq9)).toEqual({ scale: "percent_of_max", higherIsBetter: false });
    expect(storedScaleRange(phq9, "percent_of_max")).toEqual({ min: 0, max: 100 });
  });

  it("an imported score is the item, on the scale its response declares", () => {
    const carrier = byUrl(IMPORTED_PATIENT);
    const declared = (low: number, high: number, value: number) =>
      response(IMPORTED_PATIENT, [
        {
          linkId: "alliance",
          extension: [
            {
              url: "https://attune.dev/fhir/StructureDefinition/declared-scale",
              valueRange: { low: { value: low }, high: { value: high } },
            },
          ],
          answer: [{ valueDecimal: value }],
        },
      ]);
    expect(scored(carrier, declared(1, 7, 6.5))).toEqual({ stored: { alliance: 6.5 } });
    expect(declaredRanges(carrier, declared(1, 7, 6.5))).toEqual({
      ranges: { alliance: { min: 1, max: 7 } },
      issues: [],
    });
    expect(declaredRanges(carrier, declared(1, 7, 8)).issues.map((i) => i.message)).toEqual([
      'item "alliance" is 8, outside its declared scale 1..7',
    ]);
    expect(declaredRanges(carrier, declared(5, 5, 5)).issues.map((i) => i.message)).toEqual([
      'declared scale 5..5 of "alliance" is empty',
    ]);
    // Undeclared: the scale is not the form's to say (ASSUMED_SCALE applies).
    expect(storedScaleRange(carrier, "alliance")).toBeUndefined();
    expect(scored(carrier, declared(1, 7, 2e6)).issues).toEqual(['"alliance" needs a finite valueDecimal']);
  });
});
