// The dense tail of the blocked Cholesky (crossed factors' fill-in) against the all-sparse block
// columns: the same numbers at any θ, whichever nodes the tail holds.
import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.ts";
import { PlsModel } from "../src/lmm/pls.ts";
import type { TailChoice } from "../src/lmm/structure.ts";
import { FIXTURES_EXTRA, readFixture } from "./golden.ts";

const cases: [string, string, string?][] = [
  ["penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)"],
  ["pastes.csv", "strength ~ 1 + (1 | batch) + (1 | batch:cask)"],
  ["sleepstudy.csv", "Reaction ~ Days + (Days | Subject)"],
  [
    "prn_small.csv",
    "alliance_patient ~ time * condition + (1 + time | therapist) + (1 + time | therapist:patient)",
  ],
  ["insteval_sub.csv", "y ~ service + (1 | s) + (1 | d)", FIXTURES_EXTRA],
  // Three crossed intercepts: with the last term as the tail, a student's column has rows both in the
  // sparse columns and in the tail (the two halves of the scalar elimination's rank update).
  ["insteval_sub.csv", "y ~ 1 + (1 | s) + (1 | d) + (1 | service)", FIXTURES_EXTRA],
];

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(tol * (1 + Math.abs(b[i] as number)));
}

describe("dense tail of the factorization", () => {
  for (const [file, formula, dir] of cases) {
    it(`${file}: ${formula} gives the same deviance, β̂, ũ and conditional variances with any tail`, () => {
      const fit = fitLmm(formula, readFixture(file, dir), { satterthwaite: false });
      const make = (tail: TailChoice) => new PlsModel(fit.x, fit.frame.y, fit.terms, tail);
      const sparse = make("none");
      expect(sparse.s.tailDim).toBe(0);
      const K = fit.terms.length;
      const thetas = [
        fit.theta,
        Float64Array.from(fit.theta, (v, i) => v * (1 + 0.3 * Math.sin(i + 1)) + 0.05),
      ];
      for (let last = 1; last <= K; last++) {
        const dense = make({ lastTerms: last });
        expect(dense.s.tailDim).toBeGreaterThan(0);
        for (const theta of thetas) {
          for (const reml of [true, false])
            expect(dense.deviance(theta, reml)).toBeCloseTo(sparse.deviance(theta, reml), 8);
          sparse.factor(theta);
          dense.factor(theta);
          const beta = sparse.beta();
          close(dense.beta(), beta, 1e-9);
          close(dense.uTilde(beta), sparse.uTilde(beta), 1e-8);
          close(dense.inverseDiagonalBlocks(), sparse.inverseDiagonalBlocks(), 1e-9);
          close(dense.rxInverse(), sparse.rxInverse(), 1e-9);
        }
      }
    });
  }
});
