// Importing a network's licensed wording into a shell. The wording here is placeholder text: the real
// WAI-SR wording is not the project's to ship, not even in tests.
import { describe, expect, it } from "vitest";
import { fhirSchemaErrors } from "./fhirSchema.testkit.ts";
import { licensedTextTemplate, mergeLicensedText, type LicensedTextFile } from "./licensedText.ts";
import { localizeQuestionnaire, questionnaireLanguages } from "./localize.ts";
import { toQuestionnaire } from "./toQuestionnaire.ts";
import { getInstrument } from "../registry.ts";
import { scoreResponse } from "../scoring.ts";

function waiFile(lang = "en", tweak: (f: LicensedTextFile) => LicensedTextFile = (f) => f): LicensedTextFile {
  return tweak({
    instrument: "wai-sr",
    language: lang,
    title: `Licensed WAI-SR (${lang})`,
    instructions: `Placeholder instructions (${lang})`,
    copyright: "© rights holder, used under the network's licence no. 42",
    items: Array.from({ length: 12 }, (_, i) => ({
      linkId: `wai-sr-${i + 1}`,
      text: `Placeholder item ${i + 1} (${lang})`,
    })),
    answerOptions: {
      frequency: [1, 2, 3, 4, 5].map((value) => ({ value, display: `Label ${value} (${lang})` })),
    },
  });
}

const shell = () => toQuestionnaire(getInstrument("wai-sr"));

function issues(file: unknown, into = shell()): string[] {
  const r = mergeLicensedText(into, file);
  if (r.ok) throw new Error("expected the file to be refused");
  return r.issues.map((i) => i.message);
}

describe("mergeLicensedText", () => {
  it("makes the full form available from a shell, without changing the shell", () => {
    const s = shell();
    const before = JSON.stringify(s);
    const r = mergeLicensedText(s, waiFile());
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(JSON.stringify(s)).toBe(before);
    const q = r.questionnaire;
    expect(q.title).toBe("Licensed WAI-SR (en)");
    expect(q.language).toBe("en");
    expect(q.item?.[0]).toMatchObject({
      linkId: "wai-sr-instructions",
      type: "display",
      text: "Placeholder instructions (en)",
    });
    expect(q.item?.find((i) => i.linkId === "wai-sr-7")?.text).toBe("Placeholder item 7 (en)");
    expect(
      q.item?.find((i) => i.linkId === "wai-sr-7")?.answerOption?.map((o) => o.valueCoding?.display),
    ).toEqual(["Label 1 (en)", "Label 2 (en)", "Label 3 (en)", "Label 4 (en)", "Label 5 (en)"]);
    expect(q.copyright).toContain("used under the network's licence no. 42");
    expect(questionnaireLanguages(q)).toEqual(["en"]);
    expect(fhirSchemaErrors(q)).toEqual([]);
  });

  it("adds a second language as FHIR translations", () => {
    const en = mergeLicensedText(shell(), waiFile("en"));
    if (!en.ok) throw new Error("en refused");
    const fr = mergeLicensedText(en.questionnaire, waiFile("fr"));
    if (!fr.ok) throw new Error(fr.issues.map((i) => i.message).join("\n"));
    const q = fr.questionnaire;
    expect(q.language).toBe("en");
    expect(q.item?.find((i) => i.linkId === "wai-sr-2")?.text).toBe("Placeholder item 2 (en)");
    expect(questionnaireLanguages(q)).toEqual(["en", "fr"]);
    const shown = localizeQuestionnaire(q, "fr");
    expect(shown.language).toBe("fr");
    expect(shown.title).toBe("Licensed WAI-SR (fr)");
    expect(shown.item?.find((i) => i.linkId === "wai-sr-2")?.text).toBe("Placeholder item 2 (fr)");
    expect(shown.item?.find((i) => i.linkId === "wai-sr-2")?.answerOption?.[4]?.valueCoding?.display).toBe(
      "Label 5 (fr)",
    );
    expect(fhirSchemaErrors(q)).toEqual([]);
    expect(issues(waiFile("fr"), q)).toEqual([
      'wai-sr already has wording in "fr"; import another language, or start again from the shell',
    ]);
  });

  it("keeps a French-only import French", () => {
    const r = mergeLicensedText(shell(), waiFile("fr"));
    if (!r.ok) throw new Error("refused");
    expect(r.questionnaire.language).toBe("fr");
    expect(r.questionnaire.item?.find((i) => i.linkId === "wai-sr-1")?.text).toBe("Placeholder item 1 (fr)");
  });

  it("refuses a file for another instrument", () => {
    expect(issues(waiFile("en", (f) => ({ ...f, instrument: "wai-sr-t" })))).toEqual([
      'the file is for instrument "wai-sr-t" but the shell is "wai-sr"',
    ]);
  });

  it("names a missing item, an unknown item and a duplicate", () => {
    const msgs = issues(
      waiFile("en", (f) => ({
        ...f,
        items: [
          ...f.items.filter((i) => i.linkId !== "wai-sr-5"),
          { linkId: "wai-sr-13", text: "extra" },
          { linkId: "wai-sr-1", text: "again" },
        ],
      })),
    );
    expect(msgs).toEqual([
      expect.stringMatching(/^item "wai-sr-13" in the file is not an item of wai-sr \(its items: wai-sr-1, /),
      'item "wai-sr-1" appears twice in the file',
      'item "wai-sr-5" of wai-sr has no text in the file',
    ]);
  });

  it("names answer values that do not match the shell's scale", () => {
    const zeroToFour = waiFile("en", (f) => ({
      ...f,
      answerOptions: { frequency: [0, 1, 2, 3, 4].map((value) => ({ value, display: `L${value}` })) },
    }));
    expect(issues(zeroToFour)).toEqual([
      'answer scale "frequency": no label for value(s) 5 (the shell has 1, 2, 3, 4, 5)',
      'answer scale "frequency": value(s) 0 are not in the shell (it has 1, 2, 3, 4, 5)',
    ]);
    expect(issues(waiFile("en", (f) => ({ ...f, answerOptions: undefined })))).toEqual([
      'the file gives no labels for answer scale "frequency" (values 1, 2, 3, 4, 5)',
    ]);
    expect(
      issues(
        waiFile("en", (f) => ({
          ...f,
          answerOptions: { ...f.answerOptions, agreement: [{ value: 1, display: "x" }] },
        })),
      ),
    ).toEqual(['answer scale "agreement" is not a choice scale of the shell (it has: frequency)']);
  });

  it("refuses files that are not the right shape, saying what was found", () => {
    expect(issues([1, 2])).toEqual([
      "the file must hold one JSON object ({ instrument, language, items, answerOptions })",
    ]);
    expect(issues({ instrument: "wai-sr", language: "English", items: "none" })).toEqual([
      '"language" must be a language code such as "en" or "fr-CA", got "English"',
      '"items" must be an array of { linkId, text }, got "none"',
    ]);
    expect(
      issues(
        waiFile("en", (f) => ({ ...f, items: [...f.items.slice(1), { linkId: "wai-sr-1", text: " " }] })),
      ),
    ).toEqual(['item "wai-sr-1" has no text (got " ")']);
  });

  it("imports visual analogue shells without answer labels", () => {
    const ors = toQuestionnaire(getInstrument("ors"));
    const r = mergeLicensedText(ors, {
      instrument: "ors",
      language: "en",
      items: [1, 2, 3, 4].map((n) => ({ linkId: `ors-${n}`, text: `Line ${n}` })),
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(fhirSchemaErrors(r.questionnaire)).toEqual([]);
  });

  it("adds an official translation to a shipped instrument (e.g. French PHQ-9)", () => {
    const phq = toQuestionnaire(getInstrument("phq-9"));
    const template = licensedTextTemplate(phq, "fr");
    expect(template.items).toHaveLength(10);
    expect(template.items[0]).toEqual({ linkId: "phq9-1", text: "" });
    expect(Object.keys(template.answerOptions ?? {})).toEqual(["frequency", "difficulty"]);
    const filled: LicensedTextFile = {
      ...template,
      items: template.items.map((i) => ({ ...i, text: `FR ${i.linkId}` })),
      answerOptions: Object.fromEntries(
        Object.entries(template.answerOptions ?? {}).map(([k, v]) => [
          k,
          v.map((o) => ({ ...o, display: `FR ${o.value}` })),
        ]),
      ),
    };
    const r = mergeLicensedText(phq, filled);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(localizeQuestionnaire(r.questionnaire, "fr").item?.[1]?.text).toBe("FR phq9-1");
    expect(issues({ ...filled, language: "en" }, phq)).toEqual([
      'phq-9 already has wording in "en"; import another language, or start again from the shell',
    ]);
  });

  it("leaves scoring untouched: a merged form scores like its shell", () => {
    const answers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`wai-sr-${i + 1}`, 4]));
    const r = scoreResponse(getInstrument("wai-sr"), answers);
    expect(r.ok && r.total).toBe(48);
  });
});
