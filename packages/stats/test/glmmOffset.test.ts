// offset() in a generalized model: the Poisson model of melanoma deaths with the expected counts as
// exposure, as lme4 1.1-31 fits it on fixtures/formulas/mmmec.csv (mlmRev's Mmmec):
//   m <- glmer(deaths ~ uvb + offset(log(expected)) + (1 | region), d, family = poisson)
//   logLik -1125.19997653; fixef (Intercept) -0.1385941159364 (SE 0.0493409367494),
//   uvb -0.0344295971119 (SE 0.0100232619296); theta 0.411922348045
//   m9 <- update(m, nAGQ = 9): logLik -327.626678908; fixef -0.1386049024489, -0.0344146469253
import { describe, expect, it } from "vitest";
import { fitGlmm } from "../src/index.ts";
import { readFixture } from "./golden.ts";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../../../fixtures/formulas/", import.meta.url));
const FORMULA = "deaths ~ uvb + offset(log(expected)) + (1 | region)";

describe("offset() in a Poisson GLMM agrees with glmer", () => {
  const d = readFixture("mmmec.csv", DIR);

  it("Laplace: logLik no worse, estimates within 0.2% of an SE, SEs within 0.2%", () => {
    const s = fitGlmm(FORMULA, d, { family: "poisson" }).summary();
    expect(s.logLik).toBeGreaterThanOrEqual(-1125.19997653 - 1e-6);
    const ref = [
      [-0.1385941159364, 0.0493409367494],
      [-0.0344295971119, 0.0100232619296],
    ];
    s.fixef.forEach((f, i) => {
      const [est, se] = ref[i] as [number, number];
      expect(Math.abs(f.estimate - est) / se).toBeLessThan(0.002);
      expect(Math.abs(f.se - se) / se).toBeLessThan(0.002);
    });
    expect(Math.abs(s.theta[0]! - 0.411922348045) / 0.411922348045).toBeLessThan(0.002);
  });

  it("AGQ with 9 points", () => {
    const s = fitGlmm(FORMULA, d, { family: "poisson", nAGQ: 9 }).summary();
    expect(s.logLik).toBeGreaterThanOrEqual(-327.626678908 - 1e-6);
    expect(s.fixef[1]!.estimate).toBeCloseTo(-0.0344146469253, 4);
  });

  it("differs from the model without the offset (the offset is not ignored)", () => {
    const without = fitGlmm("deaths ~ uvb + (1 | region)", d, { family: "poisson" }).summary();
    expect(Math.abs(without.logLik - -1125.19997653)).toBeGreaterThan(1);
  });
});
