import { readFileSync } from "node:fs";
import { dataFrameFromRows, type DataFrame } from "@attune/stats";

/** Reads a simple CSV (optional double quotes, no embedded commas) into a DataFrame, for tests. */
export function readSimpleCsv(path: string): DataFrame {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const split = (l: string) => l.split(",").map((c) => c.replace(/^"(.*)"$/, "$1"));
  return dataFrameFromRows(split(lines[0] ?? ""), lines.slice(1).map(split));
}
