// Runs the built `attune feedback` as a user would (npm test builds first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { prnToCsv, simulatePrn } from "@attune/core";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const dir = mkdtempSync(join(tmpdir(), "attune-feedback-"));
const SCALES = ["--alliance-scale", "1-5", "--therapist-alliance-scale", "1-5", "--outcome-scale", "1-5"];

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("attune feedback", () => {
  const csv = join(dir, "sessions.csv");
  // Rows shuffled: the command must not rely on their order.
  const sim = simulatePrn({ seed: 5, sessions: 10 });
  const lines = prnToCsv(sim.rows, "outcome").trim().split("\n");
  writeFileSync(csv, [lines[0], ...lines.slice(1).reverse()].join("\n") + "\n");

  it("prints alerts and the calibration as JSON", () => {
    const r = attune("feedback", "--data", csv, ...SCALES, "--outcome-higher-is-better", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      alerts: { patient: string; session: number; kind: string }[];
      calibration: {
        rupture: { zThreshold: number };
        notOnTrack: { status: string; shortEpisodes: boolean; episodeFpr: number; centreShift: number[] };
        budget: { notOnTrackShortEpisodeFpr: number };
        sessions: number;
      };
    };
    expect(j.calibration.sessions).toBe(sim.rows.length);
    expect(j.calibration.notOnTrack.status).toBe("network");
    // Ten sessions: a short treatment, so the short-treatment target applies; the band's centre per session.
    expect(j.calibration.notOnTrack.shortEpisodes).toBe(true);
    expect(j.calibration.notOnTrack.episodeFpr).toBe(j.calibration.budget.notOnTrackShortEpisodeFpr);
    expect(j.calibration.notOnTrack.centreShift).toHaveLength(11);
    const kinds = new Set(j.alerts.map((a) => a.kind));
    expect([...kinds].every((k) => ["rupture", "not-on-track", "incongruence"].includes(k))).toBe(true);
    expect(kinds.has("rupture")).toBe(true);
    const onsets = new Set(sim.truth.ruptures.map((o) => `${o.patient}:${o.session}`));
    const hits = j.alerts.filter(
      (a) =>
        a.kind === "rupture" &&
        (onsets.has(`${a.patient}:${a.session}`) || onsets.has(`${a.patient}:${a.session - 1}`)),
    );
    expect(hits.length / j.alerts.filter((a) => a.kind === "rupture").length).toBeGreaterThan(0.5);
  });

  it("prints a table per therapist without --json", () => {
    const r = attune("feedback", "--data", csv, ...SCALES);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Calibration on \d+ sessions/);
    expect(r.stdout).toMatch(/Therapist T\d+: \d+ alerts?\n {2}patient {2}session/);
  });

  it("names the row and column of bad input, and bad flags", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      "therapist,patient,session,alliance_patient,alliance_therapist,outcome\nT1,P1,1,4,4,3\nT1,P1,2,6,4,3\n",
    );
    const r = attune("feedback", "--data", bad, ...SCALES, "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'attune: row 2 (line 3), column "alliance_patient": 6 is outside the declared scale 1–5 (--alliance-scale)\n',
    );
    const s = attune(
      "feedback",
      "--data",
      bad,
      "--alliance-scale",
      "5-1",
      "--therapist-alliance-scale",
      "1-5",
      "--outcome-scale",
      "1-5",
    );
    expect(s.stderr).toBe("attune: --alliance-scale: max 1 is not above min 5\n");
    const both = attune(
      "feedback",
      "--data",
      csv,
      ...SCALES,
      "--outcome-higher-is-better",
      "--outcome-lower-is-better",
    );
    expect(both.stderr).toMatch(/not both/);
  });
});
