import { describe, expect, it } from "vitest";
import type { Column, DataFrame } from "../frame/dataFrame.ts";
import { parseFormula } from "../formula/parse.ts";
import { expandFormula } from "../formula/terms.ts";
import { modelFrame } from "./frame.ts";

/** Deterministic PRNG (an LCG). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** The same data twice: grouping columns as plain values, and with dictionary codes as the CLI's reader gives. */
function withAndWithoutCodes(seed: number, missing = true): [DataFrame, DataFrame] {
  const rnd = random(seed);
  const n = 400;
  const ids = ["b", "B", "a10", "a2", "P_1", "p-1", "Zoë", "zoe", "x y", "T1"];
  const y = new Float64Array(n);
  const g: (string | null)[] = [];
  const h: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    y[i] = missing && rnd() < 0.05 ? Number.NaN : rnd();
    // Runs of equal ids (long data) with a missing cell now and then; one id only in a dropped row.
    g.push(missing && rnd() < 0.03 ? null : (ids[Math.floor(i / 7) % ids.length] as string));
    h.push(missing && i === 5 ? "only-in-a-dropped-row" : (ids[Math.floor(rnd() * 4)] as string));
  }
  if (missing) y[5] = Number.NaN;
  const coded = (values: (string | null)[]) => {
    // Dictionary in an order of its own (not first-seen), so nothing depends on it.
    const dictionary = [...new Set(values.filter((v): v is string => v !== null))].reverse();
    const codes = Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v)));
    return { type: "categorical" as const, values, codes, dictionary };
  };
  const names = ["y", "g", "h"];
  const plain: DataFrame = {
    nrow: n,
    names,
    columns: new Map<string, Column>([
      ["y", { type: "numeric" as const, values: y }],
      ["g", { type: "categorical" as const, values: g }],
      ["h", { type: "categorical" as const, values: h }],
    ]),
  };
  const withCodes: DataFrame = {
    nrow: n,
    names,
    columns: new Map<string, Column>([
      ["y", { type: "numeric" as const, values: y }],
      ["g", coded(g)],
      ["h", coded(h)],
    ]),
  };
  return [plain, withCodes];
}

describe("modelFrame on categorical columns with dictionary codes", () => {
  it("gives the same grouping factors (levels, codes, dropped rows) as from the values", () => {
    const f = expandFormula(parseFormula("y ~ 1 + (1 | g) + (1 | g:h) + (1 | h)"));
    for (const seed of [1, 2, 3]) {
      const [plain, withCodes] = withAndWithoutCodes(seed);
      const a = modelFrame(f, plain);
      const b = modelFrame(f, withCodes);
      expect(b.nDropped).toBe(a.nDropped);
      expect(a.nDropped).toBeGreaterThan(0);
      expect(Array.from(b.rows)).toEqual(Array.from(a.rows));
      for (const label of ["g", "h", "g:h"]) {
        const ga = a.groups.get(label);
        const gb = b.groups.get(label);
        expect(gb?.levels, `${label}, seed ${seed}`).toEqual(ga?.levels);
        expect(Array.from(gb?.codes ?? []), `${label}, seed ${seed}`).toEqual(Array.from(ga?.codes ?? []));
      }
      expect(a.groups.get("h")?.levels).not.toContain("only-in-a-dropped-row");
    }
  });
});

describe("modelFrame's interaction factors", () => {
  it("codes g:h as the sorted distinct pairs of g's and h's levels that occur, with or without dropped rows", () => {
    const f = expandFormula(parseFormula("y ~ 1 + (1 | g) + (1 | h) + (1 | g:h)"));
    for (const [seed, missing] of [
      [4, true],
      [5, false],
    ] as const) {
      const [, withCodes] = withAndWithoutCodes(seed, missing);
      const mf = modelFrame(f, withCodes);
      expect(mf.nDropped > 0).toBe(missing);
      // The reference: each used row's pair of g's and h's codes, in R's level order of g then h.
      const g = mf.groups.get("g");
      const h = mf.groups.get("h");
      if (!g || !h) throw new Error("g and h should be grouping factors");
      const pairs = Array.from(g.codes, (c, r) => [c, h.codes[r] as number] as const);
      const distinct = [...new Map(pairs.map((p) => [`${p[0]},${p[1]}`, p])).values()].sort(
        (p, q) => p[0] - q[0] || p[1] - q[1],
      );
      const gh = mf.groups.get("g:h");
      expect(gh?.levels).toEqual(distinct.map((p) => `${g.levels[p[0]]}:${h.levels[p[1]]}`));
      expect(Array.from(gh?.codes ?? [])).toEqual(
        pairs.map((p) => distinct.findIndex((d) => d[0] === p[0] && d[1] === p[1])),
      );
    }
  });
});
