// The coordinator pages' own checks, without a browser: block size, session lists, import row problems.
import { describe, expect, it } from "vitest";
import { blockSizeProblem, parseSessions, rowProblem } from "../src/coordinator/checks.ts";

describe("coordinator page checks", () => {
  it("accepts block sizes that are multiples of the arms, and says why others are not", () => {
    expect(blockSizeProblem("4", 2)).toBeNull();
    expect(blockSizeProblem("6", 3)).toBeNull();
    expect(blockSizeProblem("3", 2)).toMatch(
      /multiple of the number of arms \(2\).*e\.g\. 2, 4, 6\. You typed 3/,
    );
    expect(blockSizeProblem("", 2)).toMatch(/whole number/);
    expect(blockSizeProblem("2.5", 2)).toMatch(/whole number/);
    expect(blockSizeProblem("26", 2)).toMatch(/between 2 and 24/);
  });

  it('reads "all" or session numbers', () => {
    expect(parseSessions("all")).toBe("all");
    expect(parseSessions(" ALL ")).toBe("all");
    expect(parseSessions("8, 1 4;1")).toEqual([1, 4, 8]);
    expect(parseSessions("")).toBeNull();
    expect(parseSessions("1, x")).toBeNull();
    expect(parseSessions("0")).toBeNull();
    expect(parseSessions("1001")).toBeNull();
  });

  it("splits the server's row problems into row, column and message", () => {
    expect(rowProblem('row 3, column session: session "x" is not a session number 1..1000')).toEqual({
      row: "3",
      column: "session",
      message: 'session "x" is not a session number 1..1000',
    });
    expect(rowProblem("records row 5: unknown record")).toEqual({
      row: "5",
      column: "",
      message: "unknown record",
    });
    expect(rowProblem("mapping.therapist: no such field")).toEqual({
      row: "",
      column: "",
      message: "mapping.therapist: no such field",
    });
  });
});
