// Hardening: one record contract on every path in, safe downloads, accounts whose sessions end.
// Through the HTTP API of the app, on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { describeEachDialect } from "@attune/db/testing";
import { listArms, recordRandomisation, type Db } from "@attune/db";
import { openHarness, PASSWORD, validSubmission, type Client, type Harness } from "./testing/harness.ts";
import { ALLIANCE_PATIENT } from "@attune/core";
import { downloadHeaders, reportHeaders } from "./io/downloads.ts";

const TABLES = ["users", "arms", "allocations", "patients", "episodes", "therapy_sessions", "responses"];
async function counts(db: Db): Promise<string> {
  const out: string[] = [];
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out.push(`${t}=${Number(r.rows[0]?.n)}`);
  }
  return out.join(" ");
}

/** The diagnostics of an OperationOutcome answer, one per line (or the raw text). */
async function diagnostics(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const o = JSON.parse(text) as { issue?: { diagnostics?: string }[] };
    return (o.issue ?? []).map((i) => i.diagnostics ?? "").join("\n");
  } catch {
    return text;
  }
}

const PC = "https://attune.dev/fhir/patient-code";
const TC = "https://attune.dev/fhir/therapist-code";
const ARM = "https://attune.dev/fhir/arm";
const SN = "https://attune.dev/fhir/session-number";

/** A Bundle of one patient, episode, session and answer; `edit` spoils one part. */
function bundle(
  o: { patient?: string; therapist?: string; arm?: string; number?: number; date?: string; qr?: object } = {},
) {
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      {
        resource: {
          resourceType: "Patient",
          id: "p",
          identifier: [{ system: PC, value: o.patient ?? "PX1" }],
        },
      },
      {
        resource: {
          resourceType: "EpisodeOfCare",
          id: "e",
          status: "active",
          patient: { reference: "Patient/p" },
          careManager: { identifier: { system: TC, value: o.therapist ?? "TX1" } },
          ...(o.arm !== undefined ? { type: [{ coding: [{ system: ARM, code: o.arm }] }] } : {}),
        },
      },
      {
        resource: {
          resourceType: "Encounter",
          id: "s",
          status: "finished",
          episodeOfCare: [{ reference: "EpisodeOfCare/e" }],
          extension: [{ url: SN, valueInteger: o.number ?? 1 }],
          ...(o.date !== undefined ? { period: { start: o.date } } : {}),
        },
      },
      {
        resource: {
          resourceType: "QuestionnaireResponse",
          questionnaire: ALLIANCE_PATIENT,
          status: "completed",
          encounter: { reference: "Encounter/s" },
          item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({
            linkId,
            answer: [{ valueInteger: 4 }],
          })),
          ...o.qr,
        },
      },
    ],
  };
}

describeEachDialect("hardening", (dialect) => {
  let h: Harness;
  let coordinator: Client;

  beforeAll(async () => {
    h = await openHarness(dialect);
    coordinator = await h.signIn(h.a.emails.coordinator);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function refusedImport(path: string, body: unknown, type: string, pattern: RegExp) {
    const before = await counts(h.store.db);
    const res = await coordinator.request("POST", path, body, { "content-type": type });
    const text = await diagnostics(res);
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
    expect(text).toMatch(pattern);
    expect(await counts(h.store.db)).toBe(before);
  }

  it("a FHIR Bundle is held to the API's record contract, row by row, storing nothing", async () => {
    const fhir = (o: Parameters<typeof bundle>[0]) => JSON.stringify(bundle(o));
    const t = "application/fhir+json";
    await refusedImport("/api/import/fhir", fhir({ arm: "x\nsystem('id')" }), t, /entry\[1\].*arm code/);
    for (const p of ["=1+1", "+1", "-cmd", "@SUM(A1)"])
      await refusedImport("/api/import/fhir", fhir({ patient: p }), t, /entry\[0\].*patient code/);
    await refusedImport("/api/import/fhir", fhir({ therapist: "T\r1" }), t, /therapist code/);
    await refusedImport(
      "/api/import/fhir",
      fhir({ number: 1.5 }),
      t,
      /session number 1.5 is not a whole number/,
    );
    await refusedImport("/api/import/fhir", fhir({ date: "not a date" }), t, /period.start "not a date"/);
    await refusedImport("/api/import/fhir", fhir({ date: "2025-02-30" }), t, /not a day of the calendar/);
    await refusedImport(
      "/api/import/fhir",
      fhir({ therapist: "K1" }),
      t,
      /K1 belongs to a coder, not a therapist/,
    );
    const nulls = { resourceType: "Bundle", type: "collection", entry: [null, 3, { resource: null }] };
    await refusedImport("/api/import/fhir", JSON.stringify(nulls), t, /entry\[0\] has no resource/);
    // The good Bundle goes in.
    const ok = await coordinator.request("POST", "/api/import/fhir", fhir({}), { "content-type": t });
    expect(ok.status, await ok.clone().text()).toBe(200);
  });

  it("an import adds no arm or allocation to a randomised study (FHIR Bundle and long CSV), naming the row", async () => {
    const arms = await listArms(h.store.db, h.a.studyId);
    await recordRandomisation(h.store.db, {
      studyId: h.a.studyId,
      algorithm: "test",
      seed: 1,
      blockSize: 2,
      input: {},
      madeBy: h.a.ids.coordinator,
      allocations: [],
    });
    expect(arms.map((a) => a.code).sort()).toEqual(["0", "1"]);
    const t = "application/fhir+json";
    await refusedImport(
      "/api/import/fhir?study=trial",
      JSON.stringify(bundle({ therapist: "TNEW", arm: "2" })),
      t,
      /randomised: arm 2 is not one of its arms/,
    );
    await refusedImport(
      "/api/import/fhir?study=trial",
      JSON.stringify(bundle({ therapist: "TNEW", arm: "1" })),
      t,
      /therapist TNEW has no allocation/,
    );
    const csv = "therapist,patient,session,condition,alliance_patient\nT1,PZ1,1,1,4\nTNEW2,PZ2,1,7,4\n";
    await refusedImport(
      "/api/import/long-csv?study=trial",
      csv,
      "text/csv",
      /row.*3.*arm 7 is not one of its arms/s,
    );
    expect((await listArms(h.store.db, h.a.studyId)).length).toBe(2);
  });

  it("the long CSV refuses formula-prefixed and multi-line codes and session 1.5, naming row and column", async () => {
    const csv = 'therapist,patient,session\nT1,=1+1,1\n"T\n1",P9,2\nT1,P8,1.5\n';
    const res = await coordinator.request("POST", "/api/import/long-csv", csv, {
      "content-type": "text/csv",
    });
    const text = await diagnostics(res);
    expect(res.status).toBe(400);
    expect(text).toMatch(/patient code "=1\+1"/);
    expect(text).toMatch(/therapist code "T\\n1"/);
    expect(text).toMatch(/session number "1.5"/);
  });

  it("a QuestionnaireResponse carries known fields only; authored is the server's; nesting is bounded", async () => {
    const p = h.patient(h.a.tokens.link2);
    const sub = validSubmission();
    const withExtra = (extra: object) => ({
      responses: [{ ...(sub.responses[0] as object), ...extra }, sub.responses[1]],
    });
    for (const extra of [
      { contained: [{ resourceType: "Patient", name: [{ text: "Ann" }] }] },
      { text: { status: "generated", div: "<div><script>x</script></div>" } },
      { meta: { tag: [{ code: "x" }] } },
    ]) {
      const r = await p.request("POST", `/api/r/${h.a.tokens.link2}/submit`, withExtra(extra));
      const text = await r.text();
      expect(r.status, text).toBe(400);
      expect(text).toMatch(new RegExp(Object.keys(extra)[0]!));
    }
    // ≈1000 levels of item, and a 100 000-level JSON document: 400, not 500.
    let item: object = { linkId: "goal", answer: [{ valueInteger: 4 }] };
    for (let i = 0; i < 1000; i++) item = { linkId: "goal", item: [item] };
    const deep = await p.request("POST", `/api/r/${h.a.tokens.link2}/submit`, {
      responses: [
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: ALLIANCE_PATIENT,
          status: "completed",
          item: [item],
        },
      ],
    });
    expect(deep.status).toBe(400);
    const deeper = await p.request(
      "POST",
      `/api/r/${h.a.tokens.link2}/submit`,
      "[".repeat(100_000) + "]".repeat(100_000),
      {
        "content-type": "application/json",
      },
    );
    expect(deeper.status).toBe(400);
    for (const path of ["/api/fhir/QuestionnaireResponse", "/api/import/fhir"]) {
      const r = await coordinator.request("POST", path, "[".repeat(5000) + "]".repeat(5000), {
        "content-type": "application/fhir+json",
      });
      expect(r.status, path).toBe(400);
    }
    // Nested items under a question that has none, refused by the Questionnaire's structure.
    const nested = await p.request("POST", `/api/r/${h.a.tokens.link2}/submit`, {
      responses: [
        {
          ...(sub.responses[0] as object),
          item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({
            linkId,
            answer: [{ valueInteger: 4 }],
            item: [{ linkId: "phone", answer: [{ valueString: "+41 79 000 00 00" }] }],
          })),
        },
      ],
    });
    expect(nested.status).toBe(400);
    // A back-dated authored is replaced by the server's time.
    const ok = await p.request("POST", `/api/r/${h.a.tokens.link2}/submit`, {
      responses: [{ ...(sub.responses[0] as object), authored: "1999-01-01T00:00:00Z" }, sub.responses[1]],
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const researcher = await h.signIn(h.a.emails.researcher);
    const ids = ((await ok.json()) as { ids: string[] }).ids;
    const read = await researcher.request("GET", `/api/fhir/QuestionnaireResponse/${ids[0]}`);
    const qr = (await read.json()) as { authored: string };
    expect(qr.authored.startsWith("1999")).toBe(false);
    expect(Date.now() - Date.parse(qr.authored)).toBeLessThan(10 * 60_000);
  });

  it("long.csv neutralises a formula cell stored before the code alphabet", async () => {
    // A stored code that predates the alphabet (written straight into the store) is neutralised on the way out.
    await h.store.db
      .updateTable("patients")
      .set({ code: "=HYPERLINK(1)" })
      .where("id", "=", h.a.ids.patient)
      .execute();
    const csv = await (await coordinator.request("GET", "/api/export/long.csv")).text();
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    await h.store.db.updateTable("patients").set({ code: "P1" }).where("id", "=", h.a.ids.patient).execute();
  });

  it("setting a password ends the account's other sessions; only the newest invitation works", async () => {
    const t1 = await h.signIn(h.a.emails.therapist, "t1");
    const t2 = await h.signIn(h.a.emails.therapist, "t2");
    const inv1 = (await (
      await coordinator.request("POST", `/api/users/${h.a.ids.therapist}/invitation`)
    ).json()) as {
      token: string;
    };
    const inv2 = (await (
      await coordinator.request("POST", `/api/users/${h.a.ids.therapist}/invitation`)
    ).json()) as {
      token: string;
    };
    const old = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: inv1.token,
      password: "a new password 1",
    });
    expect(old.status).toBe(410);
    const used = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: inv2.token,
      password: "a new password 2",
    });
    expect(used.status).toBe(200);
    expect((await t1.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await t2.request("GET", "/api/auth/me")).status).toBe(401);
    // Changing one's own password keeps this session, ends the others.
    const login = async () => {
      const r = await h.anonymous.request("POST", "/api/auth/login", {
        email: h.a.emails.therapist,
        password: "a new password 2",
      });
      expect(r.status).toBe(200);
      const c = {
        cookie: (r.headers.get("set-cookie") ?? "").split(";")[0]!,
        csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
      };
      return (m: string, p: string, b?: unknown) =>
        h.anonymous.request(m, p, b, { cookie: c.cookie, "x-csrf-token": c.csrf });
    };
    const a = await login();
    const b = await login();
    expect(
      (await a("PUT", "/api/auth/me/password", { current: "wrong one!", password: PASSWORD })).status,
    ).toBe(403);
    const changed = await a("PUT", "/api/auth/me/password", {
      current: "a new password 2",
      password: PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect((await a("GET", "/api/auth/me")).status).toBe(200);
    expect((await b("GET", "/api/auth/me")).status).toBe(401);
  });

  it("a coordinator disables and re-enables a staff member; disabling ends their sessions at once", async () => {
    const t = await h.signIn(h.a.emails.therapist2, "t2");
    expect((await t.request("GET", "/api/auth/me")).status).toBe(200);
    const other = await h.signIn(h.b.emails.coordinator);
    expect(
      (await other.request("PUT", `/api/users/${h.a.ids.therapist2}/disabled`, { disabled: true })).status,
    ).toBe(404);
    const d = await coordinator.request("PUT", `/api/users/${h.a.ids.therapist2}/disabled`, {
      disabled: true,
    });
    expect(d.status).toBe(200);
    expect((await t.request("GET", "/api/auth/me")).status).toBe(401);
    const again = await h.anonymous.request("POST", "/api/auth/login", {
      email: h.a.emails.therapist2,
      password: PASSWORD,
    });
    expect(again.status).toBe(401);
    const users = (await (await coordinator.request("GET", "/api/users")).json()) as {
      users: { id: string; disabled?: boolean }[];
    };
    expect(users.users.find((u) => u.id === h.a.ids.therapist2)?.disabled).toBe(true);
    expect(
      (await coordinator.request("PUT", `/api/users/${h.a.ids.therapist2}/disabled`, { disabled: false }))
        .status,
    ).toBe(200);
    expect((await h.signIn(h.a.emails.therapist2, "back")).name).toBe("back");
  });

  it("refuses another network's site, and says nothing about other networks' accounts", async () => {
    const siteB = (await (
      await (await h.signIn(h.b.emails.coordinator)).request("POST", "/api/sites", { name: "B site" })
    ).json()) as {
      id: string;
    };
    const u = await coordinator.request("POST", "/api/users", {
      email: "new.person@test.dev",
      displayName: "New",
      code: "TN1",
      role: "therapist",
      siteId: siteB.id,
    });
    expect(u.status).toBe(404);
    const p = await coordinator.request("POST", "/api/patients", { code: "PN1", siteId: siteB.id });
    expect(p.status).toBe(404);
    // An address with an account in another network gets the answer a new address gets (an account and
    // its invitation, docs/platform.md); one of this network's own staff is named (the coordinator sees
    // the staff list anyway).
    const mk = (email: string, code: string) =>
      coordinator.request("POST", "/api/users", { email, displayName: "x", code, role: "therapist" });
    const inB = await mk(h.b.emails.therapist, "TN2");
    const fresh = await mk("someone.new@test.dev", "TN4");
    expect([inB.status, fresh.status]).toEqual([201, 201]);
    const shape = (j: Record<string, unknown>) => Object.keys(j).sort().join(",");
    const [jb, jf] = [
      (await inB.json()) as Record<string, unknown>,
      (await fresh.json()) as Record<string, unknown>,
    ];
    expect(shape(jb)).toBe(shape(jf));
    const inA = await mk(h.a.emails.researcher, "TN3");
    expect(inA.status).toBe(409);
    expect(await inA.text()).toContain("in your network");
  });

  it("a declined form cannot be submitted; a used link reads no licensed wording", async () => {
    const p = h.patient(h.a.tokens.link);
    const d = await p.request("POST", `/api/r/${h.a.tokens.link}/decline`, { forms: [ALLIANCE_PATIENT] });
    expect(d.status, await d.clone().text()).toBe(200);
    const s = await p.request("POST", `/api/r/${h.a.tokens.link}/submit`, validSubmission());
    expect(s.status).toBe(409);
    expect(await s.text()).toMatch(/declined/);
  });

  /** A patient with contact details, an episode, a session and a fresh link, made through the API. */
  async function enrolled(code: string, contactName: string) {
    const p = (await (
      await coordinator.request("POST", "/api/patients", {
        code,
        contact: { name: contactName, phone: "+41 79 555 87 31", email: `${code}@example.org` },
      })
    ).json()) as { id: string };
    const e = (await (
      await coordinator.request("POST", "/api/episodes", { patientId: p.id, therapistId: h.a.ids.therapist })
    ).json()) as { id: string };
    const s = (await (
      await coordinator.request("POST", `/api/episodes/${e.id}/sessions`, { number: 1, date: "2025-03-01" })
    ).json()) as { id: string };
    const l = await coordinator.request("POST", `/api/sessions/${s.id}/links`, {});
    expect(l.status, await l.clone().text()).toBe(201);
    const { token } = (await l.json()) as { token: string };
    return { patientId: p.id, token };
  }

  it("erasure leaves no contact detail in the database files, and strips the link's audit entries", async () => {
    const marker = `Zelda Marker${dialect.name}8731`;
    const { patientId, token } = await enrolled(`PE${dialect.name}`, marker);
    const sub = await h.patient(token).request("POST", `/api/r/${token}/submit`, validSubmission(), {
      "user-agent": "UA-Marker-Browser/1.0",
    });
    expect(sub.status, await sub.clone().text()).toBe(200);
    const before = await h.store.db
      .selectFrom("audit_log")
      .select(["user_agent"])
      .where("actor_kind", "=", "patient-link")
      .where("user_agent", "=", "UA-Marker-Browser/1.0")
      .execute();
    expect(before.length).toBeGreaterThan(0);
    const er = await coordinator.request("POST", `/api/patients/${patientId}/erasure`, { reason: "art. 17" });
    expect(er.status, await er.clone().text()).toBe(200);
    expect(((await er.json()) as { auditEntriesRedacted: number }).auditEntriesRedacted).toBe(before.length);
    const after = await h.store.db
      .selectFrom("audit_log")
      .select("id")
      .where("user_agent", "=", "UA-Marker-Browser/1.0")
      .execute();
    expect(after).toEqual([]);
    const redaction = await h.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "redact-audit")
      .where("entity_id", "=", patientId)
      .execute();
    expect(redaction).toHaveLength(1);
    // The audit log still refuses any other change.
    await expect(
      h.store.db.updateTable("audit_log").set({ action: "x" }).where("id", "=", redaction[0]!.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      h.store.db.updateTable("audit_log").set({ ip: null }).where("actor_kind", "=", "user").execute(),
    ).rejects.toThrow(/append-only/);
    if (dialect.name === "sqlite") {
      const { readFileSync, existsSync } = await import("node:fs");
      for (const f of [h.store.location, `${h.store.location}-wal`])
        if (existsSync(f)) {
          const bytes = readFileSync(f);
          expect(bytes.includes(Buffer.from(marker)), f).toBe(false);
          expect(bytes.includes(Buffer.from("+41 79 555 87 31")), f).toBe(false);
          expect(bytes.includes(Buffer.from("UA-Marker-Browser")), f).toBe(false);
        }
    }
  });

  it("concurrent erasures of one patient: one succeeds, the others 404/409; a racing submission gets 409 or 200, never 500", async () => {
    for (let round = 0; round < 3; round++) {
      const { patientId, token } = await enrolled(`PR${round}${dialect.name}`, "Race Person");
      const erase = () =>
        coordinator.request("POST", `/api/patients/${patientId}/erasure`, { reason: "art. 17" });
      const submit = () => h.patient(token).request("POST", `/api/r/${token}/submit`, validSubmission());
      const [a, b, c, s] = await Promise.all([erase(), erase(), erase(), submit()]);
      const statuses = [a.status, b.status, c.status].sort();
      expect(statuses, JSON.stringify(statuses)).toEqual([200, 404, 404].sort());
      // 200 when the submission won the race, 409 when it met the erasure in progress, 401 when the
      // erasure had finished first (the link went with the patient, and an unknown link says no more).
      expect([200, 401, 404, 409]).toContain(s.status);
      const n = await h.store.db
        .selectFrom("erasures")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("patient_id", "=", patientId)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
      const left = await h.store.db
        .selectFrom("responses")
        .select("id")
        .where("patient_id", "=", patientId)
        .execute();
      expect(left).toEqual([]);
    }
  });

  it("audits every identifiable read the platform doc lists", async () => {
    const reads: [Client, string, string][] = [
      [coordinator, `/api/dashboard/caseload?therapist=T1`, "caseload"],
      [coordinator, `/api/dashboard/episodes/${h.a.ids.episode2}`, "episode"],
      [coordinator, `/api/studies/${h.a.studyId}/completion`, "completion"],
      // Network B: A's study carries the test's hand-made randomisation record, which cannot be replayed.
      [
        await h.signIn(h.b.emails.coordinator),
        `/api/studies/${h.b.studyId}/randomisations`,
        "randomisations",
      ],
      [coordinator, `/api/studies/${h.a.studyId}/coding`, "study-coding"],
      [await h.signIn(h.a.emails.coder), "/api/coding/sessions", "coder_assignment"],
      [coordinator, "/api/audit", "audit_log"],
    ];
    for (const [client, path, entity] of reads) {
      const n = async () =>
        (
          await h.store.db
            .selectFrom("audit_log")
            .select("id")
            .where("action", "=", "read")
            .where("entity", "=", entity)
            .execute()
        ).length;
      const before = await n();
      const r = await client.request("GET", path);
      expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
      expect(await n(), path).toBe(before + 1);
    }
  });

  it("report and file downloads carry a sandboxing CSP, nosniff and attachment headers", () => {
    const inline = reportHeaders(null);
    expect(inline["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(inline["content-security-policy"]).toMatch(/sandbox/);
    expect(inline["content-security-policy"]).not.toMatch(/script-src/);
    expect(inline["content-disposition"]).toBeUndefined();
    expect(reportHeaders("r.html")["content-disposition"]).toBe('attachment; filename="r.html"');
    const csv = downloadHeaders("text/csv", "d.csv");
    expect(csv["x-content-type-options"]).toBe("nosniff");
    expect(csv["content-disposition"]).toBe('attachment; filename="d.csv"');
    expect(downloadHeaders("text/html", "x.html")["content-security-policy"]).toMatch(/sandbox/);
  });
});
