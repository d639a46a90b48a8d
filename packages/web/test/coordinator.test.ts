// The coordinator pages' own checks, without a browser: block size, session lists, import row problems.
import { describe, expect, it } from "vitest";
import { blockSizeProblem, parseSessions, rowProblem } from "../src/coordinator/checks.ts";
import { matchesForm, matchesPatient, type CompletionFilter } from "../src/coordinator/completionFilter.ts";
import { pageOf } from "../src/find/pager.ts";

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
    // The French page says the same in French.
    expect(blockSizeProblem("3", 2, "fr")).toMatch(
      /multiple du nombre de bras \(2\).*par ex\. 2, 4, 6\. Vous avez tapé 3/,
    );
    expect(blockSizeProblem("4", 2, "fr")).toBeNull();
  });

  it('reads "all" or session numbers', () => {
    expect(parseSessions("all")).toBe("all");
    expect(parseSessions(" ALL ")).toBe("all");
    // The French form writes "toutes" (and "all" still works there).
    expect(parseSessions("Toutes")).toBe("all");
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

  it("pages long lists, clamping the page to those that exist", () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 0)).toMatchObject({ page: 0, pages: 3 });
    expect(pageOf(rows, 0).rows).toHaveLength(50);
    expect(pageOf(rows, 2).rows).toEqual(rows.slice(100));
    expect(pageOf(rows, 9).page).toBe(2);
    expect(pageOf(rows, -1).rows[0]).toBe(0);
    expect(pageOf([], 3)).toEqual({ rows: [], page: 0, pages: 1 });
  });

  it("filters the completion monitor by status, site, therapist and patient code", () => {
    const any: CompletionFilter = { status: "all", site: "", therapist: "", patient: "" };
    const form = (status: "late" | "done" | "upcoming") => ({
      session: 1,
      sessionId: "s",
      questionnaire: "q",
      rater: "patient",
      status,
    });
    const counts = { due: 1, done: 0, declined: 0, open: 0, late: 1, missed: 0, rate: 0 };
    const p = {
      patientId: "x",
      episodeId: "e",
      lastSession: 1,
      patient: "P017",
      therapist: "T02",
      site: "North",
      counts,
      forms: [form("late"), form("upcoming")],
    };
    expect(matchesPatient(any, p)).toBe(true);
    expect(matchesPatient({ ...any, status: "late" }, p)).toBe(true);
    expect(matchesPatient({ ...any, status: "pending" }, p)).toBe(true);
    expect(matchesPatient({ ...any, status: "done" }, p)).toBe(false);
    expect(matchesPatient({ ...any, site: "South" }, p)).toBe(false);
    expect(matchesPatient({ ...any, therapist: "T02", patient: " p01" }, p)).toBe(true);
    expect(matchesPatient({ ...any, patient: "P02" }, p)).toBe(false);
    expect(matchesForm({ ...any, status: "pending" }, form("late"))).toBe(true);
    expect(matchesForm({ ...any, status: "pending" }, form("done"))).toBe(false);
  });
});
