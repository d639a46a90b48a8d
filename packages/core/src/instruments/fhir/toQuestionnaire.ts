// Builds the FHIR R4 Questionnaire of an instrument from its definition (wording only where shipped).
import { answerSystem, EXT, FHIR_EXT, instrumentUrl } from "./constants.ts";
import { translationElement } from "./translation.ts";
import type { Extension, Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption } from "./types.ts";
import type { AnswerScale, Instrument, ItemDefinition } from "../types.ts";

/**
 * The instrument as a FHIR R4 Questionnaire. Project-authored wording carries French translations
 * (translation extension); shells have items, answer codes and scoring metadata but no wording.
 *
 * @example
 * const q = toQuestionnaire(getInstrument("alliance-checkin-patient"));
 * q.item?.[1]?.text; // "Today I felt at ease with my therapist."
 */
export function toQuestionnaire(instrument: Instrument): Questionnaire {
  const items: QuestionnaireItem[] = [];
  if (instrument.instructions) {
    items.push({
      linkId: `${instrument.id}-instructions`,
      type: "display",
      text: instrument.instructions.en,
      _text: translationElement(instrument.instructions),
    });
  }
  for (const item of instrument.items) items.push(toItem(instrument, item));

  const q: Questionnaire = {
    resourceType: "Questionnaire",
    id: instrument.id,
    url: instrumentUrl(instrument),
    version: instrument.version,
    name: machineName(instrument.id),
    title: instrument.title.en,
    _title: translationElement(instrument.title),
    status: "active",
    subjectType: ["Patient"],
    publisher: instrument.projectAuthored
      ? "attune"
      : `${instrument.licence.holder} (structure and scoring: attune)`,
    description: instrument.description.en,
    _description: translationElement(instrument.description),
    copyright: [instrument.licence.notice, instrument.licence.terms].filter(Boolean).join("\n\n"),
    language: "en",
    extension: [licenceExtension(instrument), { url: EXT.validated, valueBoolean: instrument.validated }],
    item: items,
  };
  return stripUndefined(q);
}

const ITEM_TYPE = {
  continuous: "decimal",
  integer: "integer",
  imported: "decimal",
  ordinal: "choice",
  nominal: "choice",
} as const satisfies Record<AnswerScale["kind"], QuestionnaireItem["type"]>;

function toItem(instrument: Instrument, item: ItemDefinition): QuestionnaireItem {
  const scale = instrument.answerScales[item.scale];
  if (!scale)
    throw new Error(`instrument ${instrument.id}: item "${item.linkId}" uses unknown scale "${item.scale}"`);
  const extension: Extension[] = [{ url: EXT.answerScale, valueString: item.scale }];
  if (item.reverse) extension.push({ url: EXT.reverseKeyed, valueBoolean: true });
  const out: QuestionnaireItem = {
    linkId: item.linkId,
    prefix: item.prefix,
    text: item.text?.en,
    _text: translationElement(item.text),
    type: ITEM_TYPE[scale.kind],
    required: item.required,
    extension,
  };
  if (scale.kind === "continuous") {
    extension.push(
      { url: FHIR_EXT.minValue, valueDecimal: scale.min },
      { url: FHIR_EXT.maxValue, valueDecimal: scale.max },
      { url: FHIR_EXT.maxDecimalPlaces, valueInteger: scale.decimals },
      {
        url: FHIR_EXT.itemControl,
        valueCodeableConcept: {
          coding: [{ system: "http://hl7.org/fhir/questionnaire-item-control", code: "slider" }],
        },
      },
    );
  } else if (scale.kind === "integer") {
    extension.push(
      { url: FHIR_EXT.minValue, valueInteger: scale.min },
      { url: FHIR_EXT.maxValue, valueInteger: scale.max },
    );
  } else if (scale.kind !== "imported") {
    out.answerOption = answerOptions(instrument.id, item.scale, scale);
  }
  if (item.enableWhen) {
    out.enableWhen = [
      {
        question: item.enableWhen.linkId,
        operator: item.enableWhen.equal !== undefined ? "=" : "!=",
        answerCoding: {
          system: answerSystem(instrument.id, controllingScale(instrument, item.enableWhen.linkId)),
          code: String(item.enableWhen.equal ?? item.enableWhen.notEqual),
        },
      },
    ];
  }
  return out;
}

function answerOptions(
  instrumentId: string,
  scaleId: string,
  scale: AnswerScale,
): QuestionnaireItemAnswerOption[] {
  if (scale.kind !== "ordinal" && scale.kind !== "nominal") return [];
  return scale.options.map((o) => ({
    valueCoding: {
      system: answerSystem(instrumentId, scaleId),
      code: String(o.value),
      display: o.label?.en,
      _display: translationElement(o.label),
      extension:
        scale.kind === "ordinal" ? [{ url: FHIR_EXT.ordinalValue, valueDecimal: o.value }] : undefined,
    },
  }));
}

function controllingScale(instrument: Instrument, linkId: string): string {
  const other = instrument.items.find((it) => it.linkId === linkId);
  if (!other) throw new Error(`instrument ${instrument.id}: enableWhen names unknown item "${linkId}"`);
  return other.scale;
}

function licenceExtension(instrument: Instrument): Extension {
  const l = instrument.licence;
  const sub: Extension[] = [
    { url: "holder", valueString: l.holder },
    { url: "code", valueCode: l.code },
    { url: "terms", valueString: l.terms },
    { url: "textShipped", valueBoolean: l.textShipped },
  ];
  if (l.notice) sub.push({ url: "notice", valueString: l.notice });
  if (l.url) sub.push({ url: "url", valueUri: l.url });
  return { url: EXT.licence, extension: sub };
}

/** "alliance-checkin-patient" → "AllianceCheckinPatient" (FHIR names are machine-processable). */
function machineName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

/** FHIR JSON forbids null and is cleaner without undefined keys; JSON round-trip removes them. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
