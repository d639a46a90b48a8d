// The cross-lagged recipe's choices in a run request: the second process (a measure of the long table or an
// alliance rating) and the model ("stacked", the default, or "separate"), refused on any other recipe.
import { LONG_MEASURES } from "@attune/core";
import type { RunBody } from "@attune/api";
import type { z } from "@hono/zod-openapi";
import { invalid } from "../errors.ts";

/** The columns a run may take as cross-lagged's second process: the alliance ratings and every measure. */
export const PROCESS2_COLUMNS: readonly string[] = [
  "alliance_patient",
  "alliance_therapist",
  ...LONG_MEASURES.map((m) => m.column),
];

/**
 * The recorded cross-lagged options of a request (empty for other recipes); a second process that is no
 * column of the analysis table, or is the outcome, and these options on another recipe are refused,
 * naming the value.
 *
 * @example
 * crossLaggedChoice({ recipe: "cross-lagged", process2: "confidence" }, "phq9");
 * // { process2: "confidence", crossLaggedModel: "stacked" }
 */
export function crossLaggedChoice(
  b: z.infer<typeof RunBody>,
  outcome: string,
): { process2?: string; crossLaggedModel?: "stacked" | "separate" } {
  if (b.recipe !== "cross-lagged") {
    const given =
      b.crossLaggedModel !== undefined ? "crossLaggedModel" : b.process2 !== undefined ? "process2" : null;
    if (given === null) return {};
    throw invalid(
      b.recipe === "all"
        ? `${given} is an option of the cross-lagged analysis; "all" runs the five core analyses, not cross-lagged`
        : `${given} is an option of the cross-lagged analysis, not of ${b.recipe}`,
    );
  }
  const p2 = b.process2;
  if (p2 === undefined)
    throw invalid(
      `the cross-lagged analysis needs a second process (process2): one of ${PROCESS2_COLUMNS.join(", ")}`,
    );
  if (!PROCESS2_COLUMNS.includes(p2))
    throw invalid(
      `process2 "${p2.slice(0, 40)}" is not a column of the analysis table that cross-lagged can use (${PROCESS2_COLUMNS.join(", ")})`,
    );
  if (p2 === outcome)
    throw invalid(`process2 "${p2}" is the outcome; choose a second process other than the outcome`);
  return { process2: p2, crossLaggedModel: b.crossLaggedModel ?? "stacked" };
}
