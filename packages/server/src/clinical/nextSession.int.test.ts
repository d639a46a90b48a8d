// "New session and patient link" as one operation, and the study schedule's checks: a licensed form without
// the network's wording is refused before anything is stored (no empty session left behind), a second click
// the same day reuses the unanswered session, a study cannot schedule such a form, and the schedule can be
// edited only until the first enrolment or randomisation. Both dialects.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEpisode, createPatient, createStudy, type Db } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { ATTUNE_CANONICAL } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { ALLIANCE_PATIENT, WELLBEING } from "@attune/core";

const WAI = `${ATTUNE_CANONICAL}/Questionnaire/wai-sr`;
const count = async (db: Db, table: "therapy_sessions" | "patient_links") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDialect("next session and its patient link", (dialect) => {
  let h: Harness;
  let therapist: Client;
  let coordinator: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    therapist = await h.signIn(h.a.emails.therapist);
    coordinator = await h.signIn(h.a.emails.coordinator);
  });
  afterAll(async () => {
    await h?.close();
  });

  const next = (episode: string, date = "2025-04-01") =>
    therapist.request("POST", `/api/episodes/${episode}/next-session-link`, { date });

  it("makes session 2 with a link, and a second click the same day reuses it", async () => {
    const first = await next(h.a.ids.episode);
    expect(first.status).toBe(201);
    const a = (await first.json()) as { number: number; reused: boolean; url: string; sessionId: string };
    expect(a).toMatchObject({ number: 2, reused: false, forms: [ALLIANCE_PATIENT, WELLBEING] });
    const sessions = await count(h.store.db, "therapy_sessions");
    const second = await next(h.a.ids.episode);
    expect(second.status).toBe(201);
    const b = (await second.json()) as { number: number; reused: boolean; url: string; sessionId: string };
    expect(b).toMatchObject({ number: 2, reused: true, sessionId: a.sessionId });
    expect(b.url).not.toBe(a.url);
    expect(await count(h.store.db, "therapy_sessions")).toBe(sessions);
    // Another day: a new session.
    const later = await next(h.a.ids.episode, "2025-04-08");
    expect(((await later.json()) as { number: number }).number).toBe(3);
  });

  it("refuses a scheduled form without wording and stores nothing", async () => {
    const db = h.store.db;
    // A study set up before the refusal existed (or whose wording was withdrawn later).
    const { study } = await createStudy(db, {
      networkId: h.a.networkId,
      name: "licensed",
      arms: [],
      schedule: [{ questionnaireUrl: WAI, rater: "patient", sessions: "all" }],
    });
    const p = await createPatient(db, { networkId: h.a.networkId, code: "PW" });
    const e = await createEpisode(db, { patientId: p.id, therapistId: h.a.ids.therapist, studyId: study.id });
    const [sessions, links] = [await count(db, "therapy_sessions"), await count(db, "patient_links")];
    for (let i = 0; i < 2; i++) {
      const res = await next(e.id);
      expect(res.status).toBe(400);
      // What people read (the pages show the first issue's diagnostics): no API route in it.
      const said = ((await res.json()) as { issue: { diagnostics: string }[] }).issue[0]!.diagnostics;
      expect(said).toContain("has no wording in this network yet");
      expect(said).toContain("Instruments page");
      expect(said).not.toMatch(/\/api\//);
    }
    expect(await count(db, "therapy_sessions")).toBe(sessions);
    expect(await count(db, "patient_links")).toBe(links);
    // The patient page says so before the click.
    const page = (await (await therapist.request("GET", `/api/dashboard/episodes/${e.id}`)).json()) as {
      nextLinkBlocked: string[];
    };
    expect(page.nextLinkBlocked).toHaveLength(1);
    expect(page.nextLinkBlocked[0]).toMatch(/WAI/i);
  });

  it("refuses a study that schedules a licensed form without wording, naming it", async () => {
    const res = await coordinator.request("POST", "/api/studies", {
      name: "needs wording",
      arms: [
        { code: "0", name: "a" },
        { code: "1", name: "b" },
      ],
      schedule: [
        { questionnaire: WELLBEING, rater: "patient", sessions: "all" },
        { questionnaire: WAI, rater: "patient", sessions: [1, 4] },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issue: { diagnostics: string; expression?: string[] }[] };
    expect(body.issue[0]!.diagnostics).toMatch(/has no wording in this network yet.*Instruments page/);
    expect(JSON.stringify(body)).toContain("schedule row 2");
  });

  it("edits the schedule before the first enrolment and refuses after, saying why", async () => {
    const made = await coordinator.request("POST", "/api/studies", {
      name: "editable",
      arms: [
        { code: "0", name: "a" },
        { code: "1", name: "b" },
      ],
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }],
    });
    const study = (await made.json()) as { id: string };
    const put = (sessions: number[]) =>
      coordinator.request("PUT", `/api/studies/${study.id}/schedule`, {
        schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions }],
      });
    const ok = await put([1, 3]);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { schedule: { sessions: unknown }[] }).schedule[0]!.sessions).toEqual([
      1, 3,
    ]);
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PE" });
    await createEpisode(h.store.db, { patientId: p.id, therapistId: h.a.ids.therapist, studyId: study.id });
    const late = await put([1]);
    expect(late.status).toBe(409);
    expect(await late.text()).toMatch(/can no longer be changed: 1 patient is already enrolled/);
    expect(
      (await therapist.request("PUT", `/api/studies/${study.id}/schedule`, { schedule: [] })).status,
    ).toBe(403);
  });
});
