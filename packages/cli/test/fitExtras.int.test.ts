// `attune fit` with formula functions, --weights, --compare and --contrast, run as a user would,
// checked against the lme4/lmerTest/performance references of fixtures/formulas (tools/r/formulas.R).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const DIR = join(ROOT, "fixtures/formulas");
const REF = JSON.parse(readFileSync(join(DIR, "reference.json"), "utf8")) as {
  data: string;
  formula: string;
  method: string;
  weights: string | null;
  deviance: number;
  fixef: { term: string; estimate: number; se: number }[];
  icc: { adjusted: number };
  r2: { marginal: number; conditional: number };
  comparison?: { formula: string; rows: { npar: number; chisq?: number | null; p?: number | null }[] };
  contrasts?: { contrast: string; estimate: number; df: number }[];
}[];

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "attune-fit-")), "data.csv");
  writeFileSync(file, text);
  return file;
}

const ref = (data: string, formula: string) =>
  REF.find((c) => c.data === data && c.formula === formula && c.method === "REML")!;

describe("attune fit: comparison, contrasts, ICC and R²", () => {
  const c = ref("chickweight.csv", "weight ~ Time * factor(Diet) + (Time | Chick)");
  const args = [
    "fit",
    "--data",
    join(DIR, c.data),
    "--formula",
    c.formula,
    "--compare",
    c.comparison!.formula,
  ];
  const contrast = c.contrasts![0]!.contrast;

  it("prints lme4's anova, the contrast, ICC and R² in the JSON", () => {
    const r = attune(...args, "--contrast", contrast, "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.fixef.map((f: { term: string }) => f.term)).toEqual(c.fixef.map((f) => f.term));
    expect(j.comparison.refitML).toBe(true);
    expect(j.comparison.rows.map((x: { model: string; npar: number }) => [x.model, x.npar])).toEqual([
      ["m0", c.comparison!.rows[0]!.npar],
      ["m1", c.comparison!.rows[1]!.npar],
    ]);
    expect(j.comparison.rows[1].chisq).toBeCloseTo(c.comparison!.rows[1]!.chisq!, 3);
    expect(j.comparison.rows[1].p).toBeCloseTo(c.comparison!.rows[1]!.p!, 6);
    expect(j.contrasts[0].contrast).toBe(contrast);
    expect(j.contrasts[0].estimate).toBeCloseTo(c.contrasts![0]!.estimate, 3);
    expect(Math.abs(j.contrasts[0].df / c.contrasts![0]!.df - 1)).toBeLessThan(0.02);
    expect(j.icc.adjusted).toBeCloseTo(c.icc.adjusted, 3);
    expect(j.icc.byGroup).toBeNull();
    expect(j.r2.marginal).toBeCloseTo(c.r2.marginal, 3);
    expect(j.r2.conditional).toBeCloseTo(c.r2.conditional, 3);
  });

  it("lays the comparison out as lme4's anova in the text summary", () => {
    const r = attune(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("refitting model(s) with ML (instead of REML)");
    expect(r.stdout).toContain(`m0: ${c.comparison!.formula}`);
    expect(r.stdout).toMatch(/\s+npar\s+AIC\s+BIC\s+logLik\s+deviance\s+Chisq\s+Df\s+Pr\(>Chisq\)/);
    expect(r.stdout).toMatch(/Intraclass correlation \(adjusted ICC\): 0\.\d{3}/);
    expect(r.stdout).toMatch(/R² \(Nakagawa & Schielzeth\): marginal 0\.\d{3}, conditional 0\.\d{3}/);
  });
});

describe("attune fit --weights", () => {
  it("fits prior weights as lmer's weights = (deviance no worse than lme4's)", () => {
    const c = ref("exam_cells.csv", "normexam ~ band + sex + (band | school)");
    const r = attune("fit", "--data", join(DIR, c.data), "--formula", c.formula, "--weights", "n", "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.weights).toBe("n");
    expect(j.deviance).toBeLessThanOrEqual(c.deviance + 1e-7 * Math.abs(c.deviance));
    expect(j.deviance).toBeGreaterThan(c.deviance - 1e-4 * Math.abs(c.deviance));
    j.fixef.forEach((f: { estimate: number }, i: number) =>
      expect(Math.abs(f.estimate - c.fixef[i]!.estimate) / c.fixef[i]!.se).toBeLessThan(0.002),
    );
  });
});

describe("attune fit: bad input gets one clear line", () => {
  const data = csv("y,x,w,g\n1,1,1,a\n2,2,0,b\n3,NA,1,a\n4,4,2,b\n5,5,1,a\n6,6,1,b\n");
  const bad: [string, string[], RegExp][] = [
    [
      "an unknown weights column",
      ["--formula", "y ~ x + (1 | g)", "--weights", "v"],
      /unknown weights column "v"/,
    ],
    ["a zero weight", ["--formula", "y ~ x + (1 | g)", "--weights", "w"], /must be positive.*row 2 has 0/],
    [
      "poly() of a column with a missing value",
      ["--formula", "y ~ poly(x, 2) + (1 | g)"],
      /poly\(x, 2\): missing value at row 3/,
    ],
    [
      "a comparison on other rows",
      ["--formula", "y ~ x + (1 | g)", "--compare", "y ~ 1 + (1 | g)"],
      /models were fitted to different rows \(6 for "y ~ 1 \+ \(1 \| g\)", 5 for "y ~ x \+ \(1 \| g\)"\)/,
    ],
    [
      "a contrast naming no coefficient",
      ["--formula", "y ~ x + (1 | g)", "--contrast", "x - z"],
      /contrast "x - z": expected a coefficient name, found "z" at position 5/,
    ],
    [
      "factor() as a grouping factor",
      ["--formula", "y ~ x + (1 | factor(g))"],
      /write "g" instead of "factor\(g\)"/,
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what}`, () => {
      const r = attune("fit", "--data", data, ...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  }
});
