// Loads the lme4/lmerTest reference fits (fixtures/golden, made by tools/r/golden.R) and their data.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dataFrameFromRows, type DataFrame } from "../src/index.ts";

export const FIXTURES = fileURLToPath(new URL("../../../fixtures/golden/", import.meta.url));
/** More cases made by tools/r/golden-extra.R (factors, k = 3, singular, crossed, missing values). */
export const FIXTURES_EXTRA = fileURLToPath(new URL("../../../fixtures/golden-extra/", import.meta.url));

export interface GoldenCase {
  data: string;
  formula: string;
  method: "REML" | "ML";
  nobs: number;
  groups: Record<string, number>;
  fixef: { term: string; estimate: number; se: number; df: number; t: number; p: number }[];
  varcorr: (
    | { group: string; term: string | null; sd: number }
    | { group: string; terms: [string, string]; cor: number }
  )[];
  sigma: number;
  logLik: number;
  deviance: number;
  AIC: number;
  BIC: number;
  theta: number[];
}

export function goldenCases(dir = FIXTURES): GoldenCase[] {
  return JSON.parse(readFileSync(dir + "reference.json", "utf8")) as GoldenCase[];
}

/** Minimal CSV reader for the fixtures (quoted fields without embedded commas). */
export function readFixture(name: string, dir = FIXTURES): DataFrame {
  const lines = readFileSync(dir + name, "utf8")
    .trim()
    .split(/\r?\n/);
  const split = (l: string) => l.split(",").map((v) => v.trim().replace(/^"(.*)"$/, "$1"));
  const header = split(lines[0] as string);
  return dataFrameFromRows(header, lines.slice(1).map(split));
}
