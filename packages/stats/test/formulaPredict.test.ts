// Predictions with data-dependent formula functions reuse what they learned from the fitted data, as
// R's makepredictcall does. Reference: lme4 1.1-31 on fixtures/formulas/chickweight.csv,
//   m <- lmer(weight ~ poly(Time, 2) + factor(Diet) + scale(Time) + offset(0.1*Time) + (Time | Chick), d)
//   predict(m, nd, re.form = NA); predict(m, nd, allow.new.levels = TRUE)
// with nd = data.frame(Time = c(0, 7.5, 30), Diet = c(1, 3, 4), Chick = c("1", "5", "999")).
import { describe, expect, it } from "vitest";
import { dataFrameFromColumns, fitLmm } from "../src/index.ts";
import { readFixture } from "./golden.ts";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../../../fixtures/formulas/", import.meta.url));

describe("predictions with poly(), scale(), factor() and offset()", () => {
  const fit = fitLmm(
    "weight ~ poly(Time, 2) + factor(Diet) + scale(Time) + offset(0.1*Time) + (Time | Chick)",
    readFixture("chickweight.csv", DIR),
  );
  const nd = dataFrameFromColumns({ Time: [0, 7.5, 30], Diet: [1, 3, 4], Chick: ["1", "5", "999"] });

  it("drops the aliased scale(Time) column, as lme4", () => {
    expect(fit.fixefNames).not.toContain("scale(Time)");
    expect(fit.warnings.join(" ")).toMatch(/dropping 1 column .*scale\(Time\)/);
  });

  it("agrees with predict(m, nd, re.form = NA) and with allow.new.levels = TRUE", () => {
    const pop = fit.predict(nd, { level: "population" }).fit;
    const grp = fit.predict(nd).fit;
    const rPop = [34.7951483071172, 87.3845783932357, 333.0222414029099];
    const rGrp = [35.963674670301, 91.7902648658417, 333.0222414029099];
    // Within 0.2% of the prediction scale (the estimates are within 0.2% of an SE of lme4's).
    rPop.forEach((v, i) => expect(Math.abs(pop[i]! - v)).toBeLessThan(0.05));
    rGrp.forEach((v, i) => expect(Math.abs(grp[i]! - v)).toBeLessThan(0.05));
  });

  it("reproduces its own fitted values when predicting the data it was fitted to", () => {
    const p = fit.predict().fit;
    p.forEach((v, i) => expect(v).toBeCloseTo(fit.fitted[i]!, 8));
  });
});
