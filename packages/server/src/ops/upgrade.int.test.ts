// Upgrades keep data: for every earlier schema version k (whatever migrations exist), a database is
// migrated to k and filled with realistic data as that version stores it — the demo network, a study
// with every role, an erased patient, projected onto the tables and columns version k has — then
// upgraded by this attune. Every stored value is still there, the database is sound, and the server
// works on it. A database from a newer attune is refused by `attune serve`; `attune migrate --dry-run`
// says what an upgrade runs and changes nothing.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  acknowledgeAlert,
  appliedMigrations,
  createEpisode,
  createStudy,
  defineAttribute,
  erasePatient,
  knownMigrations,
  setEpisodeEnd,
  setSessionModality,
  migrateToLatest,
  migrateUpTo,
  openStore,
  recordTherapistResponse,
  setAttributeValues,
  storeTables,
  type Store,
} from "@attune/db";
import { describeEachDialect, type TestDialect } from "@attune/db/testing";
import { createApp } from "../app.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { hashPassword } from "../auth/password.ts";
import { seedSimulatedDemo } from "../demoNetwork.ts";
import { makeNetwork, PASSWORD, signInClient } from "../testing/harness.ts";
import { buildServer, REPO } from "../testing/process.ts";

const run = promisify(execFile);
const CLI = join(REPO, "packages/cli/dist/attune.js");

type Cell = string | number | null;
interface TableData {
  name: string;
  columns: string[];
  key: string[];
  rows: Cell[][];
}

/** Every table of a database: columns, key and rows in key order (parents before children). */
async function readAll(store: Store): Promise<TableData[]> {
  const tables = await storeTables(store);
  const out: TableData[] = [];
  for (const t of tables) out.push({ ...t, rows: await select(store, t.name, t.columns, t.key) });
  return out;
}

async function select(store: Store, table: string, columns: string[], key: string[]): Promise<Cell[][]> {
  const r = await sql<
    Record<string, Cell>
  >`select ${sql.join(columns.map((c) => sql.id(c)))} from ${sql.table(
    table,
  )} order by ${sql.join(key.map((c) => sql.id(c)))}`.execute(store.db);
  return r.rows.map((row) => columns.map((c) => row[c] ?? null));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a transaction on an older schema
async function columnsAt(db: Kysely<any>, dialect: Store["dialect"], table: string): Promise<string[]> {
  const r =
    dialect === "postgres"
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return r.rows.map((x) => x.name);
}

describeEachDialect("upgrade from every earlier schema", (dialect: TestDialect) => {
  let fixture: TableData[];
  let coordinatorEmail: string;
  let net: Awaited<ReturnType<typeof makeNetwork>>;
  const disposers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    buildServer();
    const db = await dialect.create();
    disposers.push(db.dispose);
    const store = await openStore({ url: db.url });
    const demo = await seedSimulatedDemo(store);
    net = await makeNetwork(store, "up", await hashPassword(PASSWORD));
    coordinatorEmail = net.emails.coordinator;
    await erasePatient(store.db, {
      patientId: net.ids.patient2,
      networkId: net.networkId,
      requestedBy: net.ids.coordinator,
      reason: "fixture",
    });
    // Session modality and episode end (migration 070): the fixture carries them, so every older
    // version's projection drops them and the upgrade must leave them "not recorded".
    await setSessionModality(store.db, net.ids.session, "video");
    await setEpisodeEnd(store.db, net.ids.episode, { endedAt: "2025-04-01", reason: "dropout" });
    // A scheduled session (migration 080): a time of day, and a link that opens on the session's day.
    await sql`update therapy_sessions set time = '14:30' where id = (select min(id) from therapy_sessions)`.execute(
      store.db,
    );
    await sql`update patient_links set opens_at = '2030-01-01T23:00:00.000Z' where id = (select min(id) from patient_links)`.execute(
      store.db,
    );
    // Therapist-level data (075): an attribute, a value and a once-only answer, carried by later upgrades.
    const years = await defineAttribute(store.db, {
      networkId: net.networkId,
      code: "years_practice",
      label: "Years of practice",
      kind: "numeric",
      by: net.ids.coordinator,
    });
    await setAttributeValues(store.db, {
      therapistId: net.ids.therapist,
      values: [{ attributeId: years.id, value: "12" }],
      source: "entered",
      by: net.ids.coordinator,
    });
    await recordTherapistResponse(store.db, {
      networkId: net.networkId,
      therapistId: net.ids.therapist,
      questionnaireUrl: "https://attune.dev/fhir/Questionnaire/alliance-therapist",
      resource: { resourceType: "QuestionnaireResponse", status: "completed" },
      scores: { alliance: 4 },
      authorId: net.ids.therapist,
    });
    // A patient-level study (076) with one patient allocated at enrolment.
    const { study: byPatient } = await createStudy(store.db, {
      networkId: net.networkId,
      name: "case allocation",
      arms: [
        { code: "a", name: "A" },
        { code: "b", name: "B" },
      ],
      schedule: [],
      patientLevel: { blockSize: 2 },
    });
    await createEpisode(store.db, {
      patientId: net.ids.patient,
      therapistId: net.ids.therapist,
      studyId: byPatient.id,
      by: net.ids.coordinator,
    });
    // An acknowledged not-on-track alert (020), stored before acknowledgements named their form (105).
    await acknowledgeAlert(
      store.db,
      {
        networkId: net.networkId,
        episodeId: net.ids.episode,
        kind: "not-on-track",
        session: 2,
        userId: net.ids.therapist,
      },
      {
        network_id: net.networkId,
        actor_kind: "user",
        actor_id: net.ids.therapist,
        ip: null,
        user_agent: null,
      },
    );
    expect(demo.created).toBe(true);
    fixture = (await readAll(store)).filter((t) => t.name !== "auth_sessions");
    await store.close();
  });
  afterAll(async () => {
    for (const d of disposers) await d();
  });

  const known = knownMigrations();
  for (const version of known.slice(0, -1)) {
    it(`keeps every value stored at ${version}`, async () => {
      const db = await dialect.create();
      disposers.push(db.dispose);
      const store = await openStore({ url: db.url, migrate: false });
      try {
        await migrateUpTo(store.db, store.dialect, version);
        const stored: TableData[] = [];
        await store.db.transaction().execute(async (trx) => {
          for (const t of fixture) {
            const have = new Set(await columnsAt(trx, store.dialect, t.name));
            if (have.size === 0) continue; // the table came later
            const idx = t.columns.map((c, i) => (have.has(c) ? i : -1)).filter((i) => i >= 0);
            const columns = idx.map((i) => t.columns[i]!);
            const rows = t.rows.map((r) => idx.map((i) => r[i] ?? null));
            for (let i = 0; i < rows.length; i += 200) {
              const batch = rows
                .slice(i, i + 200)
                .map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]])));
              // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables of an older schema
              if (batch.length) await (trx as any).insertInto(t.name).values(batch).execute();
            }
            stored.push({ ...t, columns, rows });
          }
        });
        expect(stored.find((t) => t.name === "responses")?.rows.length).toBeGreaterThan(1000);

        const upgraded = await migrateToLatest(store.db, store.dialect);
        expect(upgraded).toEqual(known.slice(known.indexOf(version) + 1));
        for (const t of stored) expect(await select(store, t.name, t.columns, t.key), t.name).toEqual(t.rows);
        expect(await store.integrityCheck()).toEqual([]);
        if (known.indexOf(version) < known.indexOf("070_session_facts")) {
          const facts = await sql<{ n: number | string }>`select
              (select count(*) from therapy_sessions where modality is not null) +
              (select count(*) from episodes where ended_at is not null or end_reason is not null) as n`.execute(
            store.db,
          );
          expect(Number(facts.rows[0]?.n)).toBe(0);
          // ... and they can be recorded on the upgraded data.
          expect((await setSessionModality(store.db, net.ids.session, "phone"))?.modality).toBe("phone");
        }

        // The server runs on the upgraded data: health, a coordinator's sign-in, their patients.
        const { app, ready, close } = createApp({ store, instruments: builtinCatalog() });
        await ready;
        expect((await app.request("/healthz")).status).toBe(200);
        const c = await signInClient((r) => app.fetch(r), coordinatorEmail, "coordinator");
        const res = await c.request("GET", "/api/patients");
        expect(res.status).toBe(200);
        expect(((await res.json()) as { patients: unknown[] }).patients.length).toBe(1); // patient2 was erased
        // 085: studies stored before archiving existed are all active.
        const studies = (await (await c.request("GET", "/api/studies")).json()) as {
          studies: { archivedAt: string | null }[];
        };
        expect(studies.studies.length).toBeGreaterThan(0);
        expect(studies.studies.every((s) => s.archivedAt === null)).toBe(true);
        // 090: networks stored before patients could see their progress share nothing until turned on.
        const share = await c.request("GET", "/api/network/patient-progress");
        expect(await share.json()).toEqual({ shareProgress: false });
        // 105: acknowledgements stored before forms were recorded keep every value and name no form ("",
        // read as the network's first outcome).
        if (known.indexOf(version) >= known.indexOf("020_alert_acks")) {
          const acks = await sql<{ form: string }>`select form from alert_acks`.execute(store.db);
          expect(acks.rows.map((r) => r.form)).toEqual([""]);
        }
        // 106: networks stored before the rupture statistic could be chosen use attune's default, no fit.
        const alertSettings = await c.request("GET", "/api/network/alert-settings");
        expect(await alertSettings.json()).toMatchObject({
          ruptureStatistic: "mean",
          itemCalibration: { chosen: false, state: "off", inUse: false },
        });
        await close();
      } finally {
        await store.close();
      }
    });
  }

  it("`attune migrate --dry-run` lists what would run and changes nothing; `attune migrate` applies it", async () => {
    const db = await dialect.create();
    disposers.push(db.dispose);
    const store = await openStore({ url: db.url, migrate: false });
    await migrateUpTo(store.db, store.dialect, known[0]!);
    await store.close();
    const { stdout } = await run(process.execPath, [
      CLI,
      "migrate",
      "--dry-run",
      "--json",
      "--database",
      db.url,
    ]);
    const plan = JSON.parse(stdout) as { steps: { name: string; statements: string[] }[]; applied: boolean };
    expect(plan.steps.map((s) => s.name)).toEqual(known.slice(1));
    expect(plan.steps.every((s) => s.statements.length > 0)).toBe(true);
    expect(plan.applied).toBe(false);
    const text = (await run(process.execPath, [CLI, "migrate", "--dry-run", "--database", db.url])).stdout;
    expect(text).toContain(`would apply ${known.at(-1)}`);
    expect(text).toContain("nothing was changed");
    const again = await openStore({ url: db.url, migrate: false });
    expect(await appliedMigrations(again.db)).toEqual([known[0]]);
    await again.close();
    await run(process.execPath, [CLI, "migrate", "--database", db.url]);
    const after = await openStore({ url: db.url, migrate: false });
    expect(await appliedMigrations(after.db)).toEqual(known);
    await after.close();
  });

  it("`attune serve` refuses a database from a newer attune, in one line", async () => {
    const db = await dialect.create();
    disposers.push(db.dispose);
    const store = await openStore({ url: db.url });
    await sql`insert into kysely_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(
      store.db,
    );
    await store.close();
    const err = await run(process.execPath, [CLI, "serve", "--port", "0", "--database", db.url]).then(
      () => "",
      (e: { stderr: string; code: number }) => `${e.code}: ${e.stderr}`,
    );
    expect(err).toBe(
      `1: attune: the database has schema 999_future, newer than this attune knows (${known.at(-1)}): ` +
        `run the attune release that wrote it, or a newer one (unknown migrations: 999_future)\n`,
    );
  });
});
