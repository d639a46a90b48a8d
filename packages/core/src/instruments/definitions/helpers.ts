// Small builders shared by the instrument definitions.
import type { AnswerScale, ItemDefinition, LocalizedText } from "../types.ts";

/**
 * An ordinal scale from consecutive values starting at `from`, with labels (or none, for a shell).
 *
 * @example
 * ordinal(0, [{ en: "Not at all" }, { en: "Several days" }]); // values 0, 1
 * ordinal(1, 5); // a shell scale 1..5 without labels
 */
export function ordinal(from: number, labels: readonly LocalizedText[] | number): AnswerScale {
  const n = typeof labels === "number" ? labels : labels.length;
  return {
    kind: "ordinal",
    options: Array.from({ length: n }, (_, i) => {
      const label = typeof labels === "number" ? undefined : labels[i];
      return label ? { value: from + i, label } : { value: from + i };
    }),
  };
}

/**
 * Numbered items `<prefix>-1` … `<prefix>-n` on one scale, with wording when given.
 *
 * @example
 * numberedItems("phq9", "frequency", [{ en: "Little interest or pleasure in doing things" }]);
 * numberedItems("wai-sr", "frequency", 12, { reverse: [] }); // a shell
 */
export function numberedItems(
  prefix: string,
  scale: string,
  texts: readonly LocalizedText[] | number,
  options: { reverse?: readonly number[]; required?: boolean } = {},
): ItemDefinition[] {
  const n = typeof texts === "number" ? texts : texts.length;
  return Array.from({ length: n }, (_, i) => {
    const text = typeof texts === "number" ? undefined : texts[i];
    const item: ItemDefinition = {
      linkId: `${prefix}-${i + 1}`,
      prefix: String(i + 1),
      scale,
      ...(text ? { text } : {}),
      ...(options.reverse?.includes(i + 1) ? { reverse: true } : {}),
      ...(options.required ? { required: true } : {}),
    };
    return item;
  });
}

/**
 * linkIds `<prefix>-i` for the given item numbers.
 *
 * @example
 * linkIds("wai-sr", [1, 2, 10, 12]); // ["wai-sr-1", "wai-sr-2", "wai-sr-10", "wai-sr-12"]
 */
export function linkIds(prefix: string, numbers: readonly number[]): string[] {
  return numbers.map((n) => `${prefix}-${n}`);
}

/**
 * 1..n.
 *
 * @example
 * range1(3); // [1, 2, 3]
 */
export function range1(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
