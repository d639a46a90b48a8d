// Edge flows: sign-in rate limit, expired and foreign links, erasure (the one deletion, audited),
// cross-patient link use.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { createLink, createUser, getPatient, listAudit } from "@attune/db";
import { openHarness, PASSWORD, validSubmission, type Harness } from "./testing/harness.ts";
import { hashPassword } from "./auth/password.ts";
import { ALLIANCE_PATIENT, RUPTURE_OBSERVER, WELLBEING } from "@attune/core";
import { RUPTURE_CODING } from "./coding/routes.ts";
import { parseCsv } from "./io/csv.ts";

describeEachDialect("flows", (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(dialect, {
      loginLimit: { perAddress: 100, perAccount: 3, perAccountWide: 100, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("rate-limits sign-in per account with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.anonymous.request("POST", "/api/auth/login", {
        email: h.b.emails.researcher,
        password: "wrong password",
      });
      statuses.push(r.status);
      if (r.status === 429) expect(r.headers.get("retry-after")).toBeTruthy();
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const log = await listAudit(h.store.db, { networkId: h.b.networkId });
    expect(log.filter((e) => e.action === "login-failed")).toHaveLength(3);
  });

  it("answers an expired link with 410 and a link of another patient cannot reach this session", async () => {
    const { token } = await createLink(h.store.db, {
      networkId: h.a.networkId,
      episodeId: h.a.ids.episode,
      sessionId: h.a.ids.session,
      forms: [ALLIANCE_PATIENT, WELLBEING],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      createdBy: h.a.ids.coordinator,
    });
    const r = await h.patient(token).request("POST", `/api/r/${token}/submit`, validSubmission());
    expect(r.status).toBe(410);
    expect(await r.text()).toMatch(/expired/);
    // Patient 2's token, used as Bearer, trying to store a response for patient 1's session.
    const other = h.patient(h.a.tokens.link2);
    const qr = {
      ...(validSubmission().responses[0] as object),
      encounter: { reference: `Encounter/${h.a.ids.session}` },
    };
    const res = await other.request("POST", "/api/fhir/QuestionnaireResponse", qr);
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { encounter: { reference: string }; subject: { reference: string } };
    expect(stored.encounter.reference).toBe(`Encounter/${h.a.ids.session2}`);
    expect(stored.subject.reference).toBe(`Patient/${h.a.ids.patient2}`);
  });

  it("erases a patient on a coordinator's request, and logs it", async () => {
    const c = await h.signIn(h.b.emails.coordinator);
    const sub = await h
      .patient(h.b.tokens.link)
      .request("POST", `/api/r/${h.b.tokens.link}/submit`, validSubmission());
    expect(sub.status).toBe(200);
    const r = await c.request("POST", `/api/patients/${h.b.ids.patient}/erasure`, {
      reason: "withdrew consent",
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ responses: 2, sessions: 1, episodes: 1 });
    expect(await getPatient(h.store.db, h.b.ids.patient)).toBeUndefined();
    const log = await listAudit(h.store.db, { networkId: h.b.networkId, entity: "patient" });
    expect(log.some((e) => e.action === "erase" && e.entity_id === h.b.ids.patient)).toBe(true);
    expect(await h.store.integrityCheck()).toEqual([]);
  });

  it("imports a long CSV with renamed columns through the API (all or nothing)", async () => {
    const c = await h.signIn(h.b.emails.coordinator);
    const csv =
      "therapist,client,session,condition,alliance_patient,alliance_therapist,outcome\nTX1,CX1,1,a,4,4.5,2\nTX1,CX1,2,a,4.2,4.4,NA\n";
    const ok = await c.request("POST", "/api/import/long-csv?patient=client&study=renamed", csv, {
      "content-type": "text/csv",
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      rows: 2,
      created: { therapists: 1, patients: 1, sessions: 2 },
    });
    const bad = await c.request("POST", "/api/import/long-csv", csv, { "content-type": "text/csv" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/row 1, column patient: the header has no column \\"patient\\"/);
    const out = await (await c.request("GET", "/api/export/long.csv")).text();
    // Read by column name (the long table's columns are core's LONG_COLUMNS and grow): the file's values
    // under the mapped names, and nothing in any other column.
    const { table } = parseCsv(out, "export");
    const given = [
      "therapist",
      "patient",
      "session",
      "condition",
      "alliance_patient",
      "alliance_therapist",
      "wellbeing",
    ];
    const mine = table!.records.filter((r) => r.cells[0] === "TX1");
    expect(mine.map((r) => given.map((k) => r.cells[table!.header.indexOf(k)]).join(","))).toEqual([
      "TX1,CX1,1,a,4,4.5,2",
      "TX1,CX1,2,a,4.2,4.4,NA",
    ]);
    for (const r of mine)
      expect(r.cells.filter((_, i) => !given.includes(table!.header[i]!)).every((v) => v === "NA")).toBe(
        true,
      );
  });

  it("lists a coder's assigned sessions (forms, coded or not) and a study's coding to its coordinator", async () => {
    const c = await h.signIn(h.a.emails.coordinator);
    const k = await h.signIn(h.a.emails.coder);
    const assign = (session: string) =>
      c.request("POST", `/api/sessions/${session}/coders`, { coderId: h.a.ids.coder });
    expect((await assign(h.a.ids.session2)).status).toBe(201);
    const twice = await assign(h.a.ids.session2);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toMatch(/already assigned/);

    type Mine = {
      sessionId: string;
      patient: string;
      therapist: string;
      forms: string[];
      codedAt: string | null;
      responses: { id: string; questionnaire: string; version: number }[];
    };
    const mine = async () =>
      ((await (await k.request("GET", "/api/coding/sessions")).json()) as { sessions: Mine[] }).sessions;
    const before = await mine();
    expect(before.map((s) => [s.patient, s.therapist, s.codedAt])).toEqual([
      ["P1", "T1", null],
      ["P2", "T2", null],
    ]);
    // The study schedules no observer form: core's rupture coding is the default.
    expect(before[0]!.forms).toEqual([RUPTURE_CODING]);
    expect(JSON.stringify(before)).not.toMatch(/Example/); // codes only, never a contact name

    const coded = await k.request("POST", "/api/fhir/QuestionnaireResponse", {
      resourceType: "QuestionnaireResponse",
      questionnaire: RUPTURE_CODING,
      status: "completed",
      encounter: { reference: `Encounter/${h.a.ids.session2}` },
      item: [{ linkId: "rupture-type", answer: [{ valueCoding: { code: "0" } }] }],
    });
    expect(coded.status).toBe(201);
    const first = ((await coded.json()) as { id: string }).id;
    const fixed = await k.request("POST", `/api/fhir/QuestionnaireResponse/${first}/correction`, {
      resourceType: "QuestionnaireResponse",
      questionnaire: RUPTURE_CODING,
      status: "completed",
      encounter: { reference: `Encounter/${h.a.ids.session2}` },
      item: [{ linkId: "rupture-type", answer: [{ valueCoding: { code: "1" } }] }],
    });
    expect(fixed.status).toBe(201);
    // Both types with a peak below the confrontation's own intensity: refused by core's form rule, naming
    // the values; the coding as it stands is kept (version 2 below).
    const code = (linkId: string, c: number) => ({ linkId, answer: [{ valueCoding: { code: String(c) } }] });
    const inconsistent = await k.request("POST", `/api/fhir/QuestionnaireResponse/${first}/correction`, {
      resourceType: "QuestionnaireResponse",
      questionnaire: RUPTURE_CODING,
      status: "completed",
      encounter: { reference: `Encounter/${h.a.ids.session2}` },
      item: [
        code("rupture-type", 3),
        code("rupture-intensity", 2),
        code("withdrawal-intensity", 2),
        code("confrontation-intensity", 4),
      ],
    });
    expect(inconsistent.status).toBe(400);
    expect(await inconsistent.text()).toMatch(
      /the peak \\"rupture-intensity\\" \(2\) must be the largest of .*\(4\): make the peak 4/,
    );
    const after = await mine();
    const s2 = after.find((s) => s.sessionId === h.a.ids.session2)!;
    expect(s2.codedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The coding as it stands now: the correction (version 2), once.
    expect(s2.responses.map((r) => [r.id, r.questionnaire, r.version])).toEqual([
      [((await fixed.json()) as { id: string }).id, RUPTURE_CODING, 2],
    ]);
    expect(after.find((s) => s.sessionId === h.a.ids.session)?.codedAt).toBeNull();

    const study = (await (await c.request("GET", `/api/studies/${h.a.studyId}/coding`)).json()) as {
      sessions: { sessionId: string; patient: string; number: number }[];
      assignments: { sessionId: string; coder: string; codedAt: string | null }[];
    };
    expect(study.sessions.map((s) => `${s.patient}#${s.number}`)).toEqual(["P1#1", "P2#1"]);
    expect(study.assignments.map((a) => [a.sessionId, a.coder, a.codedAt !== null])).toEqual([
      [h.a.ids.session, "K1", false],
      [h.a.ids.session2, "K1", true],
    ]);
    // A second coder of the same session codes blind: the first coder's coding is not theirs to see.
    const k2 = await createUser(h.store.db, {
      networkId: h.a.networkId,
      code: "K2",
      email: "k2.flows@test.dev",
      displayName: "K2",
      role: "coder",
      passwordHash: await hashPassword(PASSWORD),
    });
    expect(
      (await c.request("POST", `/api/sessions/${h.a.ids.session2}/coders`, { coderId: k2.id })).status,
    ).toBe(201);
    const second = await h.signIn("k2.flows@test.dev");
    const theirs = (await (
      await second.request("GET", `/api/fhir/QuestionnaireResponse?session=${h.a.ids.session2}`)
    ).json()) as { total: number };
    expect(theirs.total).toBe(0);
    expect((await second.request("GET", `/api/fhir/QuestionnaireResponse/${first}`)).status).toBe(404);
    const mineNow = (await (
      await k.request("GET", `/api/fhir/QuestionnaireResponse?session=${h.a.ids.session2}`)
    ).json()) as { total: number };
    expect(mineNow.total).toBe(1);
    const other = await h.signIn(h.b.emails.coordinator);
    expect((await other.request("GET", `/api/studies/${h.a.studyId}/coding`)).status).toBe(404);

    // A study that schedules an observer form: the coder is given that form.
    const st = (await (
      await c.request("POST", "/api/studies", {
        name: "observed",
        arms: [{ code: "a", name: "A" }],
        schedule: [{ questionnaire: RUPTURE_OBSERVER, rater: "observer", sessions: [2] }],
      })
    ).json()) as { id: string };
    const p = (await (await c.request("POST", "/api/patients", { code: "P9" })).json()) as { id: string };
    const e = (await (
      await c.request("POST", "/api/episodes", {
        patientId: p.id,
        therapistId: h.a.ids.therapist,
        studyId: st.id,
      })
    ).json()) as { id: string };
    const s = (await (await c.request("POST", `/api/episodes/${e.id}/sessions`, { number: 1 })).json()) as {
      id: string;
    };
    expect((await assign(s.id)).status).toBe(201);
    expect((await mine()).find((x) => x.sessionId === s.id)?.forms).toEqual([RUPTURE_OBSERVER]);
  });
});
