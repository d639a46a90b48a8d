// growth and lagged with a session-level predictor split by level (experience → _wp, _pb, _tm) and a
// therapist-attribute moderator (years → years_tm and its cross-level interaction with the focal slope)
// agree with lme4 + lmerTest. The reference is tools/r/moderated.R, which derives every column with R's
// own code from the long table (fixtures/golden/prn_moderated.csv: simulatePrn({ therapists: 30,
// patients: 100, sessions: 6, seed: 31, experience: {}, therapistAttribute: { name: "years" } }) written
// by prnToCsv), run as `Rscript tools/r/moderated.R fixtures/golden/prn_moderated.csv
// fixtures/golden/recipes/prn_moderated.json`.
// Tolerances: each estimate within 1e-4 relative or 0.002 of its SE (whichever is larger), SEs within
// 0.2%, Satterthwaite df within 2%, and the REML criterion within 1e-6 relative (attune's never worse).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { growth, lagged, preparePrnData, resolveRoles, type ModelRun } from "../src/index.ts";
import { readSimpleCsv } from "./readCsv.ts";

const root = fileURLToPath(new URL("../../../fixtures/golden/", import.meta.url));
type Ref = {
  formula: string;
  nobs: number;
  deviance: number;
  fixef: Record<string, { estimate: number; se: number; df: number; p: number }>;
};
const golden = JSON.parse(readFileSync(`${root}recipes/prn_moderated.json`, "utf8")) as Record<string, Ref>;
const data = preparePrnData(
  readSimpleCsv(`${root}prn_moderated.csv`),
  resolveRoles({ outcome: "wellbeing" }),
);
const options = { predictors: ["experience"], moderators: ["years"] };
const g = growth(data, options);
const l = lagged(data, options);
const models = new Map<string, ModelRun>([...g.models, ...l.models].map((m) => [m.name, m]));

describe.each(Object.keys(golden))("%s with a predictor by level and a moderator matches lme4", (name) => {
  const ref = golden[name]!;
  const model = models.get(name)!;
  const s = model.summary;

  it("fits the same model on the same rows", () => {
    // The same terms (R writes interactions in its own order) and the same number of rows.
    expect(s.fixef.map((f) => f.term).sort()).toEqual(Object.keys(ref.fixef).sort());
    expect(s.nobs).toBe(ref.nobs);
    expect(model.formula).toContain(name === "lagged" ? "alliance_wp:years_tm" : "time:years_tm");
  });

  it("has the REML criterion within 1e-6 relative, never worse", () => {
    expect(s.deviance).toBeLessThanOrEqual(ref.deviance + 1e-6 * Math.abs(ref.deviance));
    expect(Math.abs(s.deviance - ref.deviance) / Math.abs(ref.deviance)).toBeLessThanOrEqual(1e-6);
  });

  it("has estimates within 1e-4 relative or 0.002 SE, SEs within 0.2%, df within 2%", () => {
    for (const f of s.fixef) {
      const r = ref.fixef[f.term]!;
      const tol = Math.max(1e-4 * Math.abs(r.estimate), 0.002 * r.se);
      expect(Math.abs(f.estimate - r.estimate), f.term).toBeLessThanOrEqual(tol);
      expect(Math.abs(f.se - r.se) / r.se, f.term).toBeLessThanOrEqual(0.002);
      expect(Math.abs(f.df - r.df) / r.df, f.term).toBeLessThanOrEqual(0.02);
    }
  });
});

it("names the cross-level interactions and every predictor part", () => {
  expect(Object.keys(g.effects ?? {})).toEqual(
    expect.arrayContaining([
      "growth_patient: time × years",
      "growth_patient: experience within patient",
      "growth_patient: experience between patients",
      "growth_patient: experience between therapists",
    ]),
  );
  const ix = l.effects?.["lagged: alliance_wp × years"];
  expect(ix?.estimate).toBeCloseTo(golden["lagged"]!.fixef["alliance_wp:years_tm"]!.estimate, 4);
});
