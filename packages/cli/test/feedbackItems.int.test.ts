// `attune feedback --rupture-statistic items` on a network whose CSV carries the patient form's item
// answers (the second simulator's), run as a user would (npm test builds first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { network2Csv, simulateNetwork2, SCENARIOS } from "../../core/src/simulate2/index.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const dir = mkdtempSync(join(tmpdir(), "attune-feedback-items-"));
const scenario = SCENARIOS[0]!;
const net = simulateNetwork2(scenario, 7);
const SCALES = [
  "--alliance-scale",
  `1-${scenario.alliancePoints}`,
  "--therapist-alliance-scale",
  `1-${scenario.alliancePoints}`,
  "--outcome-scale",
  `0-${scenario.outcomePoints - 1}`,
];

interface Out {
  alerts: { patient: string; session: number; kind: string }[];
  calibration: { rupture: { statistic: string; zThreshold: number } };
}
function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "feedback", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("attune feedback --rupture-statistic", () => {
  const csv = join(dir, "items.csv");
  const text = network2Csv(net);
  writeFileSync(csv, text);

  it("reads the item answers when asked, with the item model's bar; the mean otherwise or without items", () => {
    const items = attune("--data", csv, ...SCALES, "--rupture-statistic", "items", "--json");
    expect(items.stderr).toBe("");
    const j = JSON.parse(items.stdout) as Out;
    expect(j.calibration.rupture.statistic).toBe("items");
    const mean = JSON.parse(attune("--data", csv, ...SCALES, "--json").stdout) as Out;
    expect(mean.calibration.rupture.statistic).toBe("mean");
    expect(j.calibration.rupture.zThreshold).not.toBeCloseTo(mean.calibration.rupture.zThreshold, 3);
    // The item rule's rupture alerts lie within a true rupture or the session after it...
    const within = new Set(
      net.truth.ruptures.flatMap((r) =>
        Array.from({ length: r.duration + 2 }, (_, k) => `${r.patient}:${r.session + k}`),
      ),
    );
    const ruptures = j.alerts.filter((a) => a.kind === "rupture");
    expect(ruptures.length).toBeGreaterThan(10);
    const hits = ruptures.filter((a) => within.has(`${a.patient}:${a.session}`)).length;
    // Far more of them than the share of sessions that lie there (alerts at random would match it).
    const later = net.rows.filter((r) => r.session > 1);
    const chance = later.filter((r) => within.has(`${r.patient}:${r.session}`)).length / later.length;
    expect(hits / ruptures.length).toBeGreaterThan(2 * chance);
    // A CSV without the item columns falls back to the mean statistic.
    const header = (text.split("\n")[0] as string).split(",");
    const keep = header.map((h, i) => (h.includes("_item") ? -1 : i)).filter((i) => i >= 0);
    const noItems = join(dir, "scores.csv");
    writeFileSync(
      noItems,
      text
        .trim()
        .split("\n")
        .map((l) => keep.map((i) => l.split(",")[i]).join(","))
        .join("\n") + "\n",
    );
    const fallback = attune("--data", noItems, ...SCALES, "--rupture-statistic", "items", "--json");
    expect(fallback.stderr).toBe("");
    expect((JSON.parse(fallback.stdout) as Out).calibration.rupture.statistic).toBe("mean");
  }, 120_000);

  it("names a statistic it does not know", () => {
    const r = attune("--data", csv, ...SCALES, "--rupture-statistic", "median");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--rupture-statistic: "median"');
  });
});
