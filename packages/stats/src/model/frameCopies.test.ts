// A plain numeric column is copied once on its way into the model frame: evaluateNumeric hands back the data
// frame's own array and the frame copies the rows it uses. Sharing the array is safe only while nothing
// writes into it, so fitting and predicting must leave every column of the caller's data exactly as it was,
// bit for bit: the response, raw poly() and offset() read their columns through evaluateNumeric, prediction
// sets a missing offset to 0, and rows with a missing value are dropped.
import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, type DataFrame } from "../frame/dataFrame.ts";
import { parseFormula } from "../formula/parse.ts";
import { expandFormula } from "../formula/terms.ts";
import { fitLmm } from "../lmm/fit.ts";
import { evaluateNumeric } from "./evaluate.ts";
import { modelFrame } from "./frame.ts";

/** Deterministic PRNG (an LCG). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** 10 groups of 8 rows; `missing` puts NaN in a few responses, predictors and offsets. */
function data(seed: number, missing: boolean): DataFrame {
  const rnd = random(seed);
  const n = 80;
  const g = Array.from({ length: n }, (_, i) => `g${Math.floor(i / 8)}`);
  const effect = Array.from({ length: 10 }, () => rnd() - 0.5);
  const x = Array.from({ length: n }, () => 10 * rnd());
  const w = Array.from({ length: n }, () => rnd());
  const y = x.map((v, i) => 1 + 0.5 * v + w[i]! + effect[Math.floor(i / 8)]! + rnd());
  if (missing) for (const i of [3, 17, 40]) [y, x, w][i % 3]![i] = Number.NaN;
  return dataFrameFromColumns({ y, x, w, g });
}

/** Every numeric column's bytes (NaN payloads included), to compare before and after. */
function bytes(df: DataFrame): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [name, col] of df.columns)
    if (col.type === "numeric") out.set(name, Array.from(new Uint8Array(col.values.slice().buffer)));
  return out;
}

describe("a plain column on its way into the model frame", () => {
  it("is the data's own array from evaluateNumeric, and a copy of its own in the frame", () => {
    const df = data(1, false);
    const y = df.columns.get("y")!.values as Float64Array;
    const ctx = { learn: true, params: new Map() };
    expect(evaluateNumeric(parseFormula("y ~ 1").response.expr, df, ctx, "response", "y")).toBe(y);
    const mf = modelFrame(expandFormula(parseFormula("y ~ x + (1 | g)")), df);
    expect(mf.y).not.toBe(y);
    expect(mf.y).toEqual(y);
    const x = mf.variables.get("x");
    expect(x?.type === "numeric" && x.values).not.toBe(df.columns.get("x")!.values);
  });

  for (const missing of [false, true]) {
    it(`is left as it was by fitting and predicting (${missing ? "rows with missing values" : "every row used"})`, () => {
      const df = data(2, missing);
      const nd = data(3, true);
      const before = [bytes(df), bytes(nd)];
      const formula = "y ~ poly(x, 2, raw = TRUE) + offset(w) + (1 | g)";
      const fit = fitLmm(formula, df);
      expect(fit.fixefNames).toEqual(["(Intercept)", "poly(x, 2, raw = TRUE)1", "poly(x, 2, raw = TRUE)2"]);
      // Writing into a frame's response reaches the frame only.
      modelFrame(expandFormula(parseFormula(formula)), df).y.fill(0);
      // A row with a missing predictor or offset gets no prediction (its offset is set to 0 on the way).
      for (const [rows, predicted] of [
        [nd, fit.predict(nd).fit],
        [df, fit.predict().fit],
      ] as const) {
        const incomplete = (i: number) =>
          ["x", "w"].some((c) => Number.isNaN(rows.columns.get(c)!.values[i]));
        const expected = Array.from({ length: rows.nrow }, (_, i) => !incomplete(i));
        expect(Array.from(predicted, (v) => Number.isFinite(v))).toEqual(expected);
      }
      expect([bytes(df), bytes(nd)]).toEqual(before);
    });
  }
});
