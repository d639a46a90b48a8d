// Session scheduling through the API, both dialects: a session made ahead keeps its day and time, its link
// shows no form before the start of that day in the clinic's time zone (and refuses answers), the caseload
// lists it as the patient's next session, a new link for the latest session never makes a session, and a
// day before an unanswered later session or an unknown time zone is refused naming the value.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEpisode, createPatient } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { ALLIANCE_PATIENT } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeEachDialect("session scheduling", (dialect) => {
  let h: Harness;
  let therapist: Client;
  let episode: string;
  beforeAll(async () => {
    h = await openHarness(dialect);
    therapist = await h.signIn(h.a.emails.therapist);
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PS1" });
    episode = (await createEpisode(h.store.db, { patientId: p.id, therapistId: h.a.ids.therapist })).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const post = (body: unknown) =>
    therapist.request("POST", `/api/episodes/${episode}/next-session-link`, body);
  interface Made {
    number: number;
    date: string;
    time: string | null;
    opensAt: string;
    expiresAt: string;
    url: string;
    reused: boolean;
    sessionId: string;
  }

  it("schedules a session ahead: its link opens on that day in the clinic's zone and takes no answer before", async () => {
    const res = await post({ date: day(3), time: "14:30", timeZone: "Europe/Paris" });
    expect(res.status, await res.clone().text()).toBe(201);
    const m = (await res.json()) as Made;
    expect(m).toMatchObject({ number: 1, date: day(3), time: "14:30", reused: false });
    // Midnight in Paris is 22:00 or 23:00 UTC the evening before.
    expect(m.opensAt).toMatch(new RegExp(`^${day(2)}T2[23]:00:00\\.000Z$`));
    // The link's lifetime counts from its opening, not from now.
    expect(Date.parse(m.expiresAt) - Date.parse(m.opensAt)).toBe(7 * 86_400_000);
    const token = m.url.split("/r/")[1]!;
    const patient = h.patient(token);
    const form = (await (await patient.request("GET", `/api/r/${token}`)).json()) as {
      opensAt: string;
      sessionDate: string;
      sessionTime: string;
      questionnaires: unknown[];
    };
    expect(form).toMatchObject({
      opensAt: m.opensAt,
      sessionDate: day(3),
      sessionTime: "14:30",
      questionnaires: [],
    });
    const early = await patient.request("POST", `/api/r/${token}/submit`, {
      responses: [
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: ALLIANCE_PATIENT,
          status: "completed",
          item: [],
        },
      ],
    });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("this link opens on the day of the session");

    // The caseload names it as the patient's next session.
    const caseload = (await (await therapist.request("GET", "/api/dashboard/caseload")).json()) as {
      patients: { episodeId: string; next: { session: number; date: string; time: string | null } | null }[];
    };
    expect(caseload.patients.find((p) => p.episodeId === episode)?.next).toEqual({
      session: 1,
      date: day(3),
      time: "14:30",
    });
  });

  it("a session dated today opens at once; a new link for the latest session reuses it and keeps its time", async () => {
    const again = (await (await post({ reuse: true, timeZone: "Europe/Paris" })).json()) as Made;
    expect(again).toMatchObject({ number: 1, reused: true, date: day(3), time: "14:30" });
    // A day before the unanswered session 1 of day +3: refused, naming both days.
    const before = await post({ date: day(1), timeZone: "UTC" });
    expect(before.status).toBe(409);
    expect(await before.text()).toContain(`session 1 is already scheduled for ${day(3)}, after ${day(1)}`);
    const later = (await (await post({ date: day(10), timeZone: "UTC" })).json()) as Made;
    expect(later).toMatchObject({ number: 2, time: null, reused: false });
    // Another patient, today: the link opens at once and shows its forms.
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PS2" });
    const e = (await createEpisode(h.store.db, { patientId: p.id, therapistId: h.a.ids.therapist })).id;
    const today = (await (
      await therapist.request("POST", `/api/episodes/${e}/next-session-link`, {
        date: day(0),
        timeZone: "UTC",
      })
    ).json()) as Made;
    expect(Date.parse(today.opensAt)).toBeLessThanOrEqual(Date.now());
    const token = today.url.split("/r/")[1]!;
    const form = (await (await h.patient(token).request("GET", `/api/r/${token}`)).json()) as {
      questionnaires: unknown[];
    };
    expect(form.questionnaires.length).toBeGreaterThan(0);
  });

  it("refuses an unknown time zone and a bad time, naming them", async () => {
    const zone = await post({ date: day(20), timeZone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect(JSON.stringify(await zone.json())).toContain('unknown time zone \\"Mars/Olympus\\"');
    const time = await post({ date: day(20), time: "25:00" });
    expect(time.status).toBe(400);
    expect(await time.text()).toContain("HH:MM");
    // A new link for the latest session of a patient with none: refused, nothing made.
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PS3" });
    const e = (await createEpisode(h.store.db, { patientId: p.id, therapistId: h.a.ids.therapist })).id;
    const none = await therapist.request("POST", `/api/episodes/${e}/next-session-link`, { reuse: true });
    expect(none.status).toBe(409);
    expect(await none.text()).toContain("this patient has no session yet");
  });
});
