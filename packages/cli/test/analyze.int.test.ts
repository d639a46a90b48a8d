// Runs the built `attune analyze` and `attune simulate` as a user would (npm test builds first).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const PRN = join(ROOT, "fixtures/golden/prn_small.csv");
const dir = mkdtempSync(join(tmpdir(), "attune-analyze-"));

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("attune analyze", () => {
  it("prints the JSON contract of a recipe", () => {
    const r = attune("analyze", "rsa", "--data", PRN, "--outcome", "wellbeing", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.recipe).toBe("rsa");
    expect(Object.keys(j.models)).toEqual(["rsa", "rsa_moderated"]);
    expect(j.models.rsa.fixef.map((f: { term: string }) => f.term)).toContain("XY");
    expect(Object.keys(j.surface)).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(Object.keys(j.surface.a4)).toEqual(["estimate", "se", "z", "p"]);
    expect(j.center).toBeCloseTo(3.90050099800399, 10);
    // one model with the arm interacting with every polynomial term; the difference is arm 1 − arm 0
    expect(Object.keys(j.surfaceDifference)).toEqual(["contrast", "a1", "a2", "a3", "a4", "a5"]);
    expect(j.surfaceDifference.contrast).toBe("1 − 0");
    expect(j.surfaceDifference.a4.estimate).toBeCloseTo(
      j.surfaceModerated["1"].a4.estimate - j.surfaceModerated["0"].a4.estimate,
      12,
    );
    const by = attune("analyze", "rsa", "--data", PRN, "--by", "condition", "--json");
    const jb = JSON.parse(by.stdout);
    expect(Object.keys(jb.models)).toEqual(["rsa", "rsa_0", "rsa_1", "rsa_moderated"]);
    expect(Object.keys(jb.surfaceBy)).toEqual(["0", "1"]);
    expect(jb.surfaceDifference.a1.se).toBeGreaterThan(0);
  });

  it("prints congruence's headline quantities per arm with the arm difference", () => {
    const r = attune("analyze", "congruence", "--data", PRN, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.models)).toEqual(["congruence", "congruence_dyad"]);
    expect(Object.keys(j.quantities)).toEqual(["directionalBias", "temporalCongruence", "betweenDyadForce"]);
    const t = j.quantities.temporalCongruence;
    expect(Object.keys(t.byArm)).toEqual(["0", "1"]);
    expect(Object.keys(t.byArm["1"])).toEqual(["estimate", "se", "df", "p"]);
    expect(Object.keys(t.difference)).toEqual(["contrast", "estimate", "se", "df", "p"]);
    expect(t.difference.contrast).toBe("1 − 0");
    // the difference is the truth_w:condition coefficient of congruence_dyad (numeric 0/1 arm)
    const coef = j.models.congruence_dyad.fixef.find((f: { term: string }) => f.term === "truth_w:condition");
    expect(t.difference.estimate).toBeCloseTo(coef.estimate, 12);
    expect(t.difference.se).toBeCloseTo(coef.se, 12);
    expect(t.byArm["1"].estimate - t.byArm["0"].estimate).toBeCloseTo(t.difference.estimate, 12);
  });

  it("runs all recipes into one report, markdown and R script", () => {
    const html = join(dir, "r.html");
    const md = join(dir, "r.md");
    const rs = join(dir, "check.R");
    const r = attune("analyze", "all", "--data", PRN, "--report", html, "--markdown", md, "--r-script", rs);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Fixed effects of therapist_slopes (Satterthwaite df)");
    expect(readFileSync(html, "utf8")).toContain("<svg");
    expect(readFileSync(md, "utf8")).toContain("## Response surface");
    expect(readFileSync(rs, "utf8")).toContain("m_therapist_slopes <- lmer(");
    expect(existsSync(join(dir, "check-models.csv"))).toBe(true);
  });

  it("gives one clear line for bad input", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      "therapist,patient,condition,session,alliance_patient,alliance_therapist,outcome\nT1,P1,0,1,4,x,3\n",
    );
    const r = attune("analyze", "congruence", "--data", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'attune: column "alliance_therapist" (role alliance_therapist) must be numeric, but row 1 (line 2 of the file) has "x"\n',
    );
    const u = attune("analyze", "nope", "--data", PRN);
    expect(u.stderr).toMatch(/^attune: unknown recipe "nope"/);
    const m = attune("analyze", "rsa", "--data", PRN, "--outcome", "mood");
    expect(m.stderr).toMatch(/^attune: column "mood" \(role outcome\) not found/);
  });
});

const hasLme4 =
  spawnSync("Rscript", ["-e", "library(lme4); library(lmerTest)"], { encoding: "utf8" }).status === 0;

describe("the exported R script", () => {
  it.skipIf(!hasLme4)("refits every model with lme4 to the same REML criterion", () => {
    const rs = join(dir, "roundtrip.R");
    expect(attune("analyze", "all", "--data", PRN, "--outcome", "wellbeing", "--r-script", rs).code).toBe(0);
    const r = spawnSync("Rscript", [rs, join(dir, "roundtrip-models.csv")], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const crit = [...r.stdout.matchAll(/== (\S+): REML criterion lme4 ([\d.]+), attune ([\d.]+)/g)];
    expect(crit.map((m) => m[1])).toEqual([
      "congruence",
      "congruence_dyad",
      "rsa",
      "rsa_moderated",
      "growth_patient",
      "growth_therapist",
      "lagged",
      "therapist_slopes",
    ]);
    for (const m of crit) expect(Number(m[3])).toBeLessThanOrEqual(Number(m[2]) + 1e-3);
  });
});

describe("attune simulate", () => {
  it("writes a deterministic network that analyze reads without flags", () => {
    const args = [
      "simulate",
      "--therapists",
      "10",
      "--patients-per-therapist",
      "3",
      "--sessions",
      "6",
      "--seed",
      "3",
    ];
    const a = attune(...args);
    const b = attune(...args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split("\n")[0]).toBe(
      "therapist,patient,condition,session,alliance_patient,alliance_therapist,wellbeing",
    );
    const file = join(dir, "sim.csv");
    writeFileSync(file, a.stdout);
    const r = attune("analyze", "growth", "--data", file, "--json");
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).models)).toEqual(["growth_patient", "growth_therapist"]);
  });

  it("rejects a bad option value", () => {
    const r = attune("simulate", "--therapists", "many");
    expect(r.stderr).toBe('attune: --therapists must be a number, got "many"\n');
    expect(r.code).toBe(1);
  });
});
