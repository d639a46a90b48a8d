// Attribute values as a request names them (by column code) checked against the declarations with
// core's one contract; every problem is named, nothing is stored when one is wrong.
import { attributeValue } from "@attune/core";
import type { StoredAttribute } from "@attune/db";
import { invalid, type Problem } from "../errors.ts";

/**
 * Checks `{code: value}` against the declared attributes; throws a 400 naming each bad value.
 *
 * @example
 * checkedValues(defs, { years_practice: 12 }); // [{ attributeId: "…", value: "12" }]
 */
export function checkedValues(
  defs: readonly StoredAttribute[],
  given: Record<string, string | number | null>,
  where = "body.values",
): { attributeId: string; value: string | null }[] {
  const problems: Problem[] = [];
  const out: { attributeId: string; value: string | null }[] = [];
  for (const [code, raw] of Object.entries(given)) {
    const def = defs.find((d) => d.code === code);
    if (!def) {
      problems.push({
        where: `${where}.${code}`,
        message: `no therapist attribute "${code}" (the network has: ${defs.map((d) => d.code).join(", ") || "none"})`,
      });
      continue;
    }
    const v = attributeValue(def, raw);
    if ("problem" in v) problems.push({ where: `${where}.${code}`, message: v.problem });
    else out.push({ attributeId: def.id, value: v.value });
  }
  if (problems.length) throw invalid(problems.map((p) => p.message).join("; "), problems);
  return out;
}
