// Every definition is internally consistent, sourced, and honest about licence and validation.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scaleBounds } from "./answers.ts";
import { toQuestionnaire } from "./fhir/toQuestionnaire.ts";
import { allInstruments, findInstrument, getInstrument, listInstruments } from "./registry.ts";
import { scaleRange, scoreResponse } from "./scoring.ts";
import type { Instrument, LocalizedText } from "./types.ts";

const each = allInstruments().map((i) => [i.id, i] as const);

function allTexts(i: Instrument): LocalizedText[] {
  const texts: LocalizedText[] = [i.title, i.construct, i.description];
  if (i.instructions) texts.push(i.instructions);
  for (const item of i.items) if (item.text) texts.push(item.text);
  for (const scale of Object.values(i.answerScales)) {
    if ("options" in scale) for (const o of scale.options) if (o.label) texts.push(o.label);
  }
  for (const s of [...(i.scoring.total ? [i.scoring.total] : []), ...i.scoring.subscales])
    texts.push(s.label);
  return texts;
}

describe("the instrument library", () => {
  it("has every instrument the issue asks for", () => {
    expect(listInstruments().map((i) => i.id)).toEqual([
      "phq-9",
      "gad-7",
      "who-5",
      "core-10",
      "ors",
      "wai-sr",
      "wai-sr-t",
      "sai",
      "srs",
      "alliance-checkin-patient",
      "alliance-checkin-therapist",
      "rupture-coding",
      "therapist-experiences",
      "treatment-confidence",
    ]);
  });

  it("summarises range and licence", () => {
    const phq = listInstruments().find((i) => i.id === "phq-9");
    expect(phq).toMatchObject({ items: 10, range: { min: 0, max: 27 }, textShipped: true, rater: "patient" });
    expect(listInstruments().find((i) => i.id === "rupture-coding")?.range).toBeNull();
  });

  it("is listed in full in docs/instruments.md", () => {
    const doc = readFileSync(new URL("../../../../docs/instruments.md", import.meta.url), "utf8");
    const rows = doc.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows.map((l) => /^\| `([^`]+)`/.exec(l)?.[1])).toEqual(listInstruments().map((i) => i.id));
  });

  it("finds by id, and names the known ids when it cannot", () => {
    expect(findInstrument("nope")).toBeUndefined();
    expect(() => getInstrument("phq9")).toThrow(/^unknown instrument "phq9"; known: phq-9, gad-7, /);
  });

  it("ships wording exactly for PHQ-9, GAD-7, WHO-5, CORE-10 and the project's own forms", () => {
    expect(
      allInstruments()
        .filter((i) => i.licence.textShipped)
        .map((i) => i.id),
    ).toEqual([
      "phq-9",
      "gad-7",
      "who-5",
      "core-10",
      "alliance-checkin-patient",
      "alliance-checkin-therapist",
      "rupture-coding",
      "therapist-experiences",
      "treatment-confidence",
    ]);
  });
});

describe.each(each)("%s definition", (_id, inst) => {
  it("has unique linkIds, known scales and known enableWhen targets", () => {
    const ids = inst.items.map((i) => i.linkId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of inst.items) {
      expect(inst.answerScales[item.scale], `${item.linkId} scale`).toBeDefined();
      if (item.enableWhen) expect(ids).toContain(item.enableWhen.linkId);
    }
  });

  it("has scales over existing, summable items with a sourced missing rule", () => {
    const rules = [...(inst.scoring.total ? [inst.scoring.total] : []), ...inst.scoring.subscales];
    for (const rule of rules) {
      expect(rule.items.length).toBeGreaterThan(rule.maxMissing);
      expect(rule.missingRuleSource.length).toBeGreaterThan(10);
      for (const linkId of rule.items) {
        const item = inst.items.find((i) => i.linkId === linkId);
        expect(item, `${rule.id}: ${linkId}`).toBeDefined();
        expect(inst.answerScales[item!.scale]?.kind).not.toBe("nominal");
      }
    }
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it("has cutoffs, bands and reliable change on its own scales, each with a source", () => {
    const scaleIds = [...(inst.scoring.total ? [inst.scoring.total] : []), ...inst.scoring.subscales].map(
      (r) => r.id,
    );
    for (const c of inst.scoring.cutoffs) {
      expect(scaleIds).toContain(c.scale);
      expect(c.source.length).toBeGreaterThan(10);
    }
    const rc = inst.scoring.reliableChange;
    if (rc) {
      expect(scaleIds).toContain(rc.scale);
      expect(rc.threshold).toBeGreaterThan(0);
      expect(rc.source.length).toBeGreaterThan(10);
      if (rc.method === "published" && (!rc.sd || !rc.reliability)) expect(rc.note).toMatch(/not|no /);
    } else {
      expect(inst.scoring.reliableChangeNote?.length ?? 0).toBeGreaterThan(10);
    }
    const bands = inst.scoring.bands;
    if (bands && inst.scoring.total) {
      const range = scaleRange(inst, inst.scoring.total);
      expect(bands[0]?.min).toBe(range.min);
      expect(bands.at(-1)?.max).toBe(range.max);
      for (let k = 1; k < bands.length; k++) expect(bands[k]?.min).toBe(bands[k - 1]!.max + 1);
      expect(inst.scoring.bandsSource).toBeDefined();
    }
  });

  it("scores 0% at the lowest and 100% at the highest answers, through every reverse key", () => {
    const low: Record<string, number> = {};
    const high: Record<string, number> = {};
    for (const item of inst.items) {
      const scale = inst.answerScales[item.scale]!;
      if (scale.kind === "nominal" || item.enableWhen) continue;
      const { min, max } = scaleBounds(scale);
      low[item.linkId] = item.reverse ? max : min;
      high[item.linkId] = item.reverse ? min : max;
    }
    const lo = scoreResponse(inst, low);
    const hi = scoreResponse(inst, high);
    if (!lo.ok || !hi.ok) throw new Error("all-min/all-max answers were rejected");
    for (const s of lo.scales) expect(s.percentOfMax, `${s.id} low`).toBe(0);
    for (const s of hi.scales) expect(s.percentOfMax, `${s.id} high`).toBe(100);
    for (const item of inst.items.filter((i) => i.reverse)) {
      const { min, max } = scaleBounds(inst.answerScales[item.scale]!);
      expect(lo.itemScores[item.linkId]).toBe(min);
      expect(hi.itemScores[item.linkId]).toBe(max);
    }
  });

  it("is honest about licence and validation", () => {
    expect(inst.licence.holder.length).toBeGreaterThan(3);
    expect(inst.licence.terms.length).toBeGreaterThan(10);
    expect(inst.references.length).toBeGreaterThan(0);
    if (!inst.validated) {
      expect(inst.projectAuthored).toBe(true);
      expect(inst.caveats.join(" ")).toContain("NOT VALIDATED");
      expect(inst.title.en).toContain("not validated");
    }
  });

  it("ships no wording its licence does not allow; project wording is in English and French", () => {
    const q = JSON.stringify(toQuestionnaire(inst));
    if (!inst.licence.textShipped) {
      for (const item of inst.items) expect(item.text).toBeUndefined();
      expect(inst.instructions).toBeUndefined();
      for (const scale of Object.values(inst.answerScales)) {
        if ("options" in scale) for (const o of scale.options) expect(o.label).toBeUndefined();
      }
      expect(q).not.toContain('"display":');
      const questions = toQuestionnaire(inst).item ?? [];
      for (const item of questions) expect(item.text).toBeUndefined();
    } else {
      for (const item of inst.items) expect(item.text?.en, item.linkId).toBeTruthy();
    }
    if (inst.projectAuthored) {
      for (const t of allTexts(inst)) expect(t.fr, t.en).toBeTruthy();
    } else {
      // third-party wording is never translated by the project
      for (const item of inst.items) expect(item.text?.fr).toBeUndefined();
    }
  });
});
