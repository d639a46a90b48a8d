import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runRecipes, type RecipeResult } from "../src/index.ts";
import { readSimpleCsv } from "./readCsv.ts";

// lme4 + lmerTest results of tools/r/recipes.R (outcome `wellbeing`) on fixtures/golden/prn_small.csv, on a
// network simulated by `attune simulate --seed 1` (prn_sim_seed1.csv), and on a larger one (`--seed 7
// --therapists 60 --patients-per-therapist 5 --sessions 8`) with a therapist-level column `experience`
// ((therapist number × 7) mod 13 + 1 years) moderating the therapist slopes (prn_moderator.csv; R script
// run with the third argument `experience`).
const root = fileURLToPath(new URL("../../../fixtures/golden/", import.meta.url));
type Golden = Record<
  string,
  {
    center?: number;
    moderator_center?: number;
    nobs: number;
    deviance: number;
    fixef: Record<string, { estimate: number; se: number; df: number; p: number }>;
    varcorr?: { grp: string; var1: string | null; var2: string | null; sdcor: number }[];
    surface?: Record<string, { estimate: number; se: number; z: number; p: number }>;
    surface_by_arm?: Record<string, Record<string, { estimate: number; se: number; z: number; p: number }>>;
    surface_difference?: Record<string, { estimate: number; se: number; z: number; p: number }>;
  }
>;
describe.each([
  ["prn_small", undefined],
  ["prn_sim_seed1", undefined],
  ["prn_moderator", "experience"],
])("recipes on %s (moderator %s)", (dataset, moderator) => {
  const golden = JSON.parse(readFileSync(`${root}recipes/${dataset}.json`, "utf8")) as Golden;
  const df = readSimpleCsv(`${root}${dataset}.csv`);
  const results: RecipeResult[] = runRecipes("all", df, {
    roles: { outcome: "wellbeing" },
    ...(moderator ? { moderator } : {}),
  });
  const models = new Map(results.flatMap((r) => r.models).map((m) => [m.name, m]));
  describe.each(Object.keys(golden))("model %s matches lme4", (name) => {
    const ref = golden[name]!;
    const model = models.get(name)!;
    const s = model.summary;

    it("uses the same rows and has a REML criterion no worse than lme4's", () => {
      expect(s.nobs).toBe(ref.nobs);
      expect(s.deviance).toBeLessThanOrEqual(ref.deviance + 1e-6);
    });

    it("has fixed effects within 0.2% of an SE, SEs within 0.2%, Satterthwaite df within 2%", () => {
      expect(s.fixef.map((f) => f.term).sort()).toEqual(Object.keys(ref.fixef).sort());
      for (const f of s.fixef) {
        const r = ref.fixef[f.term]!;
        expect(Math.abs(f.estimate - r.estimate), f.term).toBeLessThanOrEqual(0.002 * r.se);
        expect(Math.abs(f.se - r.se) / r.se, f.term).toBeLessThanOrEqual(0.002);
        expect(Math.abs(f.df - r.df) / r.df, f.term).toBeLessThanOrEqual(0.02);
      }
    });

    it("has random-effect SDs within 0.2%", () => {
      for (const v of ref.varcorr ?? []) {
        if (v.var2 !== null) continue;
        const mine = s.varcorr.find(
          (e) =>
            e.group === v.grp && "sd" in e && (v.grp === "Residual" || ("term" in e && e.term === v.var1)),
        );
        expect(mine, `${v.grp} ${v.var1}`).toBeDefined();
        const sd = mine && "sd" in mine ? mine.sd : Number.NaN;
        // Boundary SDs (lme4 ≈ 0) are compared on the residual scale.
        const tol = Math.max(0.002 * v.sdcor, 1e-3 * s.sigma);
        expect(Math.abs(sd - v.sdcor), `${v.grp} ${v.var1}`).toBeLessThanOrEqual(tol);
      }
    });

    if (ref.center !== undefined) {
      it("centres on the same constant", () => {
        const r = results.find((x) => x.models.some((m) => m.name === name))!;
        expect("center" in r && r.center).toBeCloseTo(ref.center!, 12);
      });
    }

    if (ref.moderator_center !== undefined) {
      it("centres the moderator over therapists as R does, and combines each therapist's slope", () => {
        const r = results.find((x) => x.recipe === "therapist-slopes")!;
        if (r.recipe !== "therapist-slopes" || !r.moderator) throw new Error("no moderated slopes");
        expect(r.moderator.center).toBeCloseTo(ref.moderator_center!, 12);
        const int = ref.fixef["alliance_wp:experience_c"]!;
        expect(Math.abs(r.moderator.interaction.estimate - int.estimate)).toBeLessThanOrEqual(0.002 * int.se);
        // A therapist's slope = fixed slope + interaction × (their experience − centre) + conditional mode:
        // the spread of the fixed parts across therapists must show in the slopes' fixed component.
        const experience = new Map<string, number>();
        const tcol = df.columns.get("therapist")!.values as readonly string[];
        const ecol = df.columns.get("experience")!.values as Float64Array;
        tcol.forEach((t, i) => experience.set(t, ecol[i]!));
        const mean = r.therapists.reduce((s, t) => s + t.estimate, 0) / r.therapists.length;
        const meanExp =
          r.therapists.reduce((s, t) => s + experience.get(t.unit)!, 0) / r.therapists.length -
          r.moderator.center;
        expect(mean).toBeCloseTo(ref.fixef["alliance_wp"]!.estimate + int.estimate * meanExp, 2);
      });
    }

    if (ref.surface_difference) {
      it("has a1..a5 per arm and their difference (delta method) within tolerance", () => {
        const r = results.find((x) => x.recipe === "rsa")!;
        if (r.recipe !== "rsa" || !r.moderated?.difference) throw new Error("no moderated surface");
        expect(r.moderated.difference.contrast).toBe("1 − 0");
        const check = (
          mine: Record<string, { estimate: number; se: number; z: number }>,
          g: NonNullable<typeof ref.surface_difference>,
        ) => {
          for (const [k, v] of Object.entries(g)) {
            const a = mine[k]!;
            expect(Math.abs(a.estimate - v.estimate), k).toBeLessThanOrEqual(0.002 * v.se);
            expect(Math.abs(a.se - v.se) / v.se, k).toBeLessThanOrEqual(0.002);
            expect(Math.abs(a.z - v.z), k).toBeLessThanOrEqual(0.01);
          }
        };
        check(r.moderated.difference as never, ref.surface_difference!);
        for (const [arm, g] of Object.entries(ref.surface_by_arm ?? {}))
          check(r.moderated.byArm[arm] as never, g);
      });
    }

    if (ref.surface) {
      it("has surface parameters a1..a5 within tolerance", () => {
        const r = results.find((x) => x.recipe === "rsa")!;
        if (r.recipe !== "rsa") throw new Error("no rsa result");
        for (const [k, g] of Object.entries(ref.surface!)) {
          const a = r.surface[k as "a1"];
          expect(Math.abs(a.estimate - g.estimate), k).toBeLessThanOrEqual(0.002 * g.se);
          expect(Math.abs(a.se - g.se) / g.se, k).toBeLessThanOrEqual(0.002);
          expect(Math.abs(a.z - g.z), k).toBeLessThanOrEqual(0.01);
        }
      });
    }
  });
});
