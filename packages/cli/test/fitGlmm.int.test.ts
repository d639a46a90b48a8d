// `attune fit --family ...` run as a user runs it (npm test builds the CLI first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const GLMM = join(ROOT, "fixtures/glmm");
const CBPP = "cbind(incidence, size - incidence) ~ period + (1 | herd)";

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "attune-glmm-"));
  const file = join(dir, "data.csv");
  writeFileSync(file, text);
  return file;
}

/** 12 groups × 6 rows; y is given per row by `value`. */
function groupedCsv(value: (g: number, i: number) => string): string {
  const lines = ["g,x,y"];
  for (let g = 0; g < 12; g++) for (let i = 0; i < 6; i++) lines.push(`g${g},${i},${value(g, i)}`);
  return csv(lines.join("\n") + "\n");
}

/** A data file of 10 groups × 4 rows: columns `header`, each row's cells from `row`. */
function rowsCsv(header: string, row: (g: number, i: number) => string): string {
  const lines = [header];
  for (let g = 0; g < 10; g++) for (let i = 0; i < 4; i++) lines.push(`g${g},${row(g, i)}`);
  return csv(lines.join("\n") + "\n");
}

/** `attune fit` on cbpp with the binomial family (glmer's example), plus `extra` arguments. */
const fitCbpp = (...extra: string[]) =>
  attune("fit", "--data", join(GLMM, "cbpp.csv"), "--formula", CBPP, "--family", "binomial", ...extra);

/**
 * Refusals: each names the bad value and where (row, option), in one line, with exit code 1. The data
 * file is made when the case runs.
 */
const REFUSALS: { what: string; args: () => string[]; error: RegExp }[] = [
  {
    what: "a binary response outside 0/1, by row",
    args: () => [
      "--data",
      groupedCsv((g, i) => (g === 3 && i === 2 ? "2" : String((g + i) % 2))),
      "--formula",
      "y ~ x + (1 | g)",
      "--family",
      "binomial",
    ],
    error: /^attune: .*must be 0 or 1.*row 21 has 2/,
  },
  {
    what: "a negative count for poisson, by row",
    args: () => [
      "--data",
      groupedCsv((g, i) => (g === 0 && i === 4 ? "-1" : String(i))),
      "--formula",
      "y ~ x + (1 | g)",
      "--family",
      "poisson",
    ],
    error: /^attune: .*count.*row 5 has -1/,
  },
  {
    what: "a fractional count for poisson, by row",
    args: () => [
      "--data",
      groupedCsv((g, i) => (g === 1 && i === 0 ? "1.5" : String(i))),
      "--formula",
      "y ~ x + (1 | g)",
      "--family",
      "poisson",
    ],
    error: /row 7 has 1\.5/,
  },
  {
    what: "a cbind response with a negative failure count, by row",
    args: () => [
      "--data",
      rowsCsv("g,k,n", (g, i) => `${i},${g === 5 && i === 1 ? 0 : 5}`),
      "--formula",
      "cbind(k, n - k) ~ 1 + (1 | g)",
      "--family",
      "binomial",
    ],
    error: /^attune: cbind\(k, n - k\): the failures must be whole numbers ≥ 0, but row 22 has -1/,
  },
  {
    what: "a weighted binomial proportion outside [0, 1], by row",
    args: () => [
      "--data",
      rowsCsv("g,y,n", (g, i) => `${g === 2 && i === 3 ? 1.5 : 0.5},4`),
      "--formula",
      "y ~ 1 + (1 | g)",
      "--family",
      "binomial",
      "--weights",
      "n",
    ],
    error: /^attune: response "y" must lie between 0 and 1 .*row 12 has 1\.5/,
  },
  {
    what: "nAGQ > 1 for more than one random-effects term, as lme4",
    args: () => [
      "--data",
      join(GLMM, "prn_deterioration.csv"),
      "--formula",
      "deterioration ~ arm + (1 | therapist) + (1 | therapist:patient)",
      "--family",
      "binomial",
      "--nagq",
      "5",
    ],
    error: /^attune: nAGQ > 1 is only available for models with a single, scalar random-effects term/,
  },
  {
    what: "an unknown family, with the supported ones",
    args: () => ["--data", join(GLMM, "cbpp.csv"), "--formula", CBPP, "--family", "gamma"],
    error: /^attune: --family must be binomial or poisson, got "gamma"/,
  },
  {
    what: "an unknown link, with the supported ones",
    args: () => [
      "--data",
      join(GLMM, "cbpp.csv"),
      "--formula",
      CBPP,
      "--family",
      "binomial",
      "--link",
      "log",
    ],
    error:
      /^attune: link "log" is not available for the binomial family \(supported: logit, probit, cloglog\)/,
  },
];

describe("attune fit --family", () => {
  it("prints the GLMM JSON contract for cbpp as glmer", () => {
    const r = fitCbpp("--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const key of [
      "method",
      "family",
      "link",
      "nobs",
      "groups",
      "fixef",
      "varcorr",
      "logLik",
      "deviance",
      "AIC",
      "BIC",
      "theta",
      "singular",
      "warnings",
    ])
      expect(j).toHaveProperty(key);
    expect(j.method).toBe("Laplace");
    expect(j.family).toBe("binomial");
    expect(j.link).toBe("logit");
    expect(j.groups).toEqual({ herd: 15 });
    expect(Object.keys(j.fixef[0])).toEqual(["term", "estimate", "se", "z", "p"]);
    expect(j.varcorr).toEqual([{ group: "herd", term: "(Intercept)", sd: expect.any(Number) }]);
    // glmer: logLik -92.02657 (AIC 194.0531); deviance is −2 logLik.
    expect(j.logLik).toBeGreaterThanOrEqual(-92.026566 - 1e-6);
    expect(j.deviance).toBeCloseTo(-2 * j.logLik, 10);
    expect(j.AIC).toBeCloseTo(j.deviance + 2 * 5, 8);
  });

  it("fits AGQ with --nagq and a probit link with --link", () => {
    const agq = JSON.parse(fitCbpp("--nagq", "9", "--json").stdout);
    expect(agq.method).toBe("AGQ");
    expect(agq.logLik).toBeCloseTo(-50.005018, 4);
    const probit = JSON.parse(fitCbpp("--link", "probit", "--json").stdout);
    expect(probit.link).toBe("probit");
    expect(probit.logLik).toBeGreaterThanOrEqual(-92.621243 - 1e-6);
  });

  it("prints a summary laid out like summary(glmer) without --json", () => {
    const r = fitCbpp();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Generalized linear mixed model fit by maximum likelihood (Laplace Approximation)",
    );
    expect(r.stdout).toContain(" Family: binomial  ( logit )");
    expect(r.stdout).toMatch(/Fixed effects:\n\s+Estimate Std\. Error z value Pr\(>\|z\|\)/);
    expect(r.stdout).toMatch(/herd\s+\(Intercept\)/);
  });

  it("takes --weights, --compare and --contrast with --family, as glmer, anova and Wald z", () => {
    const r = attune(
      "fit",
      "--data",
      join(GLMM, "cbpp.csv"),
      "--formula",
      "incidence/size ~ period + (1 | herd)",
      "--family",
      "binomial",
      "--weights",
      "size",
      "--compare",
      "incidence/size ~ 1 + (1 | herd)",
      "--contrast",
      "periodP3 - periodP2",
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // A proportion with the herd sizes as weights is the cbind fit: glmer's logLik -92.02657.
    expect(j.logLik).toBeGreaterThanOrEqual(-92.026566 - 1e-6);
    expect(j.weights).toBe("size");
    expect(j.comparison.refitML).toBe(false);
    expect(j.comparison.rows.map((x: { npar: number }) => x.npar)).toEqual([2, 5]);
    expect(j.comparison.rows[1].df).toBe(3);
    expect(j.contrasts[0]).toMatchObject({ contrast: "periodP3 - periodP2" });
    expect(Object.keys(j.contrasts[0])).toEqual(["contrast", "estimate", "se", "z", "p"]);
    expect(j.icc.adjusted).toBeGreaterThan(0);
    expect(j.r2.varDistribution).toBeCloseTo(Math.PI ** 2 / 3, 12);
    const text = attune(
      "fit",
      "--data",
      join(GLMM, "cbpp.csv"),
      "--formula",
      "incidence/size ~ period + (1 | herd)",
      "--family",
      "binomial",
      "--weights",
      "size",
      "--compare",
      "incidence/size ~ 1 + (1 | herd)",
      "--contrast",
      "periodP3 - periodP2",
    ).stdout;
    expect(text).toContain("Weights: size");
    expect(text).toMatch(/Linear contrasts \(Wald z\):\n\s+Estimate Std\. Error z value Pr\(>\|z\|\)/);
    expect(text).toMatch(/m1\s+5\s/);
    expect(text).toContain("Intraclass correlation (adjusted ICC)");
  });

  it("fits --nagq 0 as lme4's nAGQ = 0 (θ only, vcov from RX)", () => {
    const j = JSON.parse(fitCbpp("--nagq", "0", "--json").stdout);
    expect(j.nAGQ).toBe(0);
    expect(j.vcovSource).toBe("RX");
    // glmer(nAGQ = 0): logLik -92.05435, below the Laplace optimum -92.02657.
    expect(j.logLik).toBeGreaterThanOrEqual(-92.054347 - 1e-6);
    expect(j.logLik).toBeLessThan(-92.03);
  });

  it("accepts --ml with --family and says a GLMM is always maximum likelihood (same fit as without)", () => {
    const plain = fitCbpp("--json");
    const ml = fitCbpp("--json", "--ml");
    expect(ml.code).toBe(0);
    expect(ml.stderr).toMatch(/--ml changes nothing with --family: .*always fitted by maximum likelihood/);
    expect(plain.stderr).toBe("");
    expect(JSON.parse(ml.stdout).logLik).toBe(JSON.parse(plain.stdout).logLik);
  });

  it("gives no ICC on a singular fit, with the reason, as performance::icc's NA", () => {
    const r = attune(
      "fit",
      "--data",
      join(GLMM, "prn_deterioration.csv"),
      "--formula",
      "deterioration ~ arm + time + (1 + time | therapist)",
      "--family",
      "binomial",
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.singular).toBe(true);
    expect(j.icc.adjusted).toBeNull();
    expect(j.icc.unavailable).toMatch(/variance component is zero/);
    expect(j.r2.conditional).toBeNull();
    // performance 0.10.2: marginal R² 0.00652 without the random variance (fixtures/glmm/extras.json).
    expect(j.r2.marginal).toBeCloseTo(0.00652, 3);
    const text = attune(
      "fit",
      "--data",
      join(GLMM, "prn_deterioration.csv"),
      "--formula",
      "deterioration ~ arm + time + (1 + time | therapist)",
      "--family",
      "binomial",
    ).stdout;
    expect(text).toMatch(/Intraclass correlation: not available: a variance component is zero/);
  });
  for (const c of REFUSALS)
    it(`refuses ${c.what}`, () => {
      const r = attune("fit", ...c.args());
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(c.error);
    });
});
