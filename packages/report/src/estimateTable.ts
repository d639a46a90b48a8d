import type { Estimate } from "@attune/core";
import { fmt, fmtCi, fmtP } from "./format.ts";
import type { Table } from "./model.ts";

/**
 * A table of named estimates with 95% intervals, df (t tests) and p.
 *
 * @example
 * estimateTable("Lagged effects", [["within", result.within]]);
 */
export function estimateTable(caption: string, rows: ReadonlyArray<readonly [string, Estimate]>): Table {
  return {
    caption,
    head: ["quantity", "estimate [95% CI]", "SE", "df", "p"],
    rows: rows.map(([name, e]) => [
      name,
      fmtCi(e.estimate, e.lower, e.upper),
      fmt(e.se),
      fmt(e.df, 1),
      fmtP(e.p),
    ]),
  };
}
