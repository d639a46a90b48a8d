// The FHIR rendering: answer codes with ordinal values, translations, conditional items, responses.
import { describe, expect, it } from "vitest";
import { answerSystem, EXT, FHIR_EXT } from "./constants.ts";
import { fhirSchemaErrors } from "./fhirSchema.testkit.ts";
import { localizeQuestionnaire, questionnaireLanguages } from "./localize.ts";
import { answersFromResponse, responseFromAnswers } from "./responses.ts";
import { toQuestionnaire } from "./toQuestionnaire.ts";
import { readTranslation } from "./translation.ts";
import { getInstrument } from "../registry.ts";
import { scoreResponse } from "../scoring.ts";

describe("toQuestionnaire", () => {
  it("renders CORE-10 with its notice, reverse keys and ordinal values", () => {
    const q = toQuestionnaire(getInstrument("core-10"));
    expect(q.copyright).toContain("© CORE System Trust");
    const item2 = q.item?.find((i) => i.linkId === "core10-2");
    expect(item2?.text).toBe("I have felt I have someone to turn to for support when needed");
    expect(item2?.extension).toContainEqual({ url: EXT.reverseKeyed, valueBoolean: true });
    expect(item2?.answerOption?.[4]?.valueCoding).toMatchObject({
      system: answerSystem("core-10", "frequency"),
      code: "4",
      display: "Most or all of the time",
      extension: [{ url: FHIR_EXT.ordinalValue, valueDecimal: 4 }],
    });
    const licence = q.extension?.find((e) => e.url === EXT.licence);
    expect(licence?.extension).toContainEqual({ url: "code", valueCode: "CC-BY-NC-ND-4.0" });
  });

  it("carries French wording of project forms as translations, and localizes per user", () => {
    const q = toQuestionnaire(getInstrument("alliance-checkin-therapist"));
    const item = q.item?.find((i) => i.linkId === "bond-2");
    expect(item?.text).toBe("My patient and I trusted each other.");
    expect(readTranslation(item?._text, "fr")).toBe(
      "Il y avait de la confiance entre mon patient ou ma patiente et moi.",
    );
    expect(questionnaireLanguages(q)).toEqual(["en", "fr"]);
    const fr = localizeQuestionnaire(q, "fr");
    expect(fr.language).toBe("fr");
    expect(fr.title).toBe("Point d'alliance attune — thérapeute (non validé)");
    expect(fr.item?.find((i) => i.linkId === "bond-2")?.answerOption?.[0]?.valueCoding?.display).toBe(
      "Pas du tout",
    );
    expect(q.extension).toContainEqual({ url: EXT.validated, valueBoolean: false });
    // a language without translations falls back to English and keeps the base language tag
    expect(localizeQuestionnaire(q, "de").language).toBe("en");
    expect(questionnaireLanguages(toQuestionnaire(getInstrument("phq-9")))).toEqual(["en"]);
    expect(questionnaireLanguages(toQuestionnaire(getInstrument("wai-sr")))).toEqual([]);
  });

  it("parallel check-in forms pair item for item", () => {
    const p = getInstrument("alliance-checkin-patient").items.map((i) => i.linkId);
    const t = getInstrument("alliance-checkin-therapist").items.map((i) => i.linkId);
    expect(p).toEqual(t);
  });

  it("asks rupture intensity only when a rupture is coded", () => {
    const q = toQuestionnaire(getInstrument("rupture-coding"));
    expect(q.item?.find((i) => i.linkId === "rupture-intensity")?.enableWhen).toEqual([
      {
        question: "rupture-type",
        operator: "!=",
        answerCoding: { system: answerSystem("rupture-coding", "type"), code: "0" },
      },
    ]);
    // each type's own intensity only when both types are coded
    expect(q.item?.find((i) => i.linkId === "withdrawal-intensity")?.enableWhen).toEqual([
      {
        question: "rupture-type",
        operator: "=",
        answerCoding: { system: answerSystem("rupture-coding", "type"), code: "3" },
      },
    ]);
  });

  it("renders visual analogue items as bounded decimals", () => {
    const item = toQuestionnaire(getInstrument("srs")).item?.[0];
    expect(item?.type).toBe("decimal");
    expect(item?.extension).toEqual(
      expect.arrayContaining([
        { url: FHIR_EXT.minValue, valueDecimal: 0 },
        { url: FHIR_EXT.maxValue, valueDecimal: 10 },
        { url: FHIR_EXT.maxDecimalPlaces, valueInteger: 1 },
      ]),
    );
  });
});

describe("QuestionnaireResponse round trip", () => {
  it("builds a valid response and scores it through the same path", () => {
    const core10 = getInstrument("core-10");
    const answers = { "core10-1": 1, "core10-2": 3, "core10-3": 1, "core10-4": 0, "core10-5": 2 };
    const qr = responseFromAnswers(core10, answers, { authored: "2025-03-01T10:00:00Z" });
    expect(fhirSchemaErrors(qr)).toEqual([]);
    const back = answersFromResponse(core10, qr);
    if (!back.ok) throw new Error("refused");
    expect(back.answers["core10-2"]).toBe(3);
    expect(back.answers["core10-9"]).toBeNull();
    const srs = getInstrument("srs");
    const vas = answersFromResponse(srs, responseFromAnswers(srs, { "srs-1": 8.4 }));
    expect(vas.ok && vas.answers["srs-1"]).toBe(8.4);
    const scored = scoreResponse(core10, back.answers);
    expect(scored.ok && scored.missing).toHaveLength(5);
  });

  it("refuses a response to another questionnaire or with several answers to one item", () => {
    const phq9 = getInstrument("phq-9");
    const other = responseFromAnswers(getInstrument("gad-7"), { "gad7-1": 1 });
    const r = answersFromResponse(phq9, other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^the response is to ".*gad-7\|1\.0\.0", not to phq-9/);
    const twice = answersFromResponse(phq9, {
      resourceType: "QuestionnaireResponse",
      status: "completed",
      item: [{ linkId: "phq9-1", answer: [{ valueInteger: 1 }, { valueInteger: 2 }] }],
    });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.issues[0]?.message).toBe('"phq9-1" has 2 answers; one is expected');
  });
});
