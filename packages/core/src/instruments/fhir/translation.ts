// The FHIR translation extension (http://hl7.org/fhir/StructureDefinition/translation) on a string's
// primitive element (`_text`, `_title`, `_display`): one extension per extra language.
import { FHIR_EXT } from "./constants.ts";
import type { Element, Extension } from "./types.ts";
import type { LocalizedText } from "../types.ts";

/**
 * The `_field` element carrying the non-English wordings of a text, or undefined when there are none.
 *
 * @example
 * translationElement({ en: "Not at all", fr: "Pas du tout" });
 * // { extension: [{ url: ".../translation", extension: [{ url: "lang", valueCode: "fr" }, { url: "content", valueString: "Pas du tout" }] }] }
 */
export function translationElement(text: LocalizedText | undefined): Element | undefined {
  if (!text) return undefined;
  const extension: Extension[] = [];
  for (const [lang, content] of Object.entries(text)) {
    if (lang === "en" || typeof content !== "string") continue;
    extension.push(translationExtension(lang, content));
  }
  return extension.length > 0 ? { extension } : undefined;
}

/**
 * One translation extension.
 *
 * @example
 * translationExtension("fr", "Complètement");
 */
export function translationExtension(lang: string, content: string): Extension {
  return {
    url: FHIR_EXT.translation,
    extension: [
      { url: "lang", valueCode: lang },
      { url: "content", valueString: content },
    ],
  };
}

/**
 * Reads the translation for `lang` from a `_field` element, or undefined.
 *
 * @example
 * readTranslation(item._text, "fr"); // "Aujourd'hui, je me suis senti(e) ..."
 */
export function readTranslation(element: Element | undefined, lang: string): string | undefined {
  for (const ext of element?.extension ?? []) {
    if (ext.url !== FHIR_EXT.translation) continue;
    const code = ext.extension?.find((e) => e.url === "lang")?.valueCode;
    const content = ext.extension?.find((e) => e.url === "content")?.valueString;
    if (code === lang && content !== undefined) return content;
  }
  return undefined;
}

/**
 * Languages for which a `_field` element holds a translation.
 *
 * @example
 * translatedLanguages(item._text); // ["fr"]
 */
export function translatedLanguages(element: Element | undefined): string[] {
  const langs: string[] = [];
  for (const ext of element?.extension ?? []) {
    if (ext.url !== FHIR_EXT.translation) continue;
    const code = ext.extension?.find((e) => e.url === "lang")?.valueCode;
    if (code) langs.push(code);
  }
  return langs;
}

/**
 * Adds (or replaces) the translation for `lang` in a `_field` element, returning a new element.
 *
 * @example
 * withTranslation(item._text, "fr", "Pas du tout");
 */
export function withTranslation(element: Element | undefined, lang: string, content: string): Element {
  const kept = (element?.extension ?? []).filter(
    (ext) =>
      ext.url !== FHIR_EXT.translation || ext.extension?.find((e) => e.url === "lang")?.valueCode !== lang,
  );
  return { ...element, extension: [...kept, translationExtension(lang, content)] };
}
