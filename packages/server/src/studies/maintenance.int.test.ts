// Study maintenance through the API on SQLite and PostgreSQL: arms change until a therapist is allocated
// (then 409 saying why), an archived study takes no enrolment and is restored, a patient's contact details
// and message language are set and cleared (audited, no values in the log), and the audit log filters by
// who, action, entity and time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPatient } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { WELLBEING } from "@attune/core";

/** An OperationOutcome's text with its quotes unescaped (the messages quote names). */
const said = async (r: Response) => (await r.text()).replace(/\\"/g, '"');

describeEachDialect("study maintenance", (dialect) => {
  let h: Harness;
  let coordinator: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    coordinator = await h.signIn(h.a.emails.coordinator);
  });
  afterAll(async () => {
    await h?.close();
  });

  const newStudy = async (name: string) => {
    const r = await coordinator.request("POST", "/api/studies", {
      name,
      arms: [{ code: "0", name: "usual" }],
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }],
    });
    return (await r.json()) as { id: string; archivedAt: string | null };
  };

  it("changes the arms until a therapist is allocated, then refuses saying why", async () => {
    const s = await newStudy("arms");
    const arms = [
      { code: "0", name: "usual care" },
      { code: "1", name: "training" },
    ];
    const ok = await coordinator.request("PUT", `/api/studies/${s.id}/arms`, { arms });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { arms: { code: string; name: string }[] }).arms).toMatchObject(arms);
    const twice = await coordinator.request("PUT", `/api/studies/${s.id}/arms`, {
      arms: [arms[0], { code: "0", name: "again" }],
    });
    expect(twice.status).toBe(400);
    expect(await said(twice)).toMatch(/arm code "0" is used twice.*arm row 2/s);
    const alloc = await coordinator.request("POST", `/api/studies/${s.id}/allocations`, {
      therapistId: h.a.ids.therapist,
      armCode: "1",
    });
    expect(alloc.status).toBe(201);
    const late = await coordinator.request("PUT", `/api/studies/${s.id}/arms`, { arms: [arms[0]] });
    expect(late.status).toBe(409);
    expect(await said(late)).toMatch(
      /arms of "arms" can no longer be changed: 1 therapist is already allocated/,
    );
    // The schedule is still editable: allocation alone does not fix what patients are asked.
    const sched = await coordinator.request("PUT", `/api/studies/${s.id}/schedule`, {
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: [1, 2] }],
    });
    expect(sched.status).toBe(200);
  });

  it("archives a study (no new enrolment, everything kept) and restores it", async () => {
    const s = await newStudy("test study");
    expect(s.archivedAt).toBeNull();
    const archived = await coordinator.request("PUT", `/api/studies/${s.id}/archived`, { archived: true });
    expect(archived.status).toBe(200);
    const at = ((await archived.json()) as { archivedAt: string }).archivedAt;
    expect(Date.parse(at)).toBeGreaterThan(Date.now() - 60_000);
    const list = (await (await coordinator.request("GET", "/api/studies")).json()) as {
      studies: { id: string; archivedAt: string | null }[];
    };
    expect(list.studies.find((x) => x.id === s.id)?.archivedAt).toBe(at);
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PARCH" });
    const enrol = () =>
      coordinator.request("POST", "/api/episodes", {
        patientId: p.id,
        therapistId: h.a.ids.therapist,
        studyId: s.id,
      });
    const refused = await enrol();
    expect(refused.status).toBe(409);
    expect(await said(refused)).toMatch(/Study "test study" is archived/);
    const restored = await coordinator.request("PUT", `/api/studies/${s.id}/archived`, { archived: false });
    expect(((await restored.json()) as { archivedAt: null }).archivedAt).toBeNull();
    expect((await enrol()).status).toBe(201);
  });

  it("sets and clears a patient's contact details and language, audited without the values", async () => {
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code: "PCONTACT" });
    const path = `/api/patients/${p.id}/contact`;
    expect((await coordinator.request("GET", path)).status).toBe(404);
    const bad = await coordinator.request("PUT", path, {
      name: null,
      email: "not-an-address",
      phone: null,
      language: null,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/email/);
    const set = await coordinator.request("PUT", path, {
      name: " Ada Lovelace ",
      email: "ada@example.org",
      phone: "+33 1 23 45 67 89",
      language: "fr",
    });
    expect(set.status).toBe(200);
    const read = await (await coordinator.request("GET", path)).json();
    expect(read).toEqual({
      patientId: p.id,
      name: "Ada Lovelace",
      email: "ada@example.org",
      phone: "+33 1 23 45 67 89",
      language: "fr",
    });
    await coordinator.request("PUT", path, { name: "", email: "", phone: "", language: null });
    expect(await (await coordinator.request("GET", path)).json()).toEqual({
      patientId: p.id,
      name: null,
      email: null,
      phone: null,
      language: null,
    });
    const log = (await (
      await coordinator.request("GET", `/api/audit?entity=patient_contact&entityId=${p.id}`)
    ).json()) as { entries: { action: string; detail: string | null }[] };
    expect(log.entries.map((e) => e.action)).toEqual(["read", "update", "read", "create", "read"]);
    expect(JSON.stringify(log)).not.toContain("Lovelace");
  });

  it("filters the audit log by who, action, entity and time", async () => {
    const therapist = await h.signIn(h.a.emails.therapist);
    await therapist.request("GET", "/api/patients");
    const get = async (q: string) =>
      (
        (await (await coordinator.request("GET", `/api/audit?${q}`)).json()) as {
          entries: { actorId: string | null; action: string; entity: string; at: string }[];
        }
      ).entries;
    const byTherapist = await get(`actorId=${h.a.ids.therapist}`);
    expect(byTherapist.length).toBeGreaterThan(0);
    expect(byTherapist.every((e) => e.actorId === h.a.ids.therapist)).toBe(true);
    const reads = await get(`actorId=${h.a.ids.therapist}&action=read&entity=patient`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.action === "read" && e.entity === "patient")).toBe(true);
    const now = new Date();
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
    expect((await get(`from=${tomorrow}`)).length).toBe(0);
    const lastHour = await get(
      `from=${encodeURIComponent(new Date(now.getTime() - 3_600_000).toISOString())}`,
    );
    expect(lastHour.length).toBeGreaterThan(0);
    expect((await get(`to=2000-01-01`)).length).toBe(0);
    const bad = await coordinator.request("GET", "/api/audit?from=yesterday");
    expect(bad.status).toBe(400);
    const choices = (await (await coordinator.request("GET", "/api/audit/choices")).json()) as {
      actions: string[];
      entities: string[];
    };
    expect(choices.actions).toEqual([...new Set(choices.actions)].sort());
    expect(choices.actions).toContain("read");
    expect(choices.entities).toContain("patient");
  });
});
