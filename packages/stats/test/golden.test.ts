// Every lme4 1.1-31 + lmerTest 3.1-3 reference fit in fixtures/golden/reference.json (tools/r/golden.R)
// must agree within the quality bars of DESIGN.md: deviance no worse than lme4's (1e-7 relative slack),
// estimates within 0.2% of an SE, SEs, SDs and sigma within 0.2%, Satterthwaite df within 2%.
import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.ts";
import { FIXTURES, FIXTURES_EXTRA, goldenCases, readFixture } from "./golden.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

for (const dir of [FIXTURES, FIXTURES_EXTRA]) {
  describe(`agreement with lme4/lmerTest on ${dir.split("/").at(-2)}`, () => {
    for (const c of goldenCases(dir)) {
      it(`${c.data} ${c.method} ${c.formula}`, () => {
        const fit = fitLmm(c.formula, readFixture(c.data, dir), { reml: c.method === "REML" });
        const s = fit.summary();
        expect(s.method).toBe(c.method);
        expect(s.nobs).toBe(c.nobs);
        expect(s.groups).toEqual(c.groups);
        expect(s.deviance).toBeLessThanOrEqual(c.deviance + 1e-7 * Math.abs(c.deviance));
        expect(s.deviance).toBeGreaterThan(c.deviance - 1e-4 * Math.abs(c.deviance));
        // Where lme4 stopped short of the optimum (its own convergence warning) our lower deviance means
        // other estimates; then only the deviance is compared.
        if (s.deviance < c.deviance - 1e-7 * Math.abs(c.deviance)) return;
        expect(s.fixef.map((f) => f.term)).toEqual(c.fixef.map((f) => f.term));
        s.fixef.forEach((f, i) => {
          const g = c.fixef[i]!;
          expect(Math.abs(f.estimate - g.estimate) / g.se, `estimate ${f.term}`).toBeLessThan(0.002);
          expect(rel(f.se, g.se), `se ${f.term}`).toBeLessThan(0.002);
          expect(rel(f.df, g.df), `df ${f.term}`).toBeLessThan(0.02);
          expect(Math.abs(f.t - g.t), `t ${f.term}`).toBeLessThan(0.002 * Math.max(1, Math.abs(g.t)));
        });
        expect(rel(s.sigma, c.sigma)).toBeLessThan(0.002);
        expect(s.varcorr.length).toBe(c.varcorr.length);
        s.varcorr.forEach((v, i) => {
          const g = c.varcorr[i]!;
          expect(v.group).toBe(g.group);
          if ("cor" in g) {
            expect("cor" in v && v.terms).toEqual(g.terms);
            // A correlation is undefined when one of its SDs is at the boundary; only check it otherwise.
            if ("cor" in v && !s.singular) expect(Math.abs(v.cor - g.cor)).toBeLessThan(0.002);
          } else if ("sd" in v) {
            expect(v.term).toBe(g.term);
            // lme4's SD of a variance at the boundary is optimizer noise (e.g. 1.9e-5); compare absolutely there.
            if (g.sd < 1e-3 * c.sigma) expect(v.sd).toBeLessThan(1e-3 * c.sigma);
            else expect(rel(v.sd, g.sd), `sd ${v.group} ${v.term}`).toBeLessThan(0.002);
          }
        });
        // logLik, AIC, BIC follow from the deviance with lme4's parameter count.
        const npar = c.fixef.length + [c.theta].flat().length + 1;
        expect(s.logLik).toBeCloseTo(-s.deviance / 2, 10);
        expect(s.AIC).toBeCloseTo(s.deviance + 2 * npar, 8);
        expect(s.BIC).toBeCloseTo(s.deviance + npar * Math.log(c.nobs), 8);
        expect(Math.abs(s.AIC - c.AIC)).toBeLessThan(1e-4 * Math.abs(c.AIC));
      });
    }
  });
}
