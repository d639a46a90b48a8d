// Backup under load: a real server process takes concurrent patient submissions while `attune backup`
// runs in another process; the backup is restored with `attune restore` into an empty database. Every
// submission acknowledged before the backup started is in the restored copy with its audit entries, the
// restored audit log is the source's, row for row, and a patient erased after the backup stays erased.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStore, type AuditEntry } from "@attune/db";
import { describeEachDialect, type TestDialect } from "@attune/db/testing";
import { seedFleet, type Fleet } from "../testing/fleet.ts";
import { buildServer, REPO, startServerProcess, type ServerProcess } from "../testing/process.ts";
import {
  makeNetwork,
  PASSWORD,
  signInClient,
  validSubmission,
  type NetworkFixture,
} from "../testing/harness.ts";
import { hashPassword } from "../auth/password.ts";

const run = promisify(execFile);
const CLI = join(REPO, "packages/cli/dist/attune.js");
const N = 400;
const CONCURRENCY = 24;

/** Runs the built `attune` command; resolves with stdout, rejects with its one-line stderr. */
export async function attune(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await run(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env } });
  return r.stdout;
}

async function submit(url: string, token: string): Promise<string[]> {
  const res = await fetch(`${url}/api/r/${token}/submit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(validSubmission(3)),
  });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ids: string[] }).ids;
}

describeEachDialect("backup under load, restore", (dialect: TestDialect) => {
  const dir = mkdtempSync(join(tmpdir(), "attune-backup-"));
  const ledger = join(dir, "erasures.jsonl");
  const disposers: (() => Promise<void>)[] = [];
  let sourceUrl: string;
  let fleet: Fleet;
  let net: NetworkFixture;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    buildServer();
    const db = await dialect.create();
    disposers.push(db.dispose);
    sourceUrl = db.url;
    const store = await openStore({ url: sourceUrl });
    fleet = await seedFleet(store, N);
    net = await makeNetwork(store, "bk", await hashPassword(PASSWORD));
    await store.close();
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    for (const d of disposers) await d();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every submission acknowledged before it started, the audit log as it was, and erasures", async () => {
    server = await startServerProcess(sourceUrl, { ATTUNE_ERASURE_LEDGER: ledger });
    const url = server.url;
    const erasedPatientIds = await submit(url, net.tokens.link);

    // Load: CONCURRENCY patients submitting at once; the backup starts a third of the way in.
    const acked: { ids: string[]; at: number }[] = [];
    let next = 0;
    let backup: Promise<string> | undefined;
    let backupStartedAt = 0;
    const file = join(dir, `net-${dialect.name}.attune-backup`);
    const worker = async () => {
      while (next < N) {
        const link = fleet.links[next++]!;
        const ids = await submit(url, link.token);
        acked.push({ ids, at: Date.now() });
        if (!backup && acked.length >= N / 3) {
          backupStartedAt = Date.now();
          backup = attune(["backup", "--to", file, "--database", sourceUrl, "--json"]);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const manifest = JSON.parse(await backup!) as {
      rowCounts: Record<string, number>;
      schema: { version: string };
      sha256: string;
    };
    const before = acked.filter((a) => a.at <= backupStartedAt).flatMap((a) => a.ids);
    expect(before.length).toBeGreaterThanOrEqual(2 * Math.floor(N / 3));
    // The load went on during the backup: some submissions were acknowledged after it began.
    expect(acked.some((a) => a.at > backupStartedAt)).toBe(true);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);

    // After the backup, the coordinator erases the patient who answered first.
    const coordinator = await signInClient((r) => fetch(r), net.emails.coordinator, "coordinator", url);
    const erased = await coordinator.request("POST", `/api/patients/${net.ids.patient}/erasure`, {
      reason: "patient's request",
    });
    expect(erased.status).toBe(200);
    await server.stop("SIGTERM");
    server = undefined;

    // Restore into an empty database of the same dialect.
    const target = await dialect.create();
    disposers.push(target.dispose);
    const restored = JSON.parse(
      await attune(["restore", file, "--database", target.url, "--erasure-ledger", ledger, "--json"]),
    ) as { rows: Record<string, number>; erasedAgain: string[] };
    expect(restored.rows).toEqual(manifest.rowCounts);
    expect(restored.erasedAgain).toEqual([net.ids.patient]);

    const src = await openStore({ url: sourceUrl, migrate: false });
    const dst = await openStore({ url: target.url, migrate: false });
    try {
      const present = new Set((await dst.db.selectFrom("responses").select("id").execute()).map((r) => r.id));
      for (const id of before)
        expect(present.has(id), `response ${id} acknowledged before the backup`).toBe(true);
      // Each of those submissions' audit entries came along.
      const audited = new Set(
        (
          await dst.db
            .selectFrom("audit_log")
            .select("entity_id")
            .where("entity", "=", "QuestionnaireResponse")
            .execute()
        ).map((r) => r.entity_id),
      );
      for (const id of before) expect(audited.has(id), `audit entry of response ${id}`).toBe(true);
      // The restored audit log is the source's, entry for entry (the restore's own entries aside).
      const srcAudit = new Map(
        (await src.db.selectFrom("audit_log").selectAll().execute()).map((r) => [r.id, r]),
      );
      const dstAudit = await dst.db.selectFrom("audit_log").selectAll().orderBy("id").execute();
      // The restore's own entries: its "erase" record, and the erasure's record of redacting the patient's
      // link audit entries (a new entry, not one of the source's).
      const own = (r: AuditEntry) =>
        (r.actor_kind === "system" && r.action === "erase") ||
        (r.action === "redact-audit" && !srcAudit.has(r.id));
      const copied = dstAudit.filter((r) => !own(r));
      expect(copied.length).toBe(manifest.rowCounts["audit_log"]);
      for (const r of copied) expect(r).toEqual(srcAudit.get(r.id));
      // The erased patient did not come back: no patient row, no answers, and the erasure is on record.
      expect(
        await dst.db.selectFrom("patients").select("id").where("id", "=", net.ids.patient).execute(),
      ).toEqual([]);
      const theirs = await dst.db
        .selectFrom("responses")
        .select("id")
        .where("id", "in", erasedPatientIds)
        .execute();
      expect(theirs).toEqual([]);
      expect(
        await dst.db.selectFrom("erasures").select("id").where("patient_id", "=", net.ids.patient).execute(),
      ).toHaveLength(1);
      // All of them are about the erased patient: one erasure record, and its redaction of link entries.
      expect([...new Set(dstAudit.filter(own).map((r) => r.entity_id))]).toEqual([net.ids.patient]);
      expect(dstAudit.filter(own).filter((r) => r.action === "erase")).toHaveLength(1);
      expect(await dst.integrityCheck()).toEqual([]);
    } finally {
      await src.close();
      await dst.close();
    }
  });
});
