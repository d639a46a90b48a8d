// A generic instrument for forms made of integer items with a range, scored as the mean of items
// per scale (prorated: a scale is scored when at most `maxMissing` of its items are unanswered).
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from "fhir/r4";
import type { Rater } from "@attune/db";
import type { Problem } from "../errors.ts";
import type { Instrument } from "./catalog.ts";

const MIN = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX = "http://hl7.org/fhir/StructureDefinition/maxValue";

export interface LikertSpec {
  id: string;
  url: string;
  title: string;
  rater: Rater;
  min: number;
  max: number;
  items: { linkId: string; text: string; required?: boolean }[];
  scales: Record<string, { items: string[]; maxMissing: number }>;
}

export function likertInstrument(spec: LikertSpec): Instrument {
  const items: QuestionnaireItem[] = spec.items.map((i) => ({
    linkId: i.linkId,
    text: i.text,
    type: "integer",
    required: i.required ?? true,
    extension: [
      { url: MIN, valueInteger: spec.min },
      { url: MAX, valueInteger: spec.max },
    ],
  }));
  const questionnaire: Questionnaire & { url: string } = {
    resourceType: "Questionnaire",
    id: spec.id,
    url: spec.url,
    version: "1",
    name: spec.id.replace(/[^A-Za-z0-9]/g, "_"),
    title: spec.title,
    status: "active",
    subjectType: ["Patient"],
    item: items,
  };
  const known = new Map(spec.items.map((i) => [i.linkId, i]));

  function answers(qr: QuestionnaireResponse): Map<string, number> {
    const out = new Map<string, number>();
    for (const it of qr.item ?? []) {
      const v = it.answer?.[0]?.valueInteger;
      if (typeof v === "number") out.set(it.linkId, v);
    }
    return out;
  }

  return {
    questionnaire,
    rater: spec.rater,
    check(qr) {
      const problems: Problem[] = [];
      const seen = new Set<string>();
      (qr.item ?? []).forEach((it: QuestionnaireResponseItem, idx) => {
        const where = `item[${idx}]`;
        if (!known.has(it.linkId)) {
          problems.push({ where: `${where}.linkId`, message: `unknown item "${it.linkId}" in ${spec.url}` });
          return;
        }
        if (seen.has(it.linkId))
          problems.push({ where: `${where}.linkId`, message: `item "${it.linkId}" answered twice` });
        seen.add(it.linkId);
        const ans = it.answer ?? [];
        if (ans.length > 1)
          problems.push({ where: `${where}.answer`, message: `item "${it.linkId}" takes one answer` });
        ans.forEach((a, j) => {
          const keys = Object.keys(a).filter((k) => k.startsWith("value"));
          const v = a.valueInteger;
          if (
            keys.length !== 1 ||
            keys[0] !== "valueInteger" ||
            typeof v !== "number" ||
            !Number.isInteger(v)
          )
            problems.push({
              where: `${where}.answer[${j}]`,
              message: `item "${it.linkId}" needs a valueInteger, got ${JSON.stringify(a).slice(0, 80)}`,
            });
          else if (v < spec.min || v > spec.max)
            problems.push({
              where: `${where}.answer[${j}].valueInteger`,
              message: `answer ${v} to item "${it.linkId}" is outside ${spec.min}..${spec.max}`,
            });
        });
      });
      if (qr.status === "completed")
        for (const i of spec.items)
          if ((i.required ?? true) && !seen.has(i.linkId))
            problems.push({ where: "item", message: `required item "${i.linkId}" is not answered` });
      return problems;
    },
    score(qr) {
      const a = answers(qr);
      const out: Record<string, number> = {};
      for (const [scale, def] of Object.entries(spec.scales)) {
        const vals = def.items.map((l) => a.get(l)).filter((v): v is number => v !== undefined);
        if (vals.length > 0 && def.items.length - vals.length <= def.maxMissing)
          out[scale] = vals.reduce((s, v) => s + v, 0) / vals.length;
      }
      return out;
    },
  };
}
