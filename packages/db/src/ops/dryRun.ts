// `attune migrate --dry-run`: what an upgrade will do to this database, found by doing it inside a
// transaction that is then rolled back (both SQLite and PostgreSQL roll back schema changes): the SQL
// each pending migration runs, and the row count of every table before and after.
import { sql, type Kysely, type KyselyPlugin } from "kysely";
import type { Db, Store } from "../open.ts";
import { migrations, newerSchemaMessage } from "../migrate.ts";
import { schemaState, type SchemaState } from "./schemaState.ts";

export interface MigrationPlan {
  state: SchemaState;
  /** Each pending migration and the statements it runs, in order. */
  steps: { name: string; statements: string[] }[];
  /** Tables whose row count the upgrade changes (or that it creates or drops). */
  rowChanges: { table: string; before: number | null; after: number | null }[];
}

class RolledBack extends Error {}

/**
 * Plans the upgrade of a database without changing it.
 *
 * @example
 * const plan = await migrationPlan(await openStore({ url, migrate: false }));
 * for (const s of plan.steps) console.log(s.name, s.statements.length);
 */
export async function migrationPlan(store: Store): Promise<MigrationPlan> {
  const state = await schemaState(store.db);
  if (state.unknown.length) throw Object.assign(new Error(newerSchemaMessage(state)), { name: "InputError" });
  const all = migrations(store.dialect);
  const steps: MigrationPlan["steps"] = [];
  const before = await rowCounts(store.db, store.dialect);
  let after = before;
  try {
    await store.db.transaction().execute(async (trx) => {
      for (const name of state.pending) {
        const statements: string[] = [];
        const capture: KyselyPlugin = {
          transformQuery(args) {
            const text = trx.getExecutor().compileQuery(args.node, args.queryId).sql;
            statements.push(text.replace(/\s+/g, " ").trim());
            return args.node;
          },
          transformResult: async (args) => args.result,
        };
        await all[name]!.up(trx.withPlugin(capture));
        steps.push({ name, statements });
      }
      after = await rowCounts(trx, store.dialect);
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  const tables = [...new Set([...before.keys(), ...after.keys()])].sort();
  const rowChanges = tables
    .map((table) => ({ table, before: before.get(table) ?? null, after: after.get(table) ?? null }))
    .filter((c) => c.before !== c.after);
  return { state, steps, rowChanges };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transaction or handle
async function rowCounts(db: Kysely<any> | Db, dialect: Store["dialect"]): Promise<Map<string, number>> {
  const names =
    dialect === "postgres"
      ? await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const out = new Map<string, number>();
  for (const { name } of names.rows) {
    if (name.startsWith("kysely_")) continue;
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out.set(name, Number(r.rows[0]?.n ?? 0));
  }
  return out;
}
