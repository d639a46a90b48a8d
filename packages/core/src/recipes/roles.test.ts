import { describe, expect, it } from "vitest";
import { KEY_COLUMNS, LONG_COLUMNS, SCORE_COLUMNS } from "../records/longTable.ts";
import { DEFAULT_ROLES, ROLE_NAMES, resolveRoles } from "./roles.ts";

describe("recipe roles", () => {
  it("default to the long table's own columns: every key column and every alliance column", () => {
    for (const key of ["therapist", "patient", "session", "condition"] as const) {
      expect(KEY_COLUMNS).toContain(key);
      expect(DEFAULT_ROLES[key]).toBe(key);
    }
    const alliance = SCORE_COLUMNS.filter((c) => c.scale === "alliance");
    expect(alliance.map((c) => DEFAULT_ROLES[`alliance_${c.rater}` as "alliance_patient"])).toEqual(
      alliance.map((c) => c.column),
    );
    const fromTable = ROLE_NAMES.filter((r) => r !== "outcome").map((r) => DEFAULT_ROLES[r]);
    for (const column of fromTable) expect(LONG_COLUMNS).toContain(column);
  });

  it("keep the generic outcome column and the declared order, and fill only unmapped roles", () => {
    expect(ROLE_NAMES).toEqual([
      "therapist",
      "patient",
      "session",
      "condition",
      "alliance_patient",
      "alliance_therapist",
      "outcome",
    ]);
    expect(DEFAULT_ROLES.outcome).toBe("outcome");
    expect(Object.isFrozen(DEFAULT_ROLES)).toBe(true);
    const r = resolveRoles({ outcome: "wellbeing", therapist: "" });
    expect(r.outcome).toBe("wellbeing");
    expect(r.therapist).toBe("therapist");
  });
});
