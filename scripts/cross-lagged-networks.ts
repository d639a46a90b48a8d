// Writes the cross-lagged recovery design's simulated networks as small CSVs for
// tools/r/cross-lagged-variants.R (docs/recipes.md, cross-lagged: why the confidence → outcome slope is low).
// Usage: npx tsx scripts/cross-lagged-networks.ts <dir> [networks=30] [sessions=10] [--no-stable-x]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simulatePrn } from "@attune/core";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const noStable = process.argv.includes("--no-stable-x");
const dir = args[0] ?? "cross-lagged-networks";
const n = Number(args[1] ?? 30);
const sessions = Number(args[2] ?? 10);
mkdirSync(dir, { recursive: true });
for (let s = 1; s <= n; s++) {
  // The seeds and options of scripts/recovery-studies.ts's cross-lagged study.
  const rows = simulatePrn({
    therapists: 40,
    patients: 117,
    sessions,
    dropout: 0.02,
    seed: 600000 + s,
    wellbeing: { between: 0, stableLevel: false, a1: 0, a3: 0, a4: 0 },
    process2: { name: "confidence", ...(noStable ? { patientSd: 0 } : {}) },
  }).rows;
  const lines = ["therapist,patient,session,outcome,x"];
  for (const r of rows)
    lines.push([r.therapist, r.patient, r.session, r.outcome, r.extra?.["confidence"]].join(","));
  writeFileSync(join(dir, `net_${s}.csv`), lines.join("\n") + "\n");
}
