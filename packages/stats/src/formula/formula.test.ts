import { describe, expect, it } from "vitest";
import { expandFormula } from "./terms.ts";
import { parseFormula } from "./parse.ts";

const expand = (f: string) => expandFormula(parseFormula(f));

describe("lme4 formula syntax", () => {
  it("orders fixed terms as R does: main effects first, interactions after", () => {
    const e = expand("judge_c ~ truth_c * condition + time + (1 + truth_c | therapist)");
    expect(e.fixed.terms).toEqual([["truth_c"], ["condition"], ["time"], ["truth_c", "condition"]]);
    expect(e.fixed.intercept).toBe(true);
  });

  it("removes the intercept with -1 or + 0 and keeps it with 1", () => {
    expect(expand("y ~ x - 1 + (1 | g)").fixed.intercept).toBe(false);
    expect(expand("y ~ 0 + x + (1 | g)").fixed.intercept).toBe(false);
    expect(expand("y ~ 1 + (1 | g)").fixed).toEqual({ terms: [], intercept: true });
  });

  it("expands a/b in fixed terms to a + a:b", () => {
    expect(expand("y ~ a/b + (1 | g)").fixed.terms).toEqual([["a"], ["a", "b"]]);
  });

  it("splits (x || g) into uncorrelated terms and (1 | a/b) into a and b:a, as lme4 names them", () => {
    const e = expand("y ~ x + (x || g) + (1 | batch/cask)");
    expect(e.random.map((r) => [r.group.label, r.lhs.intercept, r.lhs.terms])).toEqual([
      ["g", true, []],
      ["g", false, [["x"]]],
      ["batch", true, []],
      ["cask:batch", true, []],
    ]);
  });

  it("keeps an explicit interaction grouping name as written", () => {
    expect(expand("y ~ 1 + (1 + time | therapist:patient)").random[0]!.group).toEqual({
      label: "therapist:patient",
      variables: ["therapist", "patient"],
    });
  });

  it("names transformed variables as R deparses them", () => {
    const e = expand("log(y) ~ I(x^2) + log(session) + I(x * 2) + (1 | g)");
    expect(e.response.label).toBe("log(y)");
    expect(e.fixed.terms.flat()).toEqual(["I(x^2)", "log(session)", "I(x * 2)"]);
  });

  const errors: [string, RegExp][] = [
    ["y ~ x + (1 | g", /expected "\)" to close "\(" at position 9/],
    ["y x + (1 | g)", /no "~"/],
    ["~ x", /no response before "~"/],
    ["y ~ x + ", /ends too early at position 9/],
    ["y ~ x + 2", /the number 2 cannot be a term.*position 9/],
    ["y ~ foo(x) + (1 | g)", /unknown function "foo".*position 5/],
    ["y ~ x | g", /must be in parentheses/],
    ["y ~ x + (1 | g) * z", /cannot be combined with "\*"/],
    ["y ~ x $ z", /unexpected character "\$" at position 7/],
    ["", /empty formula/],
  ];
  for (const [f, msg] of errors) {
    it(`points at the problem in ${JSON.stringify(f)}`, () => {
      expect(() => expand(f)).toThrow(msg);
    });
  }
});
