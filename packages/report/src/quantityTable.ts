import type { ArmQuantity } from "@attune/core";
import { estimateTable } from "./estimateTable.ts";
import type { Table } from "./model.ts";

const armName = (a: string) => (a === "all" ? "all therapists" : `condition ${a}`);

/**
 * A table of headline quantities: each one's value per arm and the arm difference, with 95% intervals.
 *
 * @example
 * quantityTable("Temporal congruence", [["temporal congruence", q.temporalCongruence]]);
 */
export function quantityTable(
  caption: string,
  quantities: ReadonlyArray<readonly [string, ArmQuantity]>,
): Table {
  return estimateTable(
    caption,
    quantities.flatMap(([name, q]) =>
      Object.entries(q.intervals).map(([arm, e]) => [`${name}, ${armName(arm)}`, e] as const),
    ),
  );
}
