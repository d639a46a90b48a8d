// The dashboard API on the simulated demo network, in both dialects: caseload ordered by attention,
// one dyad's feedback with the expected band, and the event stream announcing a patient's answers.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { openStore, type Store } from "@attune/db";
import type { DemoNetwork } from "../demoNetwork.ts";
import type { SignedInClient } from "../testing/harness.ts";
import { openDemoStore, signInDemo } from "../testing/demoSuite.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";

interface Caseload {
  patients: { episodeId: string; patientCode: string; attention: number; alerts: { kind: string }[] }[];
}

describeEachDialect("dashboard API", (d) => {
  let store: Store;
  let url = "";
  let dispose: () => Promise<void>;
  let a: SignedInApp;
  let demo: DemoNetwork;
  let therapist: SignedInClient;

  beforeAll(async () => {
    ({ store, url, demo, dispose } = await openDemoStore(d, { therapists: 12 }));
    a = await startApp(store);
    therapist = await signInDemo(a, demo, "therapist");
  });
  afterAll(async () => {
    await a?.close();
    await dispose?.();
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await therapist.request("GET", path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  it("lists the caseload most urgent first, with the demo therapist's alerts", async () => {
    const c = await get<Caseload>("/api/dashboard/caseload");
    expect(c.patients.length).toBe(3);
    const att = c.patients.map((p) => p.attention);
    expect(att).toEqual([...att].sort((x, y) => x - y));
    expect(c.patients.some((p) => p.alerts.length > 0)).toBe(true);
  });

  it("gives one dyad's series, congruence, alerts and expected band", async () => {
    const c = await get<Caseload>("/api/dashboard/caseload");
    const ep = c.patients.find((p) => p.patientCode === demo.patientCode)!;
    const f = await get<{
      series: unknown[];
      congruence: unknown[];
      band: { lower: number; upper: number }[];
    }>(`/api/dashboard/episodes/${ep.episodeId}`);
    expect(f.series.length).toBeGreaterThanOrEqual(6);
    expect(f.congruence.length).toBe(f.series.length);
    expect(f.band.length).toBeGreaterThan(0);
    for (const b of f.band) expect(b.lower).toBeLessThan(b.upper);
  });

  it("names the forms of the episode's study schedule per rater (the demo forms without a schedule)", async () => {
    const c = await get<Caseload>("/api/dashboard/caseload");
    const ep = c.patients.find((p) => p.patientCode === demo.patientCode)!;
    const forms = async () =>
      (
        await get<{ forms: { patient: string[]; therapist: string[] } }>(
          `/api/dashboard/episodes/${ep.episodeId}`,
        )
      ).forms;
    const demoForms = { patient: [ALLIANCE_PATIENT, WELLBEING], therapist: [ALLIANCE_THERAPIST] };
    expect(await forms()).toEqual(demoForms); // the demo study's schedule
    const episode = await store.db
      .selectFrom("episodes")
      .select("study_id")
      .where("id", "=", ep.episodeId)
      .executeTakeFirstOrThrow();
    const study_id = episode.study_id ?? "";
    expect(study_id).not.toBe("");
    const saved = await store.db
      .selectFrom("schedule_items")
      .selectAll()
      .where("study_id", "=", study_id)
      .execute();
    await store.db.deleteFrom("schedule_items").where("study_id", "=", study_id).execute();
    expect(await forms()).toEqual(demoForms); // no schedule: the demo forms
    const checkIn = "https://attune.dev/fhir/Questionnaire/alliance-checkin-therapist";
    await store.db
      .insertInto("schedule_items")
      .values([
        { id: "s-test-1", study_id, questionnaire_url: checkIn, rater: "therapist", sessions: "all" },
        { id: "s-test-2", study_id, questionnaire_url: WELLBEING, rater: "patient", sessions: "[1,6]" },
      ])
      .execute();
    expect(await forms()).toEqual({ patient: [WELLBEING], therapist: [checkIn] });
    await store.db.deleteFrom("schedule_items").where("study_id", "=", study_id).execute();
    await store.db.insertInto("schedule_items").values(saved).execute();
  });

  it("announces a patient's answers on the event stream and the drop becomes a rupture", async () => {
    const res = await therapist.request("GET", "/api/dashboard/events");
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let seen = "";
    const until = async (s: string) => {
      while (!seen.includes(s)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += dec.decode(value);
      }
    };
    await until("event: ready");
    const token = demo.patientLink.replace("/r/", "");
    const qr = (url: string, items: string[], v: number) => ({
      resourceType: "QuestionnaireResponse",
      questionnaire: url,
      status: "completed",
      item: items.map((linkId) => ({ linkId, answer: [{ valueInteger: v }] })),
    });
    const sub = await a.app.request(`/api/r/${token}/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        responses: [
          qr(ALLIANCE_PATIENT, ["goal", "task", "bond1", "bond2"], 1),
          qr(WELLBEING, ["mood", "calm", "coping"], 1),
        ],
      }),
    });
    expect(sub.status).toBe(200);
    await until("event: response");
    await reader.cancel();
    const c = await get<Caseload>("/api/dashboard/caseload");
    const ep = c.patients.find((p) => p.patientCode === demo.patientCode)!;
    expect(ep.alerts.map((x) => x.kind)).toContain("rupture");
    expect(c.patients[0]!.alerts.length).toBeGreaterThan(0);
  });

  it("relays answers between API processes sharing PostgreSQL (one SQLite file has one process)", async () => {
    if (d.name !== "postgres") {
      expect(store.relay).toBeUndefined();
      return;
    }
    // A second API "process": its own store (connections, listener) and app on the same database.
    const other = await openStore({ url });
    const b = await startApp(other);
    try {
      const res = await b.app.request("/api/dashboard/events", { headers: { cookie: therapist.cookie } });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let seen = "";
      const until = async (text: string) => {
        while (!seen.includes(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += dec.decode(value);
        }
      };
      await until("event: ready");
      const c = await get<Caseload>("/api/dashboard/caseload");
      const episodeId = c.patients[0]!.episodeId;
      const heardByA: string[] = [];
      const off = a.ctx.events.on((e) => heardByA.push(e.sessionId));
      a.ctx.events.emit({ networkId: demo.networkId, episodeId, sessionId: "s-relayed", rater: "patient" });
      const started = Date.now();
      await until("s-relayed");
      console.log(`response event relayed to the other process in ${Date.now() - started} ms`);
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 200)); // A's own notification has come back by now
      off();
      expect(seen).toContain(`"episodeId":"${episodeId}"`);
      expect(heardByA).toEqual(["s-relayed"]); // the sender hears its own event once, not again via NOTIFY
    } finally {
      await b.close();
      await other.close();
    }
  });
});
