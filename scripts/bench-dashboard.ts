// Dashboard API latency: a therapist with a 50-patient caseload (6 sessions each) in a network the
// size of the seed study plus that caseload; GET /api/dashboard/caseload and /episodes/{id} in process
// (createApp, SQLite file), 200 sequential requests each after warm-up; prints p50/p95/max in ms.
// `--forms 3`: the study also schedules PHQ-9 and GAD-7, answered at every session (the well-being scores
// mirrored onto them), so the dashboard reads three outcome forms, each with its calibrated rule.
// `--items`: instead, a network of the second simulator's 5-point items (6 therapists × 50 patients, the
// patient form stored item by item) on the item-level rupture rule, fitted in the background first.
// Run: npx tsx scripts/bench-dashboard.ts [--forms 1|2|3] [--items]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prnToCsv, simulatePrn } from "@attune/core";
import { getItemCalibration, openStore } from "@attune/db";
import { seedItemNetwork, useItemRule } from "@attune/server/testing/itemNetwork";
import { scheduleMirroredForm } from "@attune/server/testing/secondOutcome";
import { builtinCatalog, createApp, hashPassword, importLongCsv, seedSimulatedDemo } from "@attune/server";

const dir = mkdtempSync(join(tmpdir(), "attune-bench-"));
const store = await openStore({ dataDir: dir });
const items = process.argv.includes("--items");
const demo = items
  ? { networkId: (await seedItemNetwork(store, 6, 11, 50)).networkId }
  : await seedSimulatedDemo(store);
// One more therapist with 50 patients.
const big = simulatePrn({ therapists: 1, patientsPerTherapist: 50, sessions: 6, seed: 99 });
const csv = prnToCsv(big.rows.map((r) => ({ ...r, therapist: "BIG", patient: `B${r.patient}` })));
if (!items) {
  const rep = await importLongCsv({ store, instruments: builtinCatalog() }, csv, {
    networkId: demo.networkId,
    study: "Alliance training trial",
    actorId: null,
  });
  if (!rep.ok) throw new Error(JSON.stringify(rep.rejected.slice(0, 3)));
}
// The item network's first therapist has the 50 patients.
await store.db
  .updateTable("users")
  .set({ email: "big@demo.attune.dev", password_hash: await hashPassword("attune-demo-password") })
  .where("code", "=", items ? "TH01" : "BIG")
  .where("network_id", "=", demo.networkId)
  .execute();
const formsArg = process.argv.indexOf("--forms");
const forms = formsArg > 0 ? Number(process.argv[formsArg + 1]) : 1;
const extraForms = ["phq-9", "gad-7"].slice(0, Math.max(0, forms - 1));
// Every stored well-being score becomes a score of each extra form, mirrored (the shared test helper).
for (const form of extraForms) await scheduleMirroredForm(store, demo.networkId, form);
const { app, ctx, ready, close } = createApp({ store, instruments: builtinCatalog() });
await ready;
// `--items mean`: the same item network on the mean statistic (the comparison).
if (items && process.argv[process.argv.indexOf("--items") + 1] !== "mean") {
  const t = performance.now();
  await useItemRule(ctx, demo.networkId);
  const row = await getItemCalibration(store.db, demo.networkId);
  console.log(
    `item fit in the background: ${row?.status} after ${((performance.now() - t) / 1000).toFixed(1)} s${row?.error ? ` (${row.error})` : ""}`,
  );
}
const login = await app.request("/api/auth/login", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: "big@demo.attune.dev", password: "attune-demo-password" }),
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
const get = async (path: string) => {
  const t = performance.now();
  const res = await app.request(path, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - t, body };
};
const cold = await get("/api/dashboard/caseload");
console.log(`first caseload request (fits the expected-recovery model): ${cold.ms.toFixed(0)} ms`);
const caseload = JSON.parse(cold.body) as {
  patients: { episodeId: string; alerts?: { kind: string; why?: { form?: string } }[] }[];
};
// Which forms raise not-on-track alerts in this caseload (each scheduled form's rule is in play).
const alertForms = new Set(
  caseload.patients.flatMap((p) =>
    (p.alerts ?? []).filter((a) => a.kind === "not-on-track").map((a) => a.why?.form ?? "?"),
  ),
);
console.log(`outcome forms scheduled: ${forms}; not-on-track alerts from: ${[...alertForms].join(", ")}`);
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
for (const [label, path] of [
  [`caseload (${caseload.patients.length} patients)`, "/api/dashboard/caseload"],
  ["one patient", `/api/dashboard/episodes/${caseload.patients[0]!.episodeId}`],
] as const) {
  for (let i = 0; i < 20; i++) await get(path);
  const ms: number[] = [];
  for (let i = 0; i < 200; i++) ms.push((await get(path)).ms);
  console.log(
    `${label}: p50 ${q(ms, 0.5).toFixed(1)} ms, p95 ${q(ms, 0.95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
  );
}
await close();
await store.close();
rmSync(dir, { recursive: true, force: true });
