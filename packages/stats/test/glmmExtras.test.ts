// Agreement with lme4 1.1-31's glmer and performance 0.10.2 on fixtures/glmm/extras.json (made by
// tools/r/glmm.R): prior weights (glmer's weights =, proportions and cbind counts, Poisson), nAGQ = 0
// (θ alone, β from PIRLS, vcov from RX), anova() between two glmer fits, Wald z contrasts, and the
// latent-scale ICC and marginal/conditional R² of performance::icc / r2_nakagawa (logit, probit,
// cloglog, Poisson with the lognormal approximation and observation-level dispersion).
// Tolerances as the glmer agreement test: log-likelihood no worse than lme4's, estimates within 2% of
// an SE, SEs and SDs within 2%; χ² within 0.02 (each logLik is compared on its own above); ICC and R²
// within 0.002. Where lme4 reports a convergence failure and our log-likelihood is higher, only the
// log-likelihood is compared.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  compareGlmms,
  fitGlmm,
  glmmContrast,
  glmmIcc,
  glmmR2,
  type FamilyName,
  type LinkName,
} from "../src/index.ts";
import { readFixture } from "./golden.ts";

const DIR = fileURLToPath(new URL("../../../fixtures/glmm/", import.meta.url));

interface ExtrasCase {
  data: string;
  formula: string;
  family: FamilyName;
  link: LinkName;
  nAGQ: number;
  method: "Laplace" | "AGQ";
  weights?: string;
  nobs: number;
  fixef: { term: string; estimate: number; se: number }[];
  varcorr: ({ group: string; term: string; sd: number } | { group: string; terms: string[]; cor: number })[];
  logLik: number;
  vcovSource: "hessian" | "RX";
  warnings: string[];
  comparison?: {
    formula: string;
    rows: { npar: number; AIC: number; logLik: number; chisq?: number; df?: number; p?: number }[];
  };
  contrasts?: { contrast: string; L: number[]; estimate: number; se: number; z: number; p: number }[];
  /** null where performance gives NA (a singular fit). */
  icc?: {
    adjusted: number | null;
    unadjusted: number | null;
    byGroup: { group: string; icc: number }[] | null;
  };
  r2?: { marginal: number; conditional: number | null; varDistribution: number; varDispersion: number };
}

const cases = JSON.parse(readFileSync(DIR + "extras.json", "utf8")) as ExtrasCase[];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const worst: Record<string, number> = {};
const note = (what: string, v: number) => {
  worst[what] = Math.max(worst[what] ?? 0, v);
};
afterAll(() =>
  console.log(`glmer extras agreement (max over ${cases.length} fits): ${JSON.stringify(worst)}`),
);

describe("agreement with glmer: weights, nAGQ = 0, anova, contrasts, ICC and R²", () => {
  for (const c of cases) {
    const title = `${c.data} ${c.family}(${c.link}) nAGQ=${c.nAGQ}${c.weights ? ` weights=${c.weights}` : ""} ${c.formula}`;
    it(title, { timeout: 180_000 }, () => {
      const data = readFixture(c.data, DIR);
      const options = {
        family: c.family,
        link: c.link,
        nAGQ: c.nAGQ,
        ...(c.weights ? { weights: c.weights } : {}),
      };
      const fit = fitGlmm(c.formula, data, options);
      const s = fit.summary();
      expect(s.method).toBe(c.method);
      expect(s.nobs).toBe(c.nobs);
      expect(s.vcovSource).toBe(c.vcovSource);
      expect(s.logLik).toBeGreaterThanOrEqual(c.logLik - 1e-6 * Math.abs(c.logLik));
      note("logLik gain over lme4", s.logLik - c.logLik);
      const troubled = c.warnings.some((w) => /failed to converge|degenerate/.test(w)) && s.logLik > c.logLik;
      if (!troubled) {
        s.fixef.forEach((f, i) => {
          const g = c.fixef[i]!;
          expect(f.term).toBe(g.term);
          note("estimate / SE", Math.abs(f.estimate - g.estimate) / g.se);
          note("SE (relative)", rel(f.se, g.se));
          expect(Math.abs(f.estimate - g.estimate) / g.se, `estimate ${f.term}`).toBeLessThan(0.02);
          expect(rel(f.se, g.se), `se ${f.term}`).toBeLessThan(0.02);
        });
        s.varcorr.forEach((v, i) => {
          const g = c.varcorr[i]!;
          if ("sd" in v && "sd" in g) {
            // A variance at its boundary (a singular fit): zero in lme4, essentially zero here.
            if (g.sd === 0) return expect(v.sd, `sd ${v.group}`).toBeLessThan(1e-3);
            note("SD (relative)", rel(v.sd, g.sd));
            expect(rel(v.sd, g.sd), `sd ${v.group}`).toBeLessThan(0.02);
          }
        });
      }
      for (const ct of c.contrasts ?? []) {
        const ours = glmmContrast(fit, ct.contrast);
        expect(glmmContrast(fit, ct.L).estimate).toBeCloseTo(ours.estimate, 10);
        if (troubled) continue;
        note("contrast estimate / SE", Math.abs(ours.estimate - ct.estimate) / ct.se);
        expect(Math.abs(ours.estimate - ct.estimate) / ct.se).toBeLessThan(0.02);
        expect(rel(ours.se, ct.se)).toBeLessThan(0.02);
        expect(Math.abs(ours.z - ct.z)).toBeLessThan(0.05 * Math.max(1, Math.abs(ct.z)));
      }
      if (c.comparison) {
        const cmp = compareGlmms(fit, c.comparison.formula);
        expect(cmp.refitML).toBe(false);
        expect(cmp.rows.map((r) => r.npar)).toEqual(c.comparison.rows.map((r) => r.npar));
        expect(cmp.rows.map((r) => r.model)).toEqual(["m0", "m1"]);
        const [r0, r1] = [cmp.rows[0]!, cmp.rows[1]!];
        const [g0, g1] = [c.comparison.rows[0]!, c.comparison.rows[1]!];
        expect(r0.logLik).toBeGreaterThanOrEqual(g0.logLik - 1e-6 * Math.abs(g0.logLik));
        expect(r1.df).toBe(g1.df);
        expect(r1.AIC).toBeCloseTo(-2 * r1.logLik + 2 * r1.npar, 8);
        note("anova chisq", Math.abs(r1.chisq! - g1.chisq!));
        if (!troubled) expect(Math.abs(r1.chisq! - g1.chisq!)).toBeLessThan(0.02);
      }
      if (c.icc && c.r2) {
        const i = glmmIcc(fit);
        const r2 = glmmR2(fit);
        // performance gives NA (JSON null) for the ICC and the conditional R² of a singular fit.
        if (c.icc.adjusted === null) {
          expect(i.adjusted, "ICC of a singular fit").toBeNull();
          expect(i.unadjusted).toBeNull();
          expect(i.unavailable).toMatch(/variance component is zero/);
          expect(r2.conditional).toBeNull();
          expect(Math.abs(r2.marginal - c.r2.marginal)).toBeLessThan(0.002);
          return;
        }
        expect(i.unavailable).toBeNull();
        expect(r2.conditional).toBeCloseTo(
          (r2.glmm.fixed + r2.glmm.random) / (r2.glmm.fixed + r2.glmm.random + r2.glmm.residual),
          12,
        );
        // lme4 stopped short (its variances differ): then only our own consistency is checked.
        if (troubled) return;
        note("ICC", Math.abs(i.adjusted! - c.icc.adjusted));
        note(
          "R2",
          Math.max(Math.abs(r2.marginal - c.r2.marginal), Math.abs(r2.conditional! - c.r2.conditional!)),
        );
        note("distribution variance (relative)", rel(r2.glmm.distribution, c.r2.varDistribution));
        expect(Math.abs(i.adjusted! - c.icc.adjusted)).toBeLessThan(0.002);
        expect(Math.abs(i.unadjusted! - c.icc.unadjusted!)).toBeLessThan(0.002);
        expect(Math.abs(r2.marginal - c.r2.marginal)).toBeLessThan(0.002);
        expect(Math.abs(r2.conditional! - c.r2.conditional!)).toBeLessThan(0.002);
        expect(rel(r2.glmm.distribution, c.r2.varDistribution)).toBeLessThan(0.02);
        expect(Math.abs(r2.glmm.dispersion - c.r2.varDispersion)).toBeLessThan(0.002);
        if (c.icc.byGroup === null) expect(i.byGroup).toBeNull();
        else
          c.icc.byGroup.forEach((g, k) => {
            expect(i.byGroup?.[k]?.group).toBe(g.group);
            expect(Math.abs(i.byGroup![k]!.icc - g.icc)).toBeLessThan(0.002);
          });
      }
    });
  }
});
