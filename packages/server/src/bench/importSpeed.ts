// Long-CSV import speed figure: a simulated network (default 170 therapists × 10 patients × 10 sessions,
// about 15,000 rows, the size of the analysis worker test's network) imported in three steps into a
// fresh database — sessions 1–5 of every patient (all new), sessions 6–10 (new sessions of stored
// patients and episodes), then the whole file again (refused: every row's session already has answers,
// so this times the check of every row). Prints each step's time, milliseconds and database queries per
// row (counted by a Kysely plugin on the store's handle).
//   npx tsx packages/server/src/bench/importSpeed.ts [--db sqlite|postgres] [--therapists 170]
//     [--patients 10] [--sessions 10] [--forms] [--steps 3]
// `--forms`: every row also carries a PHQ-9 and a GAD-7 total (the form totals' path); `--steps 2`: the
// first two steps only.
// PostgreSQL uses ATTUNE_TEST_PG_URL (a fresh database is created on that server and dropped after).
import { parseArgs } from "node:util";
import type { KyselyPlugin } from "kysely";
import { prnToCsv, simulatePrn } from "@attune/core";
import { createNetwork, openStore, type Store } from "@attune/db";
import { testDialects } from "@attune/db/testing";
import { builtinCatalog } from "../instruments/builtin.ts";
import { importLongCsv } from "../io/longCsv.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    therapists: { type: "string", default: "170" },
    patients: { type: "string", default: "10" },
    sessions: { type: "string", default: "10" },
    forms: { type: "boolean", default: false },
    steps: { type: "string", default: "3" },
  },
});
const sessions = Number(values.sessions);
const dialect = testDialects().find((d) => d.name === values.db);
if (!dialect?.available)
  throw new Error(`dialect ${values.db} unavailable (${dialect?.skipReason ?? "unknown"})`);

const sim = simulatePrn({
  therapists: Number(values.therapists),
  patientsPerTherapist: Number(values.patients),
  sessions,
  seed: 11,
});
const [header, ...lines] = prnToCsv(sim.rows).trim().split("\n");
const rowsOf = (keep: (session: number) => boolean) =>
  lines
    .map((l, k) => (values.forms ? `${l},${k % 28},${k % 22}` : l))
    .filter((l) => keep(Number(l.split(",")[3])));
const half = Math.ceil(sessions / 2);
const steps = [
  { name: `sessions 1–${half} (new)`, rows: rowsOf((s) => s <= half), ok: true },
  { name: `sessions ${half + 1}–${sessions} (stored patients)`, rows: rowsOf((s) => s > half), ok: true },
  { name: "whole file again (refused)", rows: rowsOf(() => true), ok: false },
];

/** Counts the queries run through a store's handle. */
function queryCounter(): KyselyPlugin & { n: number } {
  return {
    n: 0,
    transformQuery(args) {
      this.n++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

const { url, dispose } = await dialect.create();
const store = await openStore({ url });
try {
  const counter = queryCounter();
  const counted: Store = { ...store, db: store.db.withPlugin(counter) };
  const net = await createNetwork(store.db, "bench");
  console.log(`${lines.length} rows${values.forms ? " with PHQ-9 and GAD-7 totals" : ""}, ${dialect.name}`);
  for (const step of steps.slice(0, Number(values.steps))) {
    counter.n = 0;
    const csv = [values.forms ? `${header},phq9,gad7` : header, ...step.rows].join("\n") + "\n";
    const t0 = performance.now();
    const rep = await importLongCsv({ store: counted, instruments: builtinCatalog() }, csv, {
      networkId: net.id,
      actorId: null,
    });
    const ms = performance.now() - t0;
    if (rep.ok !== step.ok) throw new Error(`${step.name}: ${JSON.stringify(rep.rejected.slice(0, 3))}`);
    const n = step.rows.length;
    console.log(
      `  ${step.name}: ${n} rows in ${(ms / 1000).toFixed(1)} s, ${(ms / n).toFixed(2)} ms/row, ` +
        `${(counter.n / n).toFixed(2)} queries/row` +
        (step.ok ? ` (created ${JSON.stringify(rep.created)})` : ` (${rep.rejected.length} rows refused)`),
    );
  }
} finally {
  await store.close();
  await dispose();
}
