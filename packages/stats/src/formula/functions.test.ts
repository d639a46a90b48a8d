// Formula functions as R evaluates them. Reference values were printed by R 4.2.2 (stats::poly,
// scale, as.character, deparse) and are typed in here with their R call beside them.
import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, dataFrameFromRows } from "../frame/dataFrame.ts";
import { modelColumns } from "../model/design.ts";
import { modelFrame } from "../model/frame.ts";
import { evalPoly, orthogonalPoly } from "../model/poly.ts";
import { formatRNumber } from "./rformat.ts";
import { parseFormula } from "./parse.ts";
import { expandFormula } from "./terms.ts";

const expand = (f: string) => expandFormula(parseFormula(f));

describe("R's number formatting (as.character, deparse)", () => {
  it("matches as.character on doubles", () => {
    // as.character(c(100000, 0.1+0.2, 123456, 1e-4, 0.001, 1e15, -2.5e-7, 1234567.1, 1e-20, pi))
    const r = [
      "1e+05",
      "0.3",
      "123456",
      "1e-04",
      "0.001",
      "1e+15",
      "-2.5e-07",
      "1234567.1",
      "1e-20",
      "3.14159265358979",
    ];
    const v = [100000, 0.1 + 0.2, 123456, 1e-4, 0.001, 1e15, -2.5e-7, 1234567.1, 1e-20, Math.PI];
    expect(v.map(formatRNumber)).toEqual(r);
  });
});

describe("R's poly()", () => {
  const x = Float64Array.of(1, 3, 4, 7, 11, 2.5);
  it("gives the orthogonal columns and coefs of poly(x, 3)", () => {
    const { columns, coefs } = orthogonalPoly(x, 3, "poly(x, 3)");
    // poly(c(1,3,4,7,11,2.5), 3)
    const r = [
      [
        -0.458563380386807384, -0.213996244180510026, -0.091712676077361499, 0.275138028232084275,
        0.764272300644678659, -0.275138028232084386,
      ],
      [
        0.5821464487023949586, -0.1409263933679327507, -0.3714033099962206763, -0.5385960422535884806,
        0.4617023558674164807, 0.0070769410479309576,
      ],
      [
        -0.48305211074693688, 0.36258349351644203, 0.29308439548070025, -0.65408343265651059,
        0.18798575774760209, 0.293481896658703,
      ],
    ];
    columns.forEach((c, j) => c.forEach((v, i) => expect(v).toBeCloseTo(r[j]![i]!, 13)));
    expect(Array.from(coefs.alpha)).toEqual(
      [4.75, 7.5257009345794383, 5.3258217118883282].map((v) => expect.closeTo(v, 12)),
    );
    expect(Array.from(coefs.norm2)).toEqual(
      [1, 6, 66.875000000000043, 523.968847352025591, 3423.207632555258442].map((v) => expect.closeTo(v, 9)),
    );
  });
  it("predicts new values as predict(poly(x, 3), c(0, 5.5))", () => {
    const { coefs } = orthogonalPoly(x, 3, "poly(x, 3)");
    const p = evalPoly(Float64Array.of(0, 5.5), coefs);
    const r = [
      [-0.58084694848995566, 0.09171267607736143],
      [1.0747423741444313, -0.55329430443006078],
      [-1.60328632415268579, -0.13813918928851524],
    ];
    p.forEach((c, j) => c.forEach((v, i) => expect(v).toBeCloseTo(r[j]![i]!, 12)));
  });
  it("refuses a degree not below the number of distinct values, as R", () => {
    expect(() => orthogonalPoly(Float64Array.of(1, 2, 2, 1), 2, "poly(x, 2)")).toThrow(
      /degree \(2\) must be less than the number of distinct values .*\(2\)/,
    );
  });
});

describe("factor() level order", () => {
  it("sorts text as R 4.2 does by default (ICU collation in C.UTF-8), numbers numerically", () => {
    // R: levels(factor(x)) for these strings, Rscript with LANG=C.UTF-8 (capabilities("ICU") TRUE).
    const r = "_x|10|9|a|A|ä|Ä|a b|a_b|a-b|a.b|A1|a10|a2|ab|b|B|e|é|f|n|ñ|o|T10|t2|z|Z".split("|");
    const x = [...r].reverse();
    const d = dataFrameFromColumns({
      y: x.map((_, i) => i),
      x,
      n: x.map((_, i) => [10, 2, 1e5, 0.5][i % 4]!),
    });
    const mf = modelFrame(expand("y ~ factor(x) + factor(n) + (1 | x)"), d);
    const fx = mf.variables.get("factor(x)");
    expect(fx?.type === "factor" && fx.levels).toEqual(r);
    const fn = mf.variables.get("factor(n)");
    // Numbers given as JS numbers count as integers when whole: as read.csv's integer column.
    expect(fn?.type === "factor" && fn.levels).toEqual(["0.5", "2", "10", "100000"]);
  });

  it("labels whole numbers of a double CSV column as R does (1e+05) and of an integer column as 100000", () => {
    // R: d <- read.csv(text = "y,n,m\n1,100000,100000\n2,0.5,3\n3,2,2\n4,100000,3")
    //    levels(factor(d$n)) "0.5" "2" "1e+05";  levels(factor(d$m)) "2" "3" "100000"
    const d = dataFrameFromRows(
      ["y", "n", "m", "g"],
      [
        ["1", "100000", "100000", "a"],
        ["2", "0.5", "3", "b"],
        ["3", "2", "2", "a"],
        ["4", "100000", "3", "b"],
      ],
    );
    const mf = modelFrame(expand("y ~ factor(n) + factor(m) + (1 | g)"), d);
    const lv = (k: string) => {
      const v = mf.variables.get(k);
      return v?.type === "factor" ? v.levels : null;
    };
    expect(lv("factor(n)")).toEqual(["0.5", "2", "1e+05"]);
    expect(lv("factor(m)")).toEqual(["2", "3", "100000"]);
  });
});

describe("formula functions in a model frame", () => {
  const d = dataFrameFromColumns({
    y: [1, 3, 2, 5, 4, 6, 8, 7, 9, null],
    x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    z: [null, 2, 3, 4, 5, 6, 7, 8, 9, 30],
    code: [2, 1, 10, 2, 1, 10, 2, 1, 10, 2],
    g: ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"],
  });
  const cols = (f: string) => {
    const e = expand(f);
    const mf = modelFrame(e, d);
    return { mf, m: modelColumns(e.fixed, mf) };
  };

  it("names factor(), poly() and scale() columns as R's model.matrix", () => {
    const { m } = cols("y ~ factor(code) + poly(x, 2) + scale(z) + poly(x, 2, raw = TRUE):g + (1 | g)");
    expect(m.names).toEqual([
      "(Intercept)",
      "factor(code)2",
      "factor(code)10",
      "poly(x, 2)1",
      "poly(x, 2)2",
      "scale(z)",
      "poly(x, 2, raw = TRUE)1:ga",
      "poly(x, 2, raw = TRUE)2:ga",
      "poly(x, 2, raw = TRUE)1:gb",
      "poly(x, 2, raw = TRUE)2:gb",
    ]);
  });

  it("computes scale() and poly() on the whole column before dropping incomplete rows, as model.frame", () => {
    // z's mean over its 9 non-missing values is 74/9 although row 10 (y missing) is dropped later.
    const { mf, m } = cols("y ~ scale(z, scale = FALSE) + (1 | g)");
    expect(mf.rows.length).toBe(8);
    expect(m.columns[1]![0]).toBeCloseTo(2 - 74 / 9, 12);
    const p = cols("y ~ poly(x, 1) + (1 | g)").m.columns[1]!;
    // poly(1:10, 1)[2] = (2 - 5.5) / sqrt(82.5); row 1 of the frame is input row 1.
    expect(p[1]).toBeCloseTo((2 - 5.5) / Math.sqrt(82.5), 12);
  });

  it("divides scale() by the SD of the non-missing values and honours center = FALSE", () => {
    const { m } = cols("y ~ scale(x) + scale(x, center = FALSE) + (1 | g)");
    const sd = Math.sqrt(82.5 / 9);
    expect(m.columns[1]![0]).toBeCloseTo((1 - 5.5) / sd, 12);
    expect(m.columns[2]![0]).toBeCloseTo(1 / Math.sqrt(385 / 9), 12);
  });

  it("sums offsets and keeps them out of the terms", () => {
    const e = expand("y ~ x + offset(z) + offset(log(x + 1)) + (1 | g)");
    expect(e.fixed.terms).toEqual([["x"]]);
    const mf = modelFrame(e, d);
    expect(mf.offset![0]).toBeCloseTo(2 + Math.log(3), 12);
  });

  it("deparses arithmetic inside functions as R", () => {
    const e = expand("log(y + 1) ~ log(x + 1) + I(x^2 - 100000) + sqrt(x/2) + (1 | g)");
    expect(e.response.label).toBe("log(y + 1)");
    expect([...e.variables.keys()]).toEqual(["log(x + 1)", "I(x^2 - 1e+05)", "sqrt(x/2)"]);
  });

  const errors: [string, RegExp][] = [
    ["y ~ poly(z, 2) + (1 | g)", /poly\(z, 2\): missing value at row 1/],
    [
      "y ~ poly(x) + poly(x, 0) + (1 | g)",
      /poly\(\) needs a whole positive number as its degree.*position 15/,
    ],
    ["y ~ poly(x, 2, raw = yes) + (1 | g)", /raw = TRUE or FALSE/],
    ["y ~ poly(x, 2, 3) + (1 | g)", /too many arguments to poly\(\)/],
    ["y ~ scale(x, middle = 2) + (1 | g)", /scale\(\) has no argument "middle"/],
    ["y ~ I(factor(code)) + (1 | g)", /factor\(\) must be a whole term.*position 7/],
    ["factor(y) ~ x + (1 | g)", /the response cannot be factor\(\) at position 1/],
    ["y ~ x + (1 | factor(g))", /write "g" instead of "factor\(g\)"/],
    ["y ~ x + (offset(z) | g)", /offset\(\) belongs to the fixed part/],
    ["y ~ foo(x, 2) + (1 | g)", /unknown function "foo" at position 5/],
  ];
  for (const [f, msg] of errors) {
    it(`refuses ${JSON.stringify(f)} with a message naming the place`, () => {
      expect(() => modelFrame(expand(f), d)).toThrow(msg);
    });
  }
});
