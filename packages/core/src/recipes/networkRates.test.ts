import { dataFrameFromRows } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { networkRates } from "./networkRates.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";

// 8 therapists (4 per arm, 2 sites) × 3 patients of a symptom score (lower is better). Patient p of
// therapist t changes by −12 (reliable improvement with --rci 8), +9 (reliable deterioration) or −5 (no
// reliable change) from its first to its last rated session; the last patient of each therapist has one
// rated session only (no change can be said). Therapist t's first patient ended as a dropout when t is
// even, as completed otherwise; the others are still open.
const CHANGES = [-12, 9, -5];
function rows(): string[][] {
  const out: string[][] = [];
  for (let t = 0; t < 8; t++) {
    for (let p = 0; p < 3; p++) {
      const base = 14 + ((t + p) % 5);
      const change = CHANGES[(t + p) % 3] as number;
      const end = p === 0 ? (t % 2 === 0 ? "dropout" : "completed") : "NA";
      for (let s = 1; s <= 3; s++) {
        const score = p === 2 && s > 1 ? "NA" : String(s === 1 ? base : base + (change * (s - 1)) / 2);
        out.push([
          `T${t}`,
          `P${t}_${p}`,
          String(t % 2),
          `site${t % 4 < 2 ? "A" : "B"}`,
          String(s),
          "4",
          score,
          end,
        ]);
      }
    }
  }
  return out;
}
const header = [
  "therapist",
  "patient",
  "condition",
  "site",
  "session",
  "alliance_patient",
  "outcome",
  "end_reason",
];

/** The same counts, by brute force over the generating rule. */
function expected(filter: (t: number) => boolean, flip = false) {
  let improved = 0;
  let deteriorated = 0;
  let noChange = 0;
  let ended = 0;
  let dropout = 0;
  for (let t = 0; t < 8; t++) {
    if (!filter(t)) continue;
    ended++;
    if (t % 2 === 0) dropout++;
    for (let p = 0; p < 2; p++) {
      const c = (flip ? -1 : 1) * (CHANGES[(t + p) % 3] as number);
      if (c <= -8) improved++;
      else if (c >= 8) deteriorated++;
      else noChange++;
    }
  }
  return { improved, deteriorated, noChange, ended, dropout };
}

describe("network rates", () => {
  const data = (direction: "lower-is-better" | "higher-is-better") =>
    preparePrnData(dataFrameFromRows(header, rows()), resolveRoles(), { outcomeDirection: direction });

  it("counts reliable improvement, no change, deterioration and dropout overall, by arm and by site", () => {
    const r = networkRates(data("lower-is-better"), { rci: 8, by: ["condition", "site"] });
    expect(r.overall).toMatchObject({ patients: 24, rated: 16, ...expected(() => true) });
    expect(r.overall.improvedRate).toBeCloseTo(expected(() => true).improved / 16, 12);
    expect(r.overall.dropoutRate).toBe(0.5);
    expect(r.by["condition"]!.map((g) => g.group)).toEqual(["0", "1"]);
    expect(r.by["condition"]![0]).toMatchObject({ ...expected((t) => t % 2 === 0), dropoutRate: 1 });
    expect(r.by["condition"]![1]).toMatchObject({ ...expected((t) => t % 2 === 1), dropoutRate: 0 });
    expect(r.by["site"]![1]).toMatchObject({ group: "siteB", ...expected((t) => t % 4 >= 2) });
  });

  it("respects lower-is-better: the same scores read as higher-is-better swap improvement and deterioration", () => {
    const lower = networkRates(data("lower-is-better"), { rci: 8 }).overall;
    const higher = networkRates(data("higher-is-better"), { rci: 8 }).overall;
    expect(higher).toMatchObject(expected(() => true, true));
    expect([higher.improved, higher.deteriorated]).toEqual([lower.deteriorated, lower.improved]);
    expect(higher.improved).not.toBe(lower.improved);
  });

  it("says when dropout cannot be computed (no end reasons recorded)", () => {
    const noEnd = preparePrnData(
      dataFrameFromRows(
        header.slice(0, -1),
        rows().map((r) => r.slice(0, -1)),
      ),
      resolveRoles(),
      { outcomeDirection: "lower-is-better" },
    );
    const r = networkRates(noEnd, { rci: 8 });
    expect(r.overall).toMatchObject({ ended: 0, dropoutRate: null });
    expect(r.notes[1]).toMatch(/no "end_reason" column/);
  });
});

describe("network rates on the simulator's end reasons", () => {
  it("finds exactly the patients the dropout hazard stopped early, by arm", async () => {
    const { simulatePrn, prnToCsv } = await import("../simulate/index.ts");
    const sim = simulatePrn({ therapists: 20, seed: 7, dropout: 0.15, endReasons: true });
    const lines = prnToCsv(sim.rows, "outcome").trim().split("\n");
    const head = lines[0]!.split(",");
    expect(head).toContain("end_reason");
    const data = preparePrnData(
      dataFrameFromRows(
        head,
        lines.slice(1).map((l) => l.split(",")),
      ),
      resolveRoles(),
      { outcomeDirection: "higher-is-better" },
    );
    const r = networkRates(data, { by: ["condition"] });
    // Independently: a patient dropped out when their last session is before the planned sixth.
    const last = new Map<string, { arm: string; session: number }>();
    for (const row of sim.rows)
      last.set(row.patient, {
        arm: String(row.condition),
        session: Math.max(row.session, last.get(row.patient)?.session ?? 0),
      });
    for (const arm of ["0", "1"]) {
      const mine = [...last.values()].filter((p) => p.arm === arm);
      const g = r.by["condition"]!.find((x) => x.group === arm)!;
      expect(g.ended).toBe(mine.length);
      expect(g.dropout).toBe(mine.filter((p) => p.session < 6).length);
    }
    expect(r.overall.dropout).toBeGreaterThan(0);
    // Off by default: no end_reason column, and the same draws.
    const plain = simulatePrn({ therapists: 20, seed: 7, dropout: 0.15 });
    expect(plain.rows.map((x) => [x.patient, x.session, x.outcome])).toEqual(
      sim.rows.map((x) => [x.patient, x.session, x.outcome]),
    );
    expect(prnToCsv(plain.rows)).not.toContain("end_reason");
  });
});
