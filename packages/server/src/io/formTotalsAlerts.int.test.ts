// Imported PHQ-9 totals (no item answers) drive not on track, lower being better: the demo network's
// well-being history, mirrored onto PHQ-9 totals (27 × (100 − w) / 100) and imported as a long CSV
// `phq9` column into the sessions it already has, raises the same not-on-track alerts PHQ-9 answers would.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import type { Store } from "@attune/db";
import { builtinCatalog } from "../instruments/builtin.ts";
import type { DemoNetwork } from "../demoNetwork.ts";
import { openDemoStore, signInDemo } from "../testing/demoSuite.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";
import { scoreRange } from "../dashboard/series.ts";
import { schedulePatientForm } from "../testing/secondOutcome.ts";
import { importLongCsv } from "./longCsv.ts";

interface Row {
  episodeId: string;
  alerts: { kind: string; session: number; why: Record<string, unknown> }[];
}

describeEachDialect("not on track from imported PHQ-9 totals", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let demo: DemoNetwork;
  const apps: SignedInApp[] = [];

  beforeAll(async () => {
    ({ store, demo, dispose } = await openDemoStore(d));
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await dispose?.();
  });

  /** The demo therapist's caseload (a fresh app: a fresh calibration). */
  async function caseload() {
    const a = await startApp(store);
    apps.push(a);
    const therapist = await signInDemo(a, demo, "therapist");
    const res = await therapist.request("GET", "/api/dashboard/caseload");
    expect(res.status).toBe(200);
    return (await res.json()) as { outcome: { id: string; higherIsBetter: boolean }; patients: Row[] };
  }

  /** The demo's well-being history as a long CSV of PHQ-9 totals: better well-being, fewer symptoms. */
  async function phq9History(): Promise<string> {
    const catalog = builtinCatalog();
    const rows = await store.db
      .selectFrom("responses as r")
      .innerJoin("scores as sc", "sc.response_id", "r.id")
      .innerJoin("therapy_sessions as s", "s.id", "r.session_id")
      .innerJoin("episodes as e", "e.id", "r.episode_id")
      .innerJoin("patients as p", "p.id", "e.patient_id")
      .innerJoin("users as t", "t.id", "e.therapist_id")
      .select(["t.code as therapist", "p.code as patient", "s.number", "r.questionnaire_url"])
      .select(["sc.value", "sc.range_min", "sc.range_max"])
      .where("r.network_id", "=", demo.networkId)
      .where("sc.scale", "=", "wellbeing")
      .where("r.rater", "=", "patient")
      .execute();
    const lines = rows.map((w) => {
      const r =
        w.range_min !== null && w.range_max !== null
          ? { min: Number(w.range_min), max: Number(w.range_max) }
          : scoreRange(catalog, w.questionnaire_url, "wellbeing");
      const percent = ((Number(w.value) - r.min) / (r.max - r.min)) * 100;
      const total = Math.round(((27 * (100 - percent)) / 100) * 1e6) / 1e6;
      return `${w.therapist},${w.patient},${Number(w.number)},${total}`;
    });
    expect(lines.length).toBeGreaterThan(300);
    return ["therapist,patient,session,phq9", ...lines].join("\n");
  }

  it("imports PHQ-9 totals into the sessions the network has and raises the same not-on-track alerts", async () => {
    const before = await caseload();
    expect(before.outcome).toEqual({ id: "wellbeing", higherIsBetter: true });
    const wellbeingAlerts = (r: Row) =>
      r.alerts.filter((a) => a.kind === "not-on-track" && a.why.form !== "phq-9").map((a) => a.session);

    const study = await store.db
      .selectFrom("studies")
      .select("name")
      .where("network_id", "=", demo.networkId)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    const rep = await importLongCsv({ store, instruments: builtinCatalog() }, await phq9History(), {
      networkId: demo.networkId,
      study: study.name,
      actorId: null,
    });
    expect(rep.rejected).toEqual([]);
    expect(rep.created["responses"]).toBeGreaterThan(300);
    expect(rep.created["sessions"]).toBe(0);
    await schedulePatientForm(store, demo.networkId, "phq-9");

    const after = await caseload();
    expect(after.outcome).toEqual({ id: "phq-9", higherIsBetter: false });
    let raised = 0;
    for (const was of before.patients) {
      const now = after.patients.find((p) => p.episodeId === was.episodeId)!;
      const phq = now.alerts.filter((a) => a.kind === "not-on-track" && a.why.form === "phq-9");
      expect(phq.map((a) => a.session)).toEqual(wellbeingAlerts(was));
      raised += phq.length;
    }
    // The comparison has teeth: alerts were raised, and read higher-is-better the rising totals of the
    // patients who deteriorate would have looked like recovery.
    expect(raised).toBeGreaterThan(0);
  });
});
