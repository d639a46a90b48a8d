// The data-layer suite, run once per dialect (SQLite file and PostgreSQL).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import {
  appendAudit,
  appendResponse,
  claimLink,
  correctResponse,
  createEpisode,
  createLink,
  createNetwork,
  createPatient,
  createStudy,
  createUser,
  allocate,
  ensureSession,
  erasePatient,
  erasedSince,
  findLinkByToken,
  formsDue,
  getContact,
  listAudit,
  listResponses,
  listRunRedactions,
  listSchedule,
  longRows,
  openStore,
  recordRun,
  removePatientRows,
  putQuestionnaire,
  scoresOf,
  searchQuestionnaires,
  type Store,
} from "./index.ts";
import { describeEachDialect, openTestStore } from "./testing.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describeEachDialect("store", (dialect) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, url, dispose } = await openTestStore(dialect));
  });
  afterAll(async () => {
    await dispose?.();
  });

  async function fixture() {
    const db = store.db;
    const net = await createNetwork(db, "PRN");
    const t = await createUser(db, {
      networkId: net.id,
      code: `T${Math.random().toString(36).slice(2, 8)}`,
      displayName: "Dr T",
      role: "therapist",
    });
    const { study, arms } = await createStudy(db, {
      networkId: net.id,
      name: "trial",
      arms: [
        { code: "0", name: "control" },
        { code: "1", name: "training" },
      ],
      schedule: [
        { questionnaireUrl: "q:alliance-p", rater: "patient", sessions: "all" },
        { questionnaireUrl: "q:ther", rater: "therapist", sessions: [3, 12, 20, 40] },
      ],
    });
    await allocate(db, study.id, t.id, arms[1]!.id);
    const p = await createPatient(db, {
      networkId: net.id,
      code: "P1",
      contact: { name: "Ann", email: "a@x" },
    });
    const ep = await createEpisode(db, { patientId: p.id, therapistId: t.id, studyId: study.id });
    const s1 = await ensureSession(db, ep.id, 1, "2025-01-01");
    return { net, t, study, arms, p, ep, s1 };
  }

  it("migrates idempotently and reopens", async () => {
    const again = await openStore({ url });
    await again.close();
    expect(await store.integrityCheck()).toEqual([]);
  });

  it("builds the network → episode → session chain with the arm from the allocation", async () => {
    const { ep, arms, s1, study } = await fixture();
    expect(ep.arm_id).toBe(arms[1]!.id);
    expect((await ensureSession(store.db, ep.id, 1)).id).toBe(s1.id);
    const sched = await listSchedule(store.db, study.id);
    expect(formsDue(sched, 3).sort()).toEqual(["q:alliance-p", "q:ther"]);
    expect(formsDue(sched, 4)).toEqual(["q:alliance-p"]);
  });

  it("keeps contact details in their own table", async () => {
    const { p } = await fixture();
    expect((await getContact(store.db, p.id))?.name).toBe("Ann");
  });

  it("refuses duplicate patient codes in a network and foreign keys to nowhere", async () => {
    const { net } = await fixture();
    await expect(createPatient(store.db, { networkId: net.id, code: "P1" })).rejects.toThrow();
    await expect(ensureSession(store.db, "no-such-episode", 1)).rejects.toThrow();
  });

  it("appends responses, corrects by new versions, never updates in place", async () => {
    const { net, p, ep, s1 } = await fixture();
    const base = {
      networkId: net.id,
      patientId: p.id,
      episodeId: ep.id,
      sessionId: s1.id,
      questionnaireUrl: "q:alliance-p",
      rater: "patient" as const,
      authorKind: "link" as const,
      authorId: null,
      resource: { resourceType: "QuestionnaireResponse", status: "completed" },
    };
    const v1 = await appendResponse(store.db, { ...base, scores: { alliance: 4 } });
    const v2 = await correctResponse(store.db, v1.id, { ...base, scores: { alliance: 5 } });
    expect(v2.version).toBe(2);
    expect(v2.supersedes_id).toBe(v1.id);
    await expect(correctResponse(store.db, v1.id, { ...base, scores: { alliance: 3 } })).rejects.toThrow(
      /already corrected/,
    );
    const latest = await listResponses(store.db, { networkId: net.id, sessionId: s1.id });
    expect(latest.map((r) => r.id)).toEqual([v2.id]);
    const all = await listResponses(store.db, { networkId: net.id, sessionId: s1.id, latestOnly: false });
    expect(all).toHaveLength(2);
    expect((await scoresOf(store.db, [v2.id]))[0]?.value).toBe(5);
    await expect(
      store.db.updateTable("responses").set({ resource: "{}" }).where("id", "=", v1.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom("responses").where("id", "=", v1.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it("keeps the audit log append-only", async () => {
    const { net } = await fixture();
    await appendAudit(store.db, {
      network_id: net.id,
      actor_kind: "system",
      actor_id: null,
      action: "read",
      entity: "patient_contact",
      entity_id: "x",
      ip: "127.0.0.1",
      user_agent: null,
      detail: null,
    });
    expect(await listAudit(store.db, { networkId: net.id })).toHaveLength(1);
    await expect(store.db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });

  it("claims a patient link exactly once, even when two claims race", async () => {
    const { net, ep, s1, t } = await fixture();
    const { token, link } = await createLink(store.db, {
      networkId: net.id,
      episodeId: ep.id,
      sessionId: s1.id,
      forms: ["q:alliance-p"],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      createdBy: t.id,
    });
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect((await findLinkByToken(store.db, token))?.id).toBe(link.id);
    expect(await findLinkByToken(store.db, token + "x")).toBeUndefined();
    const claims = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        store.db.transaction().execute((trx) => claimLink(trx, link.id, `h${i}`, [`r${i}`])),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("stores questionnaires once per (url, version)", async () => {
    const q = {
      url: "q:x",
      version: "1",
      title: "X form",
      status: "active",
      resource: { resourceType: "Questionnaire" },
    };
    const a = await putQuestionnaire(store.db, q);
    const b = await putQuestionnaire(store.db, q);
    expect(b.id).toBe(a.id);
    expect((await searchQuestionnaires(store.db, { title: "X f" })).map((r) => r.id)).toContain(a.id);
  });

  it("produces the long table and erases a patient on request (and only then)", async () => {
    const { net, p, ep, s1, study } = await fixture();
    const base = {
      networkId: net.id,
      patientId: p.id,
      episodeId: ep.id,
      sessionId: s1.id,
      authorKind: "import" as const,
      authorId: null,
      resource: { resourceType: "QuestionnaireResponse" },
    };
    await appendResponse(store.db, {
      ...base,
      questionnaireUrl: "a",
      rater: "patient",
      scores: { alliance: 4.5, wellbeing: 2 },
    });
    await appendResponse(store.db, {
      ...base,
      questionnaireUrl: "b",
      rater: "therapist",
      scores: { alliance: 4 },
    });
    const rows = await longRows(store.db, { networkId: net.id, studyId: study.id });
    expect(rows).toEqual([
      expect.objectContaining({
        patient: "P1",
        session: 1,
        condition: "1",
        alliance_patient: 4.5,
        alliance_therapist: 4,
        wellbeing: 2,
      }),
    ]);
    const rep = await erasePatient(store.db, {
      patientId: p.id,
      networkId: net.id,
      requestedBy: "c",
      reason: "GDPR art. 17",
    });
    expect(rep!.responses).toBe(2);
    expect(await longRows(store.db, { networkId: net.id, studyId: study.id })).toEqual([]);
    expect(await getContact(store.db, p.id)).toBeUndefined();
    expect(await store.integrityCheck()).toEqual([]);
  });

  it("removes an erased patient's rows from the network's recorded runs, and only an erasure may", async () => {
    const { net, p, t } = await fixture();
    const other = await fixture(); // another network, with a patient coded P1 too
    const csv = 'therapist,patient,session\nT1,P1,1\nT1,P2,1\nT1,P1,2\nT1,"P1,x",1\n';
    const run = (networkId: string, runBy: string) =>
      recordRun(store.db, {
        network_id: networkId,
        run_by: runBy,
        attune_version: "test",
        selection: "{}",
        recipe: "rsa",
        rows: 4,
        data_sha256: sha256(csv),
        data_csv: csv,
        results: '{"models":{}}',
      });
    const mine = await run(net.id, t.id);
    const theirs = await run(other.net.id, other.t.id);
    // Only an erasure may rewrite a run: a plain update, even one naming no redaction, is refused.
    await expect(
      store.db.updateTable("analysis_runs").set({ data_csv: "x\n" }).where("id", "=", mine.id).execute(),
    ).rejects.toThrow(/append-only/);
    const rep = await erasePatient(store.db, {
      patientId: p.id,
      networkId: net.id,
      requestedBy: t.id,
      reason: "GDPR art. 17",
    });
    expect(rep!.runsRedacted).toBe(1);
    const after = 'therapist,patient,session\nT1,P2,1\nT1,"P1,x",1\n';
    expect(rep!.runs).toEqual([
      { runId: mine.id, rowsRemoved: 2, before: sha256(csv), after: sha256(after) },
    ]);
    const stored = await store.db
      .selectFrom("analysis_runs")
      .selectAll()
      .where("id", "=", mine.id)
      .executeTakeFirstOrThrow();
    expect(stored.data_csv).toBe(after);
    expect(stored.data_sha256).toBe(sha256(csv));
    expect(stored.results).toBe('{"models":{}}');
    const [red] = await listRunRedactions(store.db, [mine.id]);
    expect(red).toMatchObject({ rows_removed: 2, before_sha256: sha256(csv), after_sha256: sha256(after) });
    expect(stored.redacted_by).toBe(red!.id);
    const untouched = await store.db
      .selectFrom("analysis_runs")
      .selectAll()
      .where("id", "=", theirs.id)
      .executeTakeFirstOrThrow();
    expect(untouched.data_csv).toBe(csv);
    expect(await listRunRedactions(store.db, [theirs.id])).toEqual([]);
    // The applied redaction cannot be applied again, nor the run's record or the redaction be changed.
    for (const set of [
      { data_csv: "therapist,patient,session\n", redacted_by: red!.id },
      { data_csv: "therapist,patient,session\n", redacted_by: "other" },
      { results: "{}" },
    ])
      await expect(
        store.db.updateTable("analysis_runs").set(set).where("id", "=", mine.id).execute(),
      ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom("analysis_runs").where("id", "=", mine.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.updateTable("run_redactions").set({ rows_removed: 9 }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom("run_redactions").execute()).rejects.toThrow(/append-only/);
    const log = await listAudit(store.db, { networkId: net.id, entity: "analysis_run" });
    expect(log.map((e) => [e.action, e.entity_id])).toEqual([["redact", mine.id]]);
    // A run being recorded meanwhile learns that a patient of its data is gone (and is refused).
    expect(await erasedSince(store.db, net.id, ["P1", "P1"])).toBe(1);
    expect(await erasedSince(store.db, other.net.id, ["P1", "P1"])).toBe(0);
    expect(await store.integrityCheck()).toEqual([]);
  });

  it("redacts a run for two erasures at once, each from the CSV the other left", async () => {
    const { net, p, t } = await fixture();
    const p2 = await createPatient(store.db, { networkId: net.id, code: "P2" });
    const csv = "therapist,patient,session\nT1,P1,1\nT1,P2,1\nT1,P3,1\n";
    const run = await recordRun(store.db, {
      network_id: net.id,
      run_by: t.id,
      attune_version: "test",
      selection: "{}",
      recipe: "rsa",
      rows: 3,
      data_sha256: sha256(csv),
      data_csv: csv,
      results: "{}",
    });
    const erase = (patientId: string) =>
      erasePatient(store.db, { patientId, networkId: net.id, requestedBy: t.id, reason: "asked" });
    const reps = await Promise.all([erase(p.id), erase(p2.id)]);
    expect(reps.map((x) => x!.runsRedacted)).toEqual([1, 1]);
    const stored = await store.db
      .selectFrom("analysis_runs")
      .select("data_csv")
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(stored.data_csv).toBe("therapist,patient,session\nT1,P3,1\n");
    const chain = await listRunRedactions(store.db, [run.id]);
    expect(chain.map((x) => x.before_sha256)).toEqual([sha256(csv), chain[0]!.after_sha256]);
    expect(chain[1]!.after_sha256).toBe(sha256(stored.data_csv));
  });

  it("removes a patient's records from a CSV, keeping every other byte", () => {
    const csv = 'therapist,patient,note\r\nT1,P1,"a\nb"\r\nT1,"P""1",x\r\nT2,P1,"say ""hi"""\r\nT2,P10,y\r\n';
    expect(removePatientRows(csv, "P1")).toEqual({
      csv: 'therapist,patient,note\r\nT1,"P""1",x\r\nT2,P10,y\r\n',
      removed: 2,
    });
    expect(removePatientRows(csv, 'P"1').removed).toBe(1);
    expect(removePatientRows(csv, "P9")).toEqual({ csv, removed: 0 });
    expect(() => removePatientRows("a,b\n1,2\n", "P1")).toThrow(/no "patient" column \(header: a,b\)/);
  });

  it("rolls a failed transaction back completely", async () => {
    const { net } = await fixture();
    await expect(
      store.db.transaction().execute(async (trx) => {
        await createPatient(trx, { networkId: net.id, code: "TX1" });
        await createPatient(trx, { networkId: net.id, code: "TX1" });
      }),
    ).rejects.toThrow();
    const n = await sql<{ n: number }>`select count(*) as n from patients where code = 'TX1'`.execute(
      store.db,
    );
    expect(Number(n.rows[0]?.n)).toBe(0);
  });
});
