// The network's outcome rates over HTTP, on each dialect: what a coordinator imports (scores and episode
// ends) comes back as counts and shares by arm and by site that match a brute-force count of the same
// rows; a symptom-like direction is the score column's; researchers get counts only (no codes).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RatesOut } from "@attune/api";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";

// Therapist t (arm t % 2) has patients p = 0..2; well-being goes from 2 to 2 + CHANGE over 3 sessions.
const CHANGE = [2, -2, 0.1];
function csv(): string {
  const lines = [
    "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing,end_date,end_reason",
  ];
  for (let t = 0; t < 6; t++)
    for (let p = 0; p < 3; p++)
      for (let s = 1; s <= 3; s++) {
        const w = 2 + ((CHANGE[(t + p) % 3] as number) * (s - 1)) / 2 + (p === 0 ? 0.4 * t : 0);
        const end = p === 1 ? `2026-01-0${1 + (t % 5)},${t % 2 === 0 ? "dropout" : "completed"}` : ",";
        lines.push(`RT${t},RP${t}_${p},${s},${t % 2},4,4,${w.toFixed(3)},${end}`);
      }
  return lines.join("\n") + "\n";
}

describeEachDialect("network rates (API)", (dialect) => {
  let h: Harness;
  let researcher: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    const coordinator = await h.signIn(h.a.emails.coordinator);
    const imp = await coordinator.request("POST", "/api/import/long-csv?study=rates", csv(), {
      "content-type": "text/csv",
    });
    if (imp.status !== 200) throw new Error(`import: ${imp.status} ${await imp.text()}`);
    researcher = await h.signIn(h.a.emails.researcher);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("gives reliable improvement, no change, deterioration and dropout by arm, matching a count of the rows", async () => {
    const studies = (await (await researcher.request("GET", "/api/studies")).json()) as {
      studies: { id: string; name: string }[];
    };
    const study = studies.studies.find((s) => s.name === "rates")!;
    const res = await researcher.request("GET", `/api/rates?study=${study.id}&reliability=0.9`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as RatesOut;
    expect(r).toMatchObject({ outcome: "wellbeing", direction: "higher-is-better" });
    // Brute force with the threshold the server used.
    for (const arm of [0, 1]) {
      let improved = 0;
      let deteriorated = 0;
      let noChange = 0;
      for (let t = arm; t < 6; t += 2)
        for (let p = 0; p < 3; p++) {
          const c = CHANGE[(t + p) % 3] as number;
          if (c > r.threshold) improved++;
          else if (c < -r.threshold) deteriorated++;
          else noChange++;
        }
      expect(r.byArm.find((g) => g.group === String(arm))).toMatchObject({
        patients: 9,
        rated: 9,
        improved,
        deteriorated,
        noChange,
        ended: 3,
        dropout: arm === 0 ? 3 : 0,
        dropoutRate: arm === 0 ? 1 : 0,
      });
    }
    expect(r.threshold).toBeGreaterThan(0.1);
    expect(r.threshold).toBeLessThan(2);
    expect(r.bySite).toEqual([expect.objectContaining({ group: "no site", patients: 18 })]);
    expect(JSON.stringify(r)).not.toMatch(/RP\d|RT\d/);
    const bad = await researcher.request("GET", "/api/rates?outcome=alliance_therapist");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/alliance_therapist.* is not a patient-rated score of the long table/);
  });
});
