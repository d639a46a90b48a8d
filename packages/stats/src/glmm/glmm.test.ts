import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { deriv12, inverse } from "./derivatives.ts";
import { family } from "./family.ts";
import { gaussHermite } from "./gaussHermite.ts";
import { splitCbindResponse } from "../formula/cbind.ts";
import { binomialOrCounts } from "./response.ts";

describe("Gauss–Hermite rule (standard normal weight)", () => {
  it("integrates the normal moments exactly up to degree 2N − 1", () => {
    for (const n of [1, 2, 5, 9, 25]) {
      const { z, w } = gaussHermite(n);
      const moment = (k: number) => z.reduce((s, zi, i) => s + (w[i] as number) * zi ** k, 0);
      expect(moment(0)).toBeCloseTo(1, 14);
      if (n >= 2) expect(moment(2)).toBeCloseTo(1, 12);
      if (n >= 3) expect(moment(4)).toBeCloseTo(3, 11);
      if (n >= 4) expect(moment(6)).toBeCloseTo(15, 9);
      expect(moment(3)).toBeCloseTo(0, 12);
    }
    expect(Array.from(gaussHermite(3).w)).toEqual([
      expect.closeTo(1 / 6, 14),
      expect.closeTo(2 / 3, 14),
      expect.closeTo(1 / 6, 14),
    ]);
  });
});

describe("families as R's binomial() and poisson()", () => {
  it("links invert and their derivatives match finite differences", () => {
    for (const link of ["logit", "probit", "cloglog"] as const) {
      const f = family("binomial", link);
      for (const eta of [-3, -0.5, 0, 0.7, 2.5]) {
        expect(f.link.linkfun(f.link.linkinv(eta))).toBeCloseTo(eta, 9);
        const h = 1e-6;
        const num = (f.link.linkinv(eta + h) - f.link.linkinv(eta - h)) / (2 * h);
        expect(f.link.muEta(eta)).toBeCloseTo(num, 8);
      }
    }
  });

  it("−2 log-likelihood equals R's dbinom/dpois", () => {
    const b = family("binomial");
    // dbinom(3, 10, 0.2, log = TRUE) = -1.6119995...; kernel + constant
    const y = Float64Array.of(0.3);
    const wt = Float64Array.of(10);
    expect(b.logLikKernel(0.3, 0.2, 10) + b.logLikConstant(y, wt)).toBeCloseTo(Math.log(0.201326592), 9);
    const p = family("poisson");
    // dpois(4, 2.5, log = TRUE) = log(2.5^4 e^-2.5 / 24)
    expect(p.logLikKernel(4, 2.5, 1) + p.logLikConstant(Float64Array.of(4), Float64Array.of(1))).toBeCloseTo(
      4 * Math.log(2.5) - 2.5 - Math.log(24),
      12,
    );
    expect(() => family("poisson", "logit")).toThrow(/supported: log/);
  });
});

describe("cbind() responses", () => {
  it("splits cbind(successes, failures) off the formula with R's label", () => {
    const s = splitCbindResponse("cbind(incidence, size - incidence) ~ period + (1 | herd)");
    expect(s.label).toBe("cbind(incidence, size - incidence)");
    expect(s.formula).toBe("incidence ~ period + (1 | herd)");
    expect(splitCbindResponse("y ~ x + (1 | g)").failures).toBeNull();
    expect(() => splitCbindResponse("cbind(a, b, c) ~ 1 + (1 | g)")).toThrow(/two arguments/);
    expect(() => splitCbindResponse("cbind(a) ~ 1 + (1 | g)")).toThrow(InputError);
  });

  it("turns counts into proportions with trial weights, naming bad rows", () => {
    const r = binomialOrCounts(
      "binomial",
      Float64Array.of(3, 0),
      Float64Array.of(2, 0),
      Int32Array.of(4, 7),
      "cbind(s, f)",
    );
    expect(Array.from(r.y)).toEqual([0.6, 0]);
    expect(Array.from(r.wt)).toEqual([5, 0]);
    expect(() =>
      binomialOrCounts("binomial", Float64Array.of(1), Float64Array.of(-2), Int32Array.of(9), "cbind(s, f)"),
    ).toThrow(/row 10 has -2/);
  });
});

describe("finite-difference derivatives (lme4's deriv12)", () => {
  it("recovers the gradient and Hessian of a quadratic and inverts it", () => {
    const f = (x: Float64Array) => 2 * x[0]! ** 2 + 3 * x[0]! * x[1]! + 5 * x[1]! ** 2 - x[1]!;
    const d = deriv12(f, Float64Array.of(1, -1));
    expect(Array.from(d.gradient).map((v) => Number(v.toFixed(6)))).toEqual([1, -8]);
    expect(Array.from(d.hessian).map((v) => Number(v.toFixed(4)))).toEqual([4, 3, 3, 10]);
    const inv = inverse(d.hessian, 2)!;
    expect(inv[0]).toBeCloseTo(10 / 31, 6);
    expect(inverse(Float64Array.of(1, 2, 2, 4), 2)).toBeNull();
  });
});
