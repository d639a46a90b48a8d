// A patient-level arm spreads to the patient's other episodes in whole-network runs, on both databases:
// a study that randomises patients allocates R1 at enrolment; R1's later episode outside the study takes
// that arm when the researcher takes the arms from the study, R1's earlier episode (treated before the
// allocation) does not, nor does a patient never in the study. Checked in the run's recorded data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { createEpisode, createPatient, ensureSession, longRows } from "@attune/db";
import { WELLBEING } from "@attune/core";
import type { StudyOut } from "@attune/api";
import { parseCsv } from "../io/csv.ts";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");

describeEachDialect("a patient-level arm in whole-network runs", (dialect) => {
  let h: Harness;
  let coord: Client;
  let researcher: Client;
  let study: StudyOut;
  let arm: string;
  beforeAll(async () => {
    h = await openHarness(dialect);
    coord = await h.signIn(h.a.emails.coordinator);
    researcher = await h.signIn(h.a.emails.researcher);
    const r = await coord.request("POST", "/api/studies", {
      name: "case allocation",
      allocation: "patient",
      arms: [
        { code: "control", name: "Usual care" },
        { code: "feedback", name: "Alliance feedback" },
      ],
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }],
    });
    expect(r.status, await r.clone().text()).toBe(201);
    study = (await r.json()) as StudyOut;
    const db = h.store.db;
    const networkId = h.a.networkId;
    const therapistId = h.a.ids.therapist;
    const r1 = await createPatient(db, { networkId, code: "R1" });
    const r2 = await createPatient(db, { networkId, code: "R2" });
    const episode = async (patientId: string, startedAt: string, studyId?: string) => {
      const e = await createEpisode(db, {
        patientId,
        therapistId,
        startedAt,
        ...(studyId ? { studyId } : {}),
      });
      for (const n of [1, 2]) await ensureSession(db, e.id, n);
      return e;
    };
    await episode(r1.id, "2026-01-05T09:00:00.000Z"); // before the allocation
    const inStudy = await episode(r1.id, "2026-02-02T09:00:00.000Z", study.id);
    await episode(r1.id, "2026-06-01T09:00:00.000Z"); // after it
    await episode(r2.id, "2026-03-01T09:00:00.000Z");
    arm = study.arms.find((a) => a.id === inStudy.arm_id)!.code;
    // Scored sessions for the model: the golden network enrolled in the study (each patient randomised at
    // enrolment; an import gives no arms, so its condition column is dropped).
    const lines = readFileSync(PRN, "utf8").trim().split("\n");
    const drop = (line: string) =>
      line
        .split(",")
        .filter((_, k) => k !== 2)
        .join(",");
    const imp = await coord.request(
      "POST",
      `/api/import/long-csv?study=${encodeURIComponent(study.name)}`,
      lines.map(drop).join("\n"),
      { "content-type": "text/csv" },
    );
    expect(imp.status, await imp.clone().text()).toBe(200);
  });
  afterAll(() => h.close());

  const conditions = (rows: { patient: string; condition: string }[]) =>
    Object.fromEntries(
      [...new Set(rows.map((r) => r.patient))]
        .filter((p) => /^R\d/.test(p))
        .map((p) => [p, [...new Set(rows.filter((r) => r.patient === p).map((r) => r.condition))]]),
    );

  it("gives the arm to the patient's later episodes, not to earlier ones nor to other patients", async () => {
    expect(["control", "feedback"]).toContain(arm);
    const rows = await longRows(h.store.db, { networkId: h.a.networkId, armsFrom: study.id });
    expect(conditions(rows)).toEqual({ "R1#1": [""], "R1#2": [arm], "R1#3": [arm], R2: [""] });
    // Each episode's own arm (no study chosen) and within the study: the arm stays with the study's episode.
    const own = await longRows(h.store.db, { networkId: h.a.networkId });
    expect(conditions(own)).toEqual({ "R1#1": [""], "R1#2": [arm], "R1#3": [""], R2: [""] });
    const inside = await longRows(h.store.db, { networkId: h.a.networkId, studyId: study.id });
    expect(conditions(inside)).toEqual({ R1: [arm] });
  });

  it("the whole-network run's recorded data carry it", async () => {
    const res = await researcher.request("POST", "/api/runs", { recipe: "growth", armsFrom: study.id });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const csv = await (await researcher.request("GET", `/api/runs/${id}/data.csv`)).text();
    const { table } = parseCsv(csv, "run data");
    const at = (c: string) => table!.header.indexOf(c);
    const rows = table!.records.map((r) => ({
      patient: r.cells[at("patient")]!,
      condition: r.cells[at("condition")] === "NA" ? "" : r.cells[at("condition")]!,
    }));
    expect(conditions(rows)).toEqual({ "R1#1": [""], "R1#2": [arm], "R1#3": [arm], R2: [""] });
  });
});
