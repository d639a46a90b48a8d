// Which long-table columns the workspace offers as session-level predictors of growth and lagged, and
// which columns the custom formula's list adds (built from core's LONG_COLUMNS, so a column the long
// table gains is offered without a change here).
import { describe, expect, it } from "vitest";
import { KEY_COLUMNS, LONG_COLUMNS } from "@attune/core/records";
import { extraFormulaColumns, sessionPredictors } from "../src/researcher/workspacePredictors.ts";

const names = (recipe: string, outcome?: string) => sessionPredictors(recipe, outcome).map((p) => p.name);

describe("sessionPredictors", () => {
  it("offers growth the session facts and scores but not its outcome, the alliance ratings", () => {
    expect(names("growth")).toContain("modality");
    expect(names("growth")).toContain("wellbeing");
    expect(names("growth")).not.toContain("alliance_patient");
    expect(names("growth")).not.toContain("alliance_therapist");
  });
  it("offers lagged neither its outcome nor the alliance, and never keys or episode-level facts", () => {
    expect(names("lagged")).not.toContain("wellbeing");
    expect(names("lagged")).toContain("modality");
    for (const r of ["growth", "lagged"]) {
      for (const k of [...KEY_COLUMNS, "end_reason"]) expect(names(r), `${r} ${k}`).not.toContain(k);
      // Everything offered is a column of the long table (so of every run's data).
      for (const n of names(r)) expect(LONG_COLUMNS as readonly string[]).toContain(n);
    }
  });
  it("leaves out the chosen outcome of lagged, whichever it is", () => {
    expect(names("lagged", "modality")).not.toContain("modality");
    expect(names("lagged", "modality")).toContain("wellbeing");
  });
});

describe("extraFormulaColumns", () => {
  it("lists the long table's columns not yet listed and each therapist attribute with its kind", () => {
    const cols = extraFormulaColumns(
      [
        { id: "a1", code: "years_practice", label: "Years of practice", kind: "numeric" },
        { id: "a2", code: "orientation", label: "Orientation", kind: "categorical", levels: ["CBT", "PD"] },
      ],
      new Set(["alliance_patient", "alliance_therapist", "outcome"]),
    );
    const byName = new Map(cols.map((c) => [c.name, c.what]));
    expect(byName.has("modality")).toBe(true);
    expect(byName.get("end_reason")).toMatch(/why the episode ended/);
    // well-being is the table's `outcome` (a role column), not a column of its own name
    expect(byName.has("wellbeing")).toBe(false);
    expect(byName.has("therapist")).toBe(false);
    expect(byName.get("years_practice")).toMatch(/numeric; one value per therapist/);
    expect(byName.get("orientation")).toMatch(/categories CBT, PD/);
  });
});
