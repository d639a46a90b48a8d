// Patients see their own progress (issue 14 item 8), both dialects: off by default (nothing), turned on by
// a coordinator (audited), then a link gives its own patient's series only, right after its answers were
// sent, on the forms' own scales, without the therapist's ratings; another patient's link gives theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { ALLIANCE_THERAPIST, ATTUNE_CANONICAL } from "@attune/core";
import {
  createEpisode,
  createLink,
  createNetwork,
  createPatient,
  createStudy,
  createUser,
  ensureSession,
  setNetworkSharesProgress,
} from "@attune/db";
import { openHarness, validSubmission, type Client, type Harness } from "../testing/harness.ts";
import { PROGRESS_WINDOW_MS } from "./progressRoutes.ts";

interface Progress {
  outcome: string;
  wellbeing: { min: number; max: number; higherIsBetter: boolean } | null;
  alliance: { min: number; max: number; higherIsBetter: boolean } | null;
  sessions: { session: number; date: string | null; wellbeing: number | null; alliance: number | null }[];
  visibleUntil: string;
}

describeEachDialect("a patient's own progress", (dialect) => {
  let h: Harness;
  let coordinator: Client;
  let therapist: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    coordinator = await h.signIn(h.a.emails.coordinator);
    therapist = await h.signIn(h.a.emails.therapist);
  });
  afterAll(async () => {
    await h?.close();
  });
  const progress = (token: string) => h.patient(token).request("GET", `/api/r/${token}/progress`);
  const submit = (token: string, goal: number) =>
    h.patient(token).request("POST", `/api/r/${token}/submit`, validSubmission(goal));

  describe("in order", () => {
    it("is off by default: a sent link gives nothing", async () => {
      expect(await (await coordinator.request("GET", "/api/network/patient-progress")).json()).toEqual({
        shareProgress: false,
      });
      expect((await submit(h.a.tokens.link, 4)).status).toBe(200);
      const res = await progress(h.a.tokens.link);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/"alliance"|"wellbeing"/);
    });

    it("only a coordinator turns it on, and the change is audited", async () => {
      const denied = await therapist.request("PUT", "/api/network/patient-progress", { shareProgress: true });
      expect(denied.status).toBe(403);
      const res = await coordinator.request("PUT", "/api/network/patient-progress", { shareProgress: true });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ shareProgress: true });
      const rows = await h.store.db
        .selectFrom("audit_log")
        .select(["action", "entity", "detail"])
        .where("entity", "=", "network")
        .where("network_id", "=", h.a.networkId)
        .execute();
      expect(
        rows.some((r) => r.action === "update" && String(r.detail).includes('"shareProgress":true')),
      ).toBe(true);
      // The other network is untouched.
      const other = await h.signIn(h.b.emails.coordinator);
      expect(await (await other.request("GET", "/api/network/patient-progress")).json()).toEqual({
        shareProgress: false,
      });
    });

    it("gives the link's own patient their series on the forms' scales, nothing of the therapist's", async () => {
      // The therapist rates session 1 too (all 1s): it must not reach the patient.
      const rated = await therapist.request("POST", "/api/fhir/QuestionnaireResponse", {
        resourceType: "QuestionnaireResponse",
        questionnaire: ALLIANCE_THERAPIST,
        status: "completed",
        encounter: { reference: `Encounter/${h.a.ids.session}` },
        item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({ linkId, answer: [{ valueInteger: 1 }] })),
      });
      expect(rated.status).toBe(201);
      const next = await therapist.request("POST", `/api/episodes/${h.a.ids.episode}/next-session-link`, {
        date: "2025-03-08",
      });
      expect(next.status).toBe(201);
      const link2 = ((await next.json()) as { url: string }).url.split("/r/")[1]!;
      expect((await progress(link2)).status).toBe(409); // nothing before sending
      expect((await submit(link2, 2)).status).toBe(200);
      const res = await progress(link2);
      expect(res.status).toBe(200);
      const p = (await res.json()) as Progress;
      expect(p.sessions.map((s) => s.session)).toEqual([1, 2]);
      // The demo alliance form is an item mean on 1–5: goal 4 + three 4s, then goal 2 + three 4s.
      expect(p.alliance).toEqual({ min: 1, max: 5, higherIsBetter: true });
      expect(p.sessions.map((s) => s.alliance)).toEqual([4, 3.5]);
      // The demo well-being form is an item mean on 0–4 (every item answered 2).
      expect(p.wellbeing).toEqual({ min: 0, max: 4, higherIsBetter: true });
      expect(p.sessions.map((s) => s.wellbeing)).toEqual([2, 2]);
      expect(Object.keys(p.sessions[0]!).sort()).toEqual(["alliance", "date", "session", "wellbeing"]);
      expect(Date.parse(p.visibleUntil) - Date.now()).toBeLessThanOrEqual(PROGRESS_WINDOW_MS);
      // The read is audited as the link's.
      const audited = await h.store.db
        .selectFrom("audit_log")
        .select(["actor_kind", "entity_id"])
        .where("entity", "=", "patient_progress")
        .execute();
      expect(audited).toContainEqual({ actor_kind: "patient-link", entity_id: h.a.ids.episode });
    });

    it("another patient's link gives their own series, not the first patient's", async () => {
      expect((await submit(h.a.tokens.link2, 1)).status).toBe(200);
      const p = (await (await progress(h.a.tokens.link2)).json()) as Progress;
      expect(p.sessions.map((s) => [s.session, s.alliance])).toEqual([[1, 3.25]]);
      // And the other network's link (its network shares nothing) gives nothing at all.
      expect((await submit(h.b.tokens.link, 4)).status).toBe(200);
      expect((await progress(h.b.tokens.link)).status).toBe(404);
    });

    it("a PHQ-9 network: the total on its 0–27 scale, lower is better, and no alliance chart", async () => {
      const db = h.store.db;
      const PHQ9 = `${ATTUNE_CANONICAL}/Questionnaire/phq-9`;
      const net = await createNetwork(db, "PHQ network");
      await setNetworkSharesProgress(db, net.id, true);
      const { study } = await createStudy(db, {
        networkId: net.id,
        name: "PHQ study",
        arms: [],
        schedule: [{ questionnaireUrl: PHQ9, rater: "patient", sessions: "all" }],
      });
      const t = await createUser(db, {
        networkId: net.id,
        code: "TQ",
        displayName: "T Q",
        role: "therapist",
      });
      const p = await createPatient(db, { networkId: net.id, code: "PQ" });
      const e = await createEpisode(db, { patientId: p.id, therapistId: t.id, studyId: study.id });
      const tokens: string[] = [];
      for (const [n, answer] of [
        [1, 2],
        [2, 1],
      ] as const) {
        const s = await ensureSession(db, e.id, n, `2025-05-0${n}`);
        const { token } = await createLink(db, {
          networkId: net.id,
          episodeId: e.id,
          sessionId: s.id,
          forms: [PHQ9],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          createdBy: t.id,
        });
        const sent = await h.patient(token).request("POST", `/api/r/${token}/submit`, {
          responses: [
            {
              resourceType: "QuestionnaireResponse",
              questionnaire: PHQ9,
              status: "completed",
              item: Array.from({ length: 9 }, (_, i) => ({
                linkId: `phq9-${i + 1}`,
                answer: [{ valueCoding: { code: String(answer) } }],
              })),
            },
          ],
        });
        expect(sent.status, await sent.clone().text()).toBe(200);
        tokens.push(token);
      }
      const p2 = (await (await progress(tokens[1]!)).json()) as Progress;
      expect(p2.outcome).toBe("phq-9");
      expect(p2.wellbeing).toEqual({ min: 0, max: 27, higherIsBetter: false });
      expect(p2.sessions.map((s) => s.wellbeing)).toEqual([18, 9]);
      expect(p2.alliance).toBeNull();
      expect(p2.sessions.every((s) => s.alliance === null)).toBe(true);
    });

    it("is gone once the answer page's window has passed, and when turned off again", async () => {
      const before = new Date(Date.now() - PROGRESS_WINDOW_MS - 1000).toISOString();
      await h.store.db
        .updateTable("patient_links")
        .set({ submitted_at: before })
        .where("episode_id", "=", h.a.ids.episode2)
        .execute();
      expect((await progress(h.a.tokens.link2)).status).toBe(410);
      expect((await progress(h.a.tokens.link)).status).toBe(200);
      await coordinator.request("PUT", "/api/network/patient-progress", { shareProgress: false });
      expect((await progress(h.a.tokens.link)).status).toBe(404);
    });
  });
});
