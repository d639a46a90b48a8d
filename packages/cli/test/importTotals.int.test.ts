// Form totals from the built CLI, as a network importing its history would type it: `attune import
// long-csv` of a file with a phq9 column (totals, no item answers), `attune export long-csv`, then
// `attune analyze growth --outcome phq9` on the export fits exactly what the original file fits, PHQ-9
// read lower-is-better; on SQLite and, when ATTUNE_TEST_PG_URL is set, PostgreSQL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const PRN = join(ROOT, "fixtures/golden/prn_small.csv");
const dir = mkdtempSync(join(tmpdir(), "attune-totals-"));

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Part of the golden PRN file with a PHQ-9 total that falls as well-being rises (0–27, three decimals). */
function withPhq9(): string {
  const [head, ...rows] = readFileSync(PRN, "utf8").trim().split("\n");
  const cols = head!.split(",").map((h) => h.replace(/"/g, ""));
  const w = cols.indexOf("wellbeing");
  // The first 12 therapists (about 200 rows): enough for the growth model, short enough for a CI run.
  const kept = rows.filter((line) => Number(/^"?T(\d+)/.exec(line)?.[1] ?? 99) <= 12);
  const out = kept.map((line) => {
    const cells = line.split(",");
    const phq = Math.min(27, Math.max(0, (27 * (5 - Number(cells[w]))) / 4));
    return `${line},${Math.round(phq * 1000) / 1000}`;
  });
  return [`${head},phq9`, ...out].join("\n") + "\n";
}

const databases: [string, string][] = [["sqlite", join(dir, "attune.sqlite")]];
if (process.env["ATTUNE_TEST_PG_URL"]) databases.push(["postgres", process.env["ATTUNE_TEST_PG_URL"]]);

describe("attune import long-csv with form totals", () => {
  const source = join(dir, "history.csv");
  writeFileSync(source, withPhq9());
  const direct = attune("analyze", "growth", "--data", source, "--outcome", "phq9", "--json");

  it.each(databases)(
    "imports phq9 totals, exports them, and growth --outcome phq9 fits the same (%s)",
    (_, db) => {
      expect(direct.stderr).toBe("");
      const network = `totals-${Date.now()}`;
      const imp = attune("import", "long-csv", source, "--database", db, "--network", network, "--json");
      expect(imp.code, imp.stderr).toBe(0);
      const report = JSON.parse(imp.stdout) as {
        ok: boolean;
        warnings?: string[];
        created: { responses: number };
      };
      expect(report.ok).toBe(true);
      expect((report.warnings ?? []).filter((w) => /phq9/.test(w))).toEqual([]);
      const out = join(dir, `${network}.csv`);
      const exp = attune("export", "long-csv", "--database", db, "--network", network, "--out", out);
      expect(exp.code, exp.stderr).toBe(0);
      const fit = attune("analyze", "growth", "--data", out, "--outcome", "phq9", "--json");
      expect(fit.code, fit.stderr).toBe(0);
      const a = JSON.parse(direct.stdout) as {
        outcome: { column: string; direction: string };
        models: Record<string, { fixef: { term: string; estimate: number; se: number }[] }>;
      };
      const b = JSON.parse(fit.stdout) as typeof a;
      expect(b.outcome).toEqual({ column: "phq9", direction: "lower-is-better" });
      expect(Object.keys(b.models)).toEqual(Object.keys(a.models));
      for (const [name, m] of Object.entries(a.models))
        m.fixef.forEach((f, i) => {
          const g = b.models[name]!.fixef[i]!;
          expect(g.term).toBe(f.term);
          expect(g.estimate).toBeCloseTo(f.estimate, 9);
          expect(g.se).toBeCloseTo(f.se, 9);
        });
    },
    // Three commands that each open the store (PostgreSQL: slower under load).
    180_000,
  );
});
