import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { runRecipes } from "./run.ts";
import { simulatePrn } from "../simulate/simulate.ts";

const HEAD = [
  "therapist",
  "patient",
  "condition",
  "session",
  "alliance_patient",
  "alliance_therapist",
  "outcome",
];
const ok = [
  ["T1", "P1", "0", "1", "4", "3.8", "3"],
  ["T1", "P1", "0", "2", "4.2", "4", "3.2"],
  ["T2", "P2", "1", "1", "3.5", "3.1", "2.8"],
];
const frame = (rows: string[][], head = HEAD) => dataFrameFromRows(head, rows);
const prepare = (rows: string[][], head = HEAD) => preparePrnData(frame(rows, head), resolveRoles());

describe("preparePrnData: bad input gives a message naming the column, row and value", () => {
  it("accepts good data", () => {
    expect(prepare(ok).nrow).toBe(3);
  });

  it("names a missing column and the columns present", () => {
    expect(() => prepare(ok, HEAD.with(1, "client"))).toThrow(
      /column "patient" \(role patient\) not found; the data has columns: therapist, client/,
    );
    expect(() => preparePrnData(frame(ok), resolveRoles({ outcome: "mood" }))).toThrow(
      /column "mood" \(role outcome\) not found; the data has columns: therapist, patient.*--outcome/,
    );
  });

  it("runs what the data allow without an outcome, and names the outcome when a recipe needs it", () => {
    const noOutcome = frame(
      ok.map((r) => r.slice(0, 6)),
      HEAD.slice(0, 6),
    );
    expect(preparePrnData(noOutcome, resolveRoles()).absent).toEqual(new Set(["outcome"]));
    expect(() => runRecipes("rsa", noOutcome, {})).toThrow(
      /rsa needs the outcome column \("outcome"\), which the data do not have; .*--outcome/,
    );
  });

  it("knows an outcome's direction from the instrument its column names, or as given", () => {
    const phq = frame(ok, HEAD.with(6, "phq9"));
    expect(preparePrnData(phq, resolveRoles({ outcome: "phq9" })).outcomeDirection).toBe("lower-is-better");
    expect(preparePrnData(frame(ok), resolveRoles()).outcomeDirection).toBe("higher-is-better");
    const mood = frame(ok, HEAD.with(6, "mood"));
    expect(preparePrnData(mood, resolveRoles({ outcome: "mood" })).outcomeDirection).toBe("unknown");
    expect(
      preparePrnData(mood, resolveRoles({ outcome: "mood" }), { outcomeDirection: "lower-is-better" })
        .outcomeDirection,
    ).toBe("lower-is-better");
  });

  it("names a role mapped to a non-numeric column, with the row and value", () => {
    const rows = ok.map((r) => [...r]);
    rows[1]![4] = "good";
    expect(() => prepare(rows)).toThrow(
      /column "alliance_patient" \(role alliance_patient\) must be numeric, but row 2 \(line 3 of the file\) has "good"/,
    );
  });

  it("names a patient seen by two therapists", () => {
    const rows = [...ok, ["T2", "P1", "1", "3", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(
      /patient "P1" is seen by two therapists: "T1" \(row 1 .*\) and "T2" \(row 4/,
    );
  });

  it("names duplicate patient × session rows", () => {
    const rows = [...ok, ["T1", "P1", "0", "2", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(/duplicate rows for patient "P1" session 2: row 2 .* and row 4/);
  });

  it("accepts an arm that varies within a therapist (patient-level randomisation), not within a patient", () => {
    expect(prepare([...ok, ["T1", "P3", "1", "1", "4", "4", "3"]]).nrow).toBe(4);
    const rows = [...ok, ["T1", "P1", "1", "3", "4", "4", "3"]];
    expect(() => prepare(rows)).toThrow(
      /must be constant within a patient, but patient "P1" has 0 \(row 1 .*\) and 1 \(row 4/,
    );
  });

  it("names a session number that is not a positive integer", () => {
    const rows = ok.map((r) => [...r]);
    rows[2]![3] = "1.5";
    expect(() => prepare(rows)).toThrow(/must hold 1-based session numbers, but row 3 .* has 1.5/);
  });

  it("names a missing patient id", () => {
    const rows = ok.map((r) => [...r]);
    rows[0]![1] = "";
    expect(() => prepare(rows)).toThrow(/column "patient" \(role patient\) is missing at row 1/);
  });

  it("explains when there are too few sessions for a lag", () => {
    const rows = [
      ["T1", "P1", "0", "1", "4", "3.8", "3"],
      ["T1", "P1", "0", "3", "4", "3.8", "3"],
      ["T2", "P2", "1", "1", "3.5", "3.1", "2.8"],
    ];
    expect(() => runRecipes("lagged", frame(rows), {})).toThrow(
      /needs the outcome \("outcome"\) at the next session: no row has sessions s and s \+ 1 .*\(2 patients, at most 2 sessions each\)/,
    );
  });

  it("rejects an unknown recipe", () => {
    expect(() => runRecipes("nope" as "rsa", frame(ok), {})).toThrow(
      /unknown recipe "nope"; choose one of: congruence, rsa/,
    );
  });
});

describe("designs the studies use", () => {
  // A network simulated with patient-level arms (every therapist treats patients of both arms) and with
  // the therapist's rating dropped: growth and lagged run on the patient's rating alone.
  const sim = simulatePrn({ therapists: 12, patientsPerTherapist: 4, sessions: 6, seed: 5 });
  const rows = sim.rows.map((r, i) => [
    r.therapist,
    r.patient,
    // patient-level allocation: alternate patients within each therapist
    String(Number(r.patient.slice(1)) % 2),
    String(r.session),
    Number.isNaN(r.alliance_patient) ? "" : String(r.alliance_patient),
    Number.isNaN(r.outcome) ? "" : String(r.outcome),
    String(i),
  ]);
  const df = frame(rows, ["therapist", "patient", "condition", "session", "alliance_patient", "phq9", "row"]);

  it("runs growth and lagged on patient-only alliance data with patient-level arms", () => {
    const opts = { roles: { outcome: "phq9" } };
    const [g] = runRecipes("growth", df, opts);
    expect(g!.models.map((m) => m.name)).toEqual(["growth_patient"]);
    expect(g!.models[0]!.summary.fixef.map((f) => f.term)).toContain("time:condition");
    const [l] = runRecipes("lagged", df, opts);
    expect(l!.models[0]!.summary.nobs).toBeGreaterThan(100);
    expect(() => runRecipes("congruence", df, opts)).toThrow(
      /congruence \(truth and bias\) needs the alliance_therapist column/,
    );
  });
});
