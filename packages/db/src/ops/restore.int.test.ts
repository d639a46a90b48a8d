// Restore's refusals and round trip, on each dialect: a damaged or altered file, a newer schema, a target
// that is not empty and a missing erasure ledger are each refused with one line naming the problem, and
// nothing is written; a backup of either dialect restores into either.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStore } from "../open.ts";
import { createNetwork, createUser } from "../repo/network.ts";
import { createPatient } from "../repo/patients.ts";
import { appendAudit } from "../repo/audit.ts";
import { describeEachDialect, testDialects } from "../testing.ts";
import { knownMigrations } from "../migrate.ts";
import { backupDatabase } from "./backup.ts";
import { restoreBackup } from "./restore.ts";

const dir = mkdtempSync(join(tmpdir(), "attune-restore-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small network in a fresh database of the given dialect, backed up to `file`. */
async function backedUp(d: ReturnType<typeof testDialects>[number], file: string) {
  const db = await d.create();
  const store = await openStore({ url: db.url });
  const net = await createNetwork(store.db, "restore test");
  const u = await createUser(store.db, {
    networkId: net.id,
    code: "T1",
    displayName: "T1",
    role: "therapist",
  });
  for (let i = 0; i < 30; i++) await createPatient(store.db, { networkId: net.id, code: `P${i}` });
  await appendAudit(store.db, {
    network_id: net.id,
    actor_kind: "user",
    actor_id: u.id,
    action: "read",
    entity: "patient",
    entity_id: null,
    ip: null,
    user_agent: null,
    detail: 'ünïcode ✓ "quoted"\nnewline',
  });
  await store.close();
  const r = await backupDatabase({ url: db.url, to: file, attuneVersion: "test" });
  return { ...r, dispose: db.dispose, url: db.url };
}

function rewrite(src: string, dst: string, edit: (lines: string[]) => void): void {
  const lines = gunzipSync(readFileSync(src)).toString("utf8").split("\n");
  edit(lines);
  writeFileSync(dst, gzipSync(Buffer.from(lines.join("\n"))));
}

describeEachDialect("restore", (d) => {
  const file = join(dir, `${d.name}.attune-backup`);
  let made: Awaited<ReturnType<typeof backedUp>>;
  const targets: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    made = await backedUp(d, file);
  });
  afterAll(async () => {
    await made?.dispose();
    for (const t of targets) await t();
  });
  const emptyTarget = async () => {
    const t = await d.create();
    targets.push(t.dispose);
    return t.url;
  };

  it("restores a backup of either dialect, rows and text intact", async () => {
    for (const other of testDialects().filter((x) => x.available)) {
      const f = join(dir, `${other.name}-to-${d.name}.attune-backup`);
      const b = other.name === d.name ? made : await backedUp(other, f);
      const url = await emptyTarget();
      const r = await restoreBackup({ file: other.name === d.name ? file : f, url, erasureLedger: null });
      expect(r.rows).toEqual(b.manifest.rowCounts);
      expect(r.rows["patients"]).toBe(30);
      const store = await openStore({ url, migrate: false });
      const a = await store.db.selectFrom("audit_log").select("detail").execute();
      expect(a.map((x) => x.detail)).toEqual(['ünïcode ✓ "quoted"\nnewline']);
      const m = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        store.db,
      );
      expect(m.rows.map((x) => x.name)).toEqual(knownMigrations());
      await store.close();
      if (b !== made) await b.dispose();
    }
  });

  it("refuses an altered row, a wrong count and a truncated file, writing nothing", async () => {
    const altered = join(dir, `${d.name}-altered`);
    rewrite(file, altered, (l) => {
      const i = l.findIndex((x) => x.includes('"P7"'));
      l[i] = l[i]!.replace('"P7"', '"P8"');
    });
    const url = await emptyTarget();
    await expect(restoreBackup({ file: altered, url, erasureLedger: null })).rejects.toThrow(
      /sha256 of the data is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/,
    );
    const miscounted = join(dir, `${d.name}-miscounted`);
    rewrite(file, miscounted, (l) => {
      const i = l.findIndex((x) => x.startsWith('{"end":true'));
      l[i] = l[i]!.replace('"patients":30', '"patients":31');
    });
    await expect(restoreBackup({ file: miscounted, url, erasureLedger: null })).rejects.toThrow(
      "table patients holds 30 rows, the manifest says 31",
    );
    const truncated = join(dir, `${d.name}-truncated`);
    rewrite(file, truncated, (l) => l.splice(l.length - 2, 2));
    await expect(restoreBackup({ file: truncated, url, erasureLedger: null })).rejects.toThrow(/truncated/);
    // The target is still empty: a good backup restores into it afterwards.
    const r = await restoreBackup({ file, url, erasureLedger: null });
    expect(r.rows["patients"]).toBe(30);
  });

  it("refuses a backup from a newer schema with one line", async () => {
    const newer = join(dir, `${d.name}-newer`);
    const db = await d.create();
    targets.push(db.dispose);
    const store = await openStore({ url: db.url });
    await sql`insert into kysely_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(
      store.db,
    );
    await store.close();
    await backupDatabase({ url: db.url, to: newer, attuneVersion: "9.9.9" });
    await expect(
      restoreBackup({ file: newer, url: await emptyTarget(), erasureLedger: null }),
    ).rejects.toThrow(/^the backup has schema 999_future, newer than this attune knows \(\d{3}_\w+\)/);
  });

  it("refuses a target that is not empty, and a missing erasure ledger", async () => {
    await expect(restoreBackup({ file, url: made.url, erasureLedger: null })).rejects.toThrow(
      /already exists|is not empty/,
    );
    await expect(
      restoreBackup({ file, url: await emptyTarget(), erasureLedger: join(dir, "nowhere.jsonl") }),
    ).rejects.toThrow(/no erasure ledger at .*nowhere\.jsonl/);
  });
});
