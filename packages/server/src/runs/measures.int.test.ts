// Whole-network runs and every measure: a run takes any measure of the long table as its outcome (PHQ-9
// here, better low), recorded with the run, refused naming the measure when the data have none; a
// whole-network run takes each episode's arm from the study the researcher chooses, or none, and does
// not fail when a therapist is in two studies or a patient has two episodes. The export carries the
// form columns and the site.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { getInstrument, LONG_COLUMNS } from "@attune/core";
import { parseCsv } from "../io/csv.ts";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { answerSessions } from "../testing/answerSessions.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");

describeEachDialect("runs on every measure and across studies", (dialect) => {
  let h: Harness;
  let coord: Client;
  let researcher: Client;
  const studyId = async (name: string) => {
    const res = await researcher.request("GET", "/api/studies");
    const { studies } = (await res.json()) as { studies: { id: string; name: string }[] };
    return studies.find((s) => s.name === name)!.id;
  };
  const run = async (body: Record<string, unknown>) => {
    const res = await researcher.request("POST", "/api/runs", body);
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    h = await openHarness(dialect);
    coord = await h.signIn(h.a.emails.coordinator);
    researcher = await h.signIn(h.a.emails.researcher);
    const imp = await coord.request("POST", "/api/import/long-csv?study=trial-a", readFileSync(PRN, "utf8"), {
      "content-type": "text/csv",
    });
    expect(imp.status, await imp.clone().text()).toBe(200);
    // A second study: T001 (in trial-a too) takes a new patient; P00001 (T001's in trial-a) starts a
    // second episode with T002, at the site "North" (the site column goes through the import's checks).
    const second = [
      "therapist,patient,session,condition,site,alliance_patient,alliance_therapist,wellbeing",
      "T001,Q1,1,b1,North,3.1,3.2,3.0",
      "T001,Q1,2,b1,North,3.4,3.3,3.2",
      "T002,P00001,1,b2,North,3.0,3.1,2.9",
      "T002,P00001,2,b2,North,3.2,3.3,3.1",
    ].join("\n");
    const imp2 = await coord.request("POST", "/api/import/long-csv?study=trial-b", second, {
      "content-type": "text/csv",
    });
    expect(imp2.status, await imp2.clone().text()).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("runs the whole network with each episode's arm from the chosen study, or none", async () => {
    const a = await studyId("trial-a");
    const b = await studyId("trial-b");
    const none = await run({ recipe: "growth" });
    expect(none.status, none.text).toBe(201);
    const fromA = await run({ recipe: "growth", armsFrom: a });
    expect(fromA.status, fromA.text).toBe(201);
    const recorded = JSON.parse(fromA.text) as {
      id: string;
      selection: { armsFrom: string; armsFromName: string };
      results: { models: Record<string, { fixef: { term: string }[] }> };
    };
    expect(recorded.selection).toMatchObject({ armsFrom: a, armsFromName: "trial-a" });

    const dataOf = async (id: string) => {
      const res = await researcher.request("GET", `/api/runs/${id}/data.csv`);
      const { table } = parseCsv(await res.text(), "run data");
      const at = (c: string) => table!.header.indexOf(c);
      return {
        header: table!.header,
        rows: table!.records.map((r) => ({
          therapist: r.cells[at("therapist")],
          patient: r.cells[at("patient")]!,
          condition: r.cells[at("condition")],
          site: r.cells[at("site")],
        })),
      };
    };
    // P00001's two episodes are two courses (by start); arms only from the chosen study.
    const withA = await dataOf(recorded.id);
    const p1 = withA.rows.filter((r) => r.patient.startsWith("P00001"));
    expect(new Set(p1.map((r) => r.patient))).toEqual(new Set(["P00001#1", "P00001#2"]));
    expect(p1.filter((r) => r.therapist === "T002").every((r) => r.patient === "P00001#2")).toBe(true);
    expect(p1.filter((r) => r.patient === "P00001#2").map((r) => r.condition)).toEqual(["", ""]);
    expect(p1.filter((r) => r.patient === "P00001#1").every((r) => r.condition === "1")).toBe(true);
    expect(withA.rows.filter((r) => r.patient === "Q1").map((r) => [r.condition, r.site])).toEqual([
      ["", "North"],
      ["", "North"],
    ]);
    // Trial A's arms reach the model; without a study's arms there is no condition column and no arm term.
    expect(JSON.stringify(recorded.results.models)).toContain("time:condition");
    const withNone = await dataOf((JSON.parse(none.text) as { id: string }).id);
    expect(withNone.header).not.toContain("condition");
    expect(withNone.rows.length).toBe(withA.rows.length);
    expect(JSON.stringify((JSON.parse(none.text) as typeof recorded).results.models)).not.toContain(
      "condition",
    );
    // Within a study the arms are the study's; armsFrom belongs to whole-network runs.
    const both = await run({ recipe: "growth", study: a, armsFrom: b });
    expect(both.status).toBe(400);
    expect(both.text).toMatch(/armsFrom is for whole-network runs/);
  });

  it("takes PHQ-9 as the outcome, better low, and refuses a measure the data lack, naming it", async () => {
    const a = await studyId("trial-a");
    const phq9 = getInstrument("phq-9");
    // Symptoms that fall over the sessions, scored by the form's own rules.
    await answerSessions(h, a, phq9, "patient", (k, number) => {
      const level = Math.max(0, Math.min(3, 3 - Math.floor(number / 2) + (k % 2)));
      return Object.fromEntries(phq9.items.map((it) => [it.linkId, it.linkId === "phq9-10" ? 0 : level]));
    });
    const res = await run({ recipe: "growth", study: a, outcome: "phq9" });
    expect(res.status, res.text).toBe(201);
    const out = JSON.parse(res.text) as {
      selection: { options: { outcome?: string } };
      results: { outcome: { column: string; direction: string } };
    };
    expect(out.selection.options.outcome).toBe("phq9");
    expect(out.results.outcome).toEqual({ column: "phq9", direction: "lower-is-better" });
    const wellbeing = JSON.parse((await run({ recipe: "growth", study: a })).text) as typeof out;
    expect(wellbeing.results.outcome).toEqual({ column: "wellbeing", direction: "higher-is-better" });

    const gad = await run({ recipe: "growth", study: a, outcome: "gad7" });
    expect(gad.status).toBe(400);
    expect(gad.text).toMatch(/no GAD-7 total \(gad7\) scores/);
    const bogus = await run({ recipe: "growth", outcome: "mood" });
    expect(bogus.status).toBe(400);
    expect(bogus.text).toMatch(/outcome \\"mood\\" is not a measure of the analysis table \(.*phq9.*\)/);

    // The export carries every form column (the header from core's LONG_COLUMNS) with the PHQ-9 totals.
    const csv = await (await researcher.request("GET", `/api/export/long.csv?study=${a}`)).text();
    const { table } = parseCsv(csv, "export");
    expect(table!.header.slice(0, LONG_COLUMNS.length)).toEqual([...LONG_COLUMNS]);
    const col = table!.header.indexOf("phq9");
    const totals = table!.records.map((r) => Number(r.cells[col]));
    expect(totals.every((t) => Number.isInteger(t) && t >= 0 && t <= 27)).toBe(true);
    expect(new Set(totals).size).toBeGreaterThan(3);
  });

  it("splits lagged's between-patient part by therapist on request, records it, refuses it elsewhere", async () => {
    const a = await studyId("trial-a");
    const res = await run({ recipe: "lagged", study: a, betweenTherapist: true });
    expect(res.status, res.text).toBe(201);
    const out = JSON.parse(res.text) as {
      selection: { options: { betweenTherapist?: boolean } };
      results: {
        models: Record<string, { formula: string }>;
        lagged: { betweenTherapists?: { se: number } };
      };
    };
    expect(out.selection.options.betweenTherapist).toBe(true);
    expect(out.results.models["lagged"]?.formula).toMatch(/alliance_pb \+ alliance_tm/);
    expect(out.results.lagged.betweenTherapists?.se).toBeGreaterThan(0);
    const plain = JSON.parse((await run({ recipe: "lagged", study: a })).text) as typeof out;
    expect(plain.selection.options.betweenTherapist).toBeUndefined();
    expect(plain.results.models["lagged"]?.formula).toMatch(/alliance_pm/);
    const growth = await run({ recipe: "growth", study: a, betweenTherapist: true });
    expect(growth.status).toBe(400);
    expect(growth.text).toMatch(
      /betweenTherapist splits the lagged recipe's alliance mean; growth has no such split/,
    );
    const notBool = await run({ recipe: "lagged", study: a, betweenTherapist: "yes" });
    expect(notBool.status).toBe(400);
    expect(notBool.text).toMatch(/betweenTherapist/);
  });

  it("an imported form-total column is stored without item answers and read back by the export", async () => {
    const file = [
      "therapist,patient,session,alliance_patient,alliance_therapist,wellbeing,phq9",
      "T001,Z1,1,3.1,3.2,3.0,12",
      "T001,Z1,2,3.4,3.3,3.2,9",
    ].join("\n");
    const imp = await coord.request("POST", "/api/import/long-csv?study=trial-c", file, {
      "content-type": "text/csv",
    });
    expect(imp.status).toBe(200);
    const report = (await imp.json()) as { warnings?: string[] };
    expect(report.warnings?.some((w) => /phq9/.test(w)) ?? false).toBe(false);
    // Authorization unchanged: only the coordinator imports, totals or not.
    const refused = await researcher.request("POST", "/api/import/long-csv?study=trial-d", file, {
      "content-type": "text/csv",
    });
    expect(refused.status).toBe(403);
    const csv = await (
      await researcher.request("GET", `/api/export/long.csv?study=${await studyId("trial-c")}`)
    ).text();
    const { table } = parseCsv(csv, "export");
    const col = table!.header.indexOf("phq9");
    expect(table!.records.length).toBe(2);
    expect(table!.records.map((r) => r.cells[col])).toEqual(["12", "9"]);
  });
});
