// The dashboard's not on track follows the outcome the network's study schedules, in that outcome's own
// direction: the demo network's well-being mirrored onto PHQ-9 (lower is better) gives the same alerts,
// the same fitted model, and a band mirrored with it; the well-being form, still scheduled, drives its own
// not on track beside PHQ-9's (every outcome form a network follows does, each in its direction).
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import { appendResponses, type Store } from "@attune/db";
import { createApp } from "../app.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { scoreRange } from "./series.ts";
import { DEMO_PASSWORD, seedSimulatedDemo, type DemoNetwork } from "../demoNetwork.ts";

const PHQ9 = "https://attune.example/fhir/Questionnaire/phq-9";
const catalog = builtinCatalog();

interface Page {
  series: { session: number; outcome: number | null }[];
  alerts: { kind: string; session: number; why: Record<string, unknown> }[];
  band: { session: number; mean: number; lower: number; upper: number }[];
  outcome: { id: string; higherIsBetter: boolean };
}
interface Calibration {
  notOnTrack: { status: string; model: { beta: number[] }; z: number };
  implied: { notOnTrackPer100Sessions: number };
}

describeEachDialect("the dashboard's outcome and its direction", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let demo: DemoNetwork;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(d));
    demo = await seedSimulatedDemo(store);
  });
  afterAll(async () => dispose?.());

  /** A fresh app (fresh calibration cache) signed in as the demo's therapist and coordinator. */
  async function session() {
    const a = createApp({ store, instruments: builtinCatalog() });
    await a.ready;
    const cookies: Record<string, string> = {};
    for (const role of ["therapist", "coordinator"]) {
      const email = demo.users.find((u) => u.role === role)!.email;
      const res = await a.app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(200);
      cookies[role] = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    }
    const get = async <T>(role: string, path: string): Promise<T> => {
      const res = await a.app.request(path, { headers: { cookie: cookies[role]! } });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    return get;
  }

  async function snapshot(get: Awaited<ReturnType<typeof session>>) {
    const caseload = await get<{
      outcome: { id: string; higherIsBetter: boolean };
      patients: { episodeId: string }[];
    }>("therapist", "/api/dashboard/caseload");
    const pages = new Map<string, Page>();
    for (const p of caseload.patients)
      pages.set(p.episodeId, await get<Page>("therapist", `/api/dashboard/episodes/${p.episodeId}`));
    return {
      cal: await get<Calibration>("coordinator", "/api/dashboard/calibration"),
      pages,
      caseloadOutcome: caseload.outcome,
    };
  }

  it("a PHQ-9 network (lower is better) gets the well-being network's alerts, model and band, mirrored", async () => {
    const before = await snapshot(await session());
    expect(before.cal.notOnTrack.status).toBe("network");
    // The caseload names the outcome its last-score column shows.
    expect(before.caseloadOutcome).toEqual({ id: "wellbeing", higherIsBetter: true });
    for (const p of before.pages.values())
      expect(p.outcome).toEqual({ id: "wellbeing", higherIsBetter: true });

    // The same patients answer PHQ-9 instead: every well-being score w (0–100, higher = better) becomes a
    // PHQ-9 score 100 − w (0–100, higher = worse); the study now schedules PHQ-9 first.
    const wellbeing = await store.db
      .selectFrom("responses as r")
      .innerJoin("scores as sc", "sc.response_id", "r.id")
      .select([
        "r.network_id",
        "r.patient_id",
        "r.episode_id",
        "r.session_id",
        "r.questionnaire_url",
        "sc.value",
        "sc.range_min",
        "sc.range_max",
      ])
      .where("r.network_id", "=", demo.networkId)
      .where("sc.scale", "=", "wellbeing")
      .where("r.rater", "=", "patient")
      .execute();
    expect(wellbeing.length).toBeGreaterThan(300);
    // On 0–100 as the dashboard reads it (imported scores carry their declared range).
    const percent = (w: (typeof wellbeing)[number]) => {
      const r =
        w.range_min !== null && w.range_max !== null
          ? { min: Number(w.range_min), max: Number(w.range_max) }
          : scoreRange(catalog, w.questionnaire_url, "wellbeing");
      return Math.round(((Number(w.value) - r.min) / (r.max - r.min)) * 1000) / 10;
    };
    await appendResponses(
      store.db,
      wellbeing.map((w) => ({
        networkId: w.network_id,
        patientId: w.patient_id,
        episodeId: w.episode_id,
        sessionId: w.session_id,
        questionnaireUrl: PHQ9,
        rater: "patient" as const,
        authorKind: "import" as const,
        authorId: null,
        resource: { resourceType: "QuestionnaireResponse", status: "completed" },
        scores: { percent_of_max: 100 - percent(w) },
      })),
    );
    const study = await store.db
      .selectFrom("studies")
      .select("id")
      .where("network_id", "=", demo.networkId)
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("schedule_items")
      .values({
        id: `${study.id}-a-phq9`,
        study_id: study.id,
        questionnaire_url: PHQ9,
        rater: "patient",
        sessions: "all",
      })
      .execute();

    const after = await snapshot(await session());
    expect(after.cal.notOnTrack.status).toBe("network");
    expect(after.caseloadOutcome).toEqual({ id: "phq-9", higherIsBetter: false });
    // Same fitted model on the better-is-higher metric, same band width, same alert rate.
    after.cal.notOnTrack.model.beta.forEach((b, i) =>
      expect(b).toBeCloseTo(before.cal.notOnTrack.model.beta[i]!, 2),
    );
    expect(after.cal.notOnTrack.z).toBeCloseTo(before.cal.notOnTrack.z, 2);
    expect(after.cal.implied.notOnTrackPer100Sessions).toBe(before.cal.implied.notOnTrackPer100Sessions);

    let notOnTrack = 0;
    for (const [id, was] of before.pages) {
      const now = after.pages.get(id)!;
      expect(now.outcome).toEqual({ id: "phq-9", higherIsBetter: false });
      now.series.forEach((s, i) => {
        const w = was.series[i]!.outcome;
        if (w === null) expect(s.outcome).toBeNull();
        else expect(s.outcome).toBeCloseTo(100 - w, 1);
      });
      const kinds = (p: Page, form: string) =>
        p.alerts.filter((a) => a.kind === "not-on-track" && a.why.form === form).map((a) => a.session);
      const wellbeingForm = was.alerts.find((a) => a.kind === "not-on-track")?.why.form ?? "wellbeing";
      expect(kinds(now, "phq-9")).toEqual(kinds(was, wellbeingForm as string));
      // The well-being form is still scheduled (after PHQ-9): its own rule, fitted on its own scores,
      // raises the same alerts it raised when it was the only outcome.
      expect(kinds(now, wellbeingForm as string)).toEqual(kinds(was, wellbeingForm as string));
      notOnTrack += kinds(now, "phq-9").length;
      // The band in PHQ-9's direction: its upper edge is the not-on-track line.
      now.band.forEach((b, i) => {
        const w = was.band[i]!;
        expect(b.mean).toBeCloseTo(100 - w.mean, 0);
        expect(b.upper).toBeCloseTo(100 - w.lower, 0);
        expect(b.lower).toBeCloseTo(100 - w.upper, 0);
      });
    }
    // The comparison has teeth: the caseload has not-on-track alerts, and read the wrong way round
    // (higher = better) the rising PHQ-9 of a deteriorating patient would look like recovery.
    expect(notOnTrack).toBeGreaterThan(0);
  });
});
