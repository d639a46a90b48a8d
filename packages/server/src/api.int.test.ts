// The main flows through the HTTP API, on each dialect.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { countResponses, listAudit } from "@attune/db";
import { openHarness, validSubmission, type Harness } from "./testing/harness.ts";
import { ALLIANCE_THERAPIST, LONG_COLUMNS, RUPTURE_OBSERVER } from "@attune/core";
import { KEY_SCORE_FACT_COLUMNS, pickColumns } from "./testing/longCsv.ts";

describeEachDialect("api", (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("serves health and the OpenAPI document", async () => {
    const r = await h.anonymous.request("GET", "/healthz");
    expect(r.status).toBe(200);
    const doc = (await (await h.anonymous.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain("/api/r/{token}/submit");
  });

  it("signs staff in with an HttpOnly SameSite cookie and refuses a wrong password", async () => {
    const bad = await h.anonymous.request("POST", "/api/auth/login", {
      email: h.a.emails.therapist,
      password: "nope",
    });
    expect(bad.status).toBe(401);
    const ok = await h.anonymous.request("POST", "/api/auth/login", {
      email: h.a.emails.therapist,
      password: "correct horse battery",
    });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("keeps a staff member's page language with their account", async () => {
    const me = async (c: Awaited<ReturnType<typeof h.signIn>>) =>
      ((await (await c.request("GET", "/api/auth/me")).json()) as { language: string | null }).language;
    const c = await h.signIn(h.a.emails.researcher);
    expect(await me(c)).toBeNull();
    const bad = await c.request("PUT", "/api/auth/me/language", { language: "de" });
    expect(bad.status).toBe(400);
    expect((await c.request("PUT", "/api/auth/me/language", { language: "fr" })).status).toBe(200);
    expect(await me(c)).toBe("fr");
    // A new sign-in (another browser) gets it at once, in the sign-in answer.
    const again = await h.anonymous.request("POST", "/api/auth/login", {
      email: h.a.emails.researcher,
      password: "correct horse battery",
    });
    expect(((await again.json()) as { language: string }).language).toBe("fr");
    expect(await me(await h.signIn(h.a.emails.coordinator))).toBeNull(); // only their own account
  });

  it("requires the CSRF header on staff changes", async () => {
    const c = await h.signIn(h.a.emails.coordinator);
    const r = await c.request("POST", "/api/sites", { name: "x" }, { "x-csrf-token": "wrong" });
    expect(r.status).toBe(403);
    expect(await r.text()).toMatch(/CSRF/);
    expect((await c.request("POST", "/api/sites", { name: "Clinic" })).status).toBe(201);
  });

  it("runs the patient link: read forms, submit once, retry gives the first result, a different answer is refused", async () => {
    const token = h.a.tokens.link;
    const p = h.patient(token);
    const form = await p.request("GET", `/api/r/${token}`);
    expect(form.status).toBe(200);
    const f = (await form.json()) as { questionnaires: unknown[]; submitted: boolean };
    expect(f.questionnaires).toHaveLength(2);
    const first = await p.request("POST", `/api/r/${token}/submit`, validSubmission());
    expect(first.status).toBe(200);
    const r1 = (await first.json()) as { ids: string[]; replayed: boolean };
    expect(r1.replayed).toBe(false);
    const again = await p.request("POST", `/api/r/${token}/submit`, validSubmission());
    expect(await again.json()).toEqual({ ids: r1.ids, replayed: true });
    const different = await p.request("POST", `/api/r/${token}/submit`, validSubmission(1));
    expect(different.status).toBe(409);
    expect(await different.text()).toMatch(/already used/);
  });

  it("lets a therapist rate their own session and see both views; a coder codes the assigned session", async () => {
    const t = await h.signIn(h.a.emails.therapist);
    const qr = {
      resourceType: "QuestionnaireResponse",
      questionnaire: ALLIANCE_THERAPIST,
      status: "completed",
      encounter: { reference: `Encounter/${h.a.ids.session}` },
      item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({ linkId, answer: [{ valueInteger: 3 }] })),
    };
    const created = await t.request("POST", "/api/fhir/QuestionnaireResponse", qr, {
      "content-type": "application/fhir+json",
    });
    expect(created.status).toBe(201);
    const qrId = ((await created.json()) as { id: string }).id;
    const other = await t.request("POST", "/api/fhir/QuestionnaireResponse", {
      ...qr,
      encounter: { reference: `Encounter/${h.a.ids.session2}` },
    });
    expect(other.status).toBe(404);
    const search = await t.request("GET", `/api/fhir/QuestionnaireResponse?session=${h.a.ids.session}`);
    const bundle = (await search.json()) as { total: number };
    expect(bundle.total).toBeGreaterThanOrEqual(1);
    const fixed = await t.request("POST", `/api/fhir/QuestionnaireResponse/${qrId}/correction`, qr);
    expect(fixed.status).toBe(201);
    const again = await t.request("POST", `/api/fhir/QuestionnaireResponse/${qrId}/correction`, qr);
    expect(again.status).toBe(409);

    const k = await h.signIn(h.a.emails.coder);
    const coding = {
      resourceType: "QuestionnaireResponse",
      questionnaire: RUPTURE_OBSERVER,
      status: "completed",
      encounter: { reference: `Encounter/${h.a.ids.session}` },
      item: [
        { linkId: "withdrawal", answer: [{ valueInteger: 1 }] },
        { linkId: "confrontation", answer: [{ valueInteger: 3 }] },
      ],
    };
    expect((await k.request("POST", "/api/fhir/QuestionnaireResponse", coding)).status).toBe(201);
    expect(
      (
        await k.request("POST", "/api/fhir/QuestionnaireResponse", {
          ...coding,
          encounter: { reference: `Encounter/${h.a.ids.session2}` },
        })
      ).status,
    ).toBe(404);
  });

  it("shows contact details to coordinators only, and audits the read", async () => {
    const c = await h.signIn(h.a.emails.coordinator);
    const r = await c.request("GET", `/api/patients/${h.a.ids.patient}/contact`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { name: string }).name).toBe("Ann Example");
    const res = await h.signIn(h.a.emails.researcher);
    expect((await res.request("GET", `/api/patients/${h.a.ids.patient}/contact`)).status).toBe(403);
    const log = await listAudit(h.store.db, { networkId: h.a.networkId, entity: "patient_contact" });
    expect(log[0]).toMatchObject({ action: "read", entity_id: h.a.ids.patient, actor_kind: "user" });
    const api = await c.request("GET", "/api/audit?entity=patient_contact");
    expect(((await api.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
  });

  it("creates a link for a session and exports long CSV and a FHIR Bundle", async () => {
    const t = await h.signIn(h.a.emails.therapist);
    const s = await t.request("POST", `/api/episodes/${h.a.ids.episode}/sessions`, {
      number: 2,
      date: "2025-03-08",
    });
    expect(s.status).toBe(201);
    const sid = ((await s.json()) as { id: string }).id;
    const l = await t.request("POST", `/api/sessions/${sid}/links`, {});
    expect(l.status).toBe(201);
    const link = (await l.json()) as { token: string; forms: string[] };
    expect(link.forms).toHaveLength(2);
    const sub = await h
      .patient(link.token)
      .request("POST", `/api/r/${link.token}/submit`, validSubmission(5));
    expect(sub.status).toBe(200);
    const r = await h.signIn(h.a.emails.researcher);
    const csv = await (await r.request("GET", "/api/export/long.csv")).text();
    expect(csv.split("\n")[0]!.split(",").slice(0, LONG_COLUMNS.length)).toEqual([...LONG_COLUMNS]);
    expect(pickColumns(csv, KEY_SCORE_FACT_COLUMNS)).toMatch(/T1,P1,2,1,4.25,NA,2,NA,NA/);
    const bundle = (await (await r.request("GET", "/api/export/fhir")).json()) as {
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle.entry.some((e) => e.resource.resourceType === "QuestionnaireResponse")).toBe(true);
    expect(await countResponses(h.store.db, h.b.networkId)).toBe(0);
  });

  it("collects and scores the instrument library's forms (WHO-5 and the alliance check-ins)", async () => {
    const base = "https://attune.example/fhir/Questionnaire";
    const t = await h.signIn(h.a.emails.therapist);
    const s = await t.request("POST", `/api/episodes/${h.a.ids.episode}/sessions`, { number: 7 });
    const sid = ((await s.json()) as { id: string }).id;
    const l = await t.request("POST", `/api/sessions/${sid}/links`, {
      forms: [`${base}/who-5`, `${base}/alliance-checkin-patient`],
    });
    expect(l.status).toBe(201);
    const { token } = (await l.json()) as { token: string };
    const form = (await (await h.patient(token).request("GET", `/api/r/${token}`)).json()) as {
      questionnaires: { id: string }[];
    };
    expect(form.questionnaires.map((q) => q.id)).toEqual(["who-5", "alliance-checkin-patient"]);
    const items = (ids: string[], v: number) =>
      ids.map((linkId) => ({ linkId, answer: [{ valueInteger: v }] }));
    const checkin = ["bond-1", "bond-2", "goals-1", "goals-2", "tasks-1", "tasks-2"];
    const bad = await h.patient(token).request("POST", `/api/r/${token}/submit`, {
      responses: [
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: `${base}/who-5`,
          status: "completed",
          item: items(["who5-1"], 9),
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/answer 9 to \\"who5-1\\"/);
    const ok = await h.patient(token).request("POST", `/api/r/${token}/submit`, {
      responses: [
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: `${base}/who-5`,
          status: "completed",
          item: items(["who5-1", "who5-2", "who5-3", "who5-4", "who5-5"], 3),
        },
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: `${base}/alliance-checkin-patient`,
          status: "completed",
          item: items(checkin, 3),
        },
      ],
    });
    expect(ok.status).toBe(200);
    const tr = await t.request("POST", "/api/fhir/QuestionnaireResponse", {
      resourceType: "QuestionnaireResponse",
      questionnaire: `${base}/alliance-checkin-therapist`,
      status: "completed",
      encounter: { reference: `Encounter/${sid}` },
      item: items(checkin, 4),
    });
    expect(tr.status).toBe(201);
    const c = await h.signIn(h.a.emails.coordinator);
    const csv = await (await c.request("GET", "/api/export/long.csv")).text();
    // percent of maximum: WHO-5 15/25 = 60, check-in 18/24 = 75 (patient) and 24/24 = 100 (therapist);
    // the WHO-5's own column holds its raw total, 15.
    expect(pickColumns(csv, [...KEY_SCORE_FACT_COLUMNS.slice(0, 7), "who5"])).toMatch(
      /T1,P1,7,1,75,100,60,15/,
    );
  });
});
