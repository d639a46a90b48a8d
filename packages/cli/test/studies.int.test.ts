// The study recipes (raters, cross-lagged, ruptures, modality) from the built CLI, on a simulated network
// with the extra columns the studies collect; each exported R script refits its models with lme4.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRng, simulatePrn } from "@attune/core";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const dir = mkdtempSync(join(tmpdir(), "attune-studies-"));

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// 30 therapists, 100 patients (uneven caseloads), 8 sessions; observer-coded rupture intensity (high in
// the sessions where the simulator put a rupture), a modality that therapists use in different shares,
// and a confidence score that follows well-being (lower is worse), plus PHQ-9-like symptoms.
const sim = simulatePrn({ therapists: 30, patients: 100, sessions: 8, seed: 11 });
const rng = createRng(99);
const onset = new Set(sim.truth.ruptures.map((r) => `${r.patient}|${r.session}`));
const share = new Map<string, number>();
const cell = (v: number) => (Number.isNaN(v) ? "" : v.toFixed(4));
const lines = [
  "therapist,patient,condition,session,alliance_patient,alliance_therapist,wellbeing,phq9,confidence,rupture_confrontation,rupture_withdrawal,modality",
  ...sim.rows.map((r) => {
    if (!share.has(r.therapist)) share.set(r.therapist, rng.uniform());
    const u = rng.uniform();
    const s = share.get(r.therapist)!;
    const modality = u < s * 0.6 ? "video" : u < s * 0.8 ? "phone" : "in person";
    const rupture = onset.has(`${r.patient}|${r.session}`) ? 2 + rng.uniform() : 0.5 * rng.uniform();
    const confidence = 0.5 * r.outcome + 1 + 0.4 * rng.normal();
    const phq9 = 27 - 5 * r.outcome + 2 * rng.normal();
    return [
      r.therapist,
      r.patient,
      r.condition,
      r.session,
      cell(r.alliance_patient),
      cell(r.alliance_therapist),
      cell(r.outcome),
      cell(phq9),
      cell(confidence),
      cell(rupture),
      cell(0.5 * rng.uniform()),
      modality,
    ].join(",");
  }),
];
const DATA = join(dir, "studies.csv");
writeFileSync(DATA, lines.join("\n") + "\n");

const hasLme4 =
  spawnSync("Rscript", ["-e", "library(lme4); library(lmerTest)"], { encoding: "utf8" }).status === 0;

describe.each([
  ["raters", [], ["raters"]],
  ["cross-lagged", ["--process2", "confidence"], ["cross_lagged"]],
  [
    "cross-lagged",
    ["--process2", "confidence", "--cross-lagged-model", "separate"],
    ["cross_lagged_outcome", "cross_lagged_confidence"],
  ],
  ["ruptures", [], ["ruptures_alliance", "ruptures_outcome"]],
  ["modality", [], ["modality_alliance", "modality_outcome"]],
] as const)("attune analyze %s", (recipe, flags, models) => {
  it("prints its models and named effects as JSON", () => {
    const r = attune("analyze", recipe, "--data", DATA, "--outcome", "wellbeing", ...flags, "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.models)).toEqual(models);
    expect(Object.keys(j.effects).length).toBeGreaterThan(1);
    for (const e of Object.values(j.effects) as { se: number }[]) expect(e.se).toBeGreaterThan(0);
    expect(j.outcome).toEqual({ column: "wellbeing", direction: "higher-is-better" });
  });

  it.skipIf(!hasLme4)(
    "writes an R script whose lme4 fits agree (REML criterion, estimates within 0.2% of an SE)",
    () => {
      const rs = join(dir, `${[recipe, ...flags].join("_").replace(/[^\w-]/g, "")}.R`);
      const r = attune(
        "analyze",
        recipe,
        "--data",
        DATA,
        "--outcome",
        "wellbeing",
        ...flags,
        "--r-script",
        rs,
      );
      expect(r.code).toBe(0);
      const out = spawnSync("Rscript", [rs, rs.replace(/\.R$/, "-models.csv")], { encoding: "utf8" });
      expect(out.status).toBe(0);
      const crit = [...out.stdout.matchAll(/== (\S+): REML criterion lme4 ([\d.]+), attune ([\d.]+)/g)];
      expect(crit.map((m) => m[1])).toEqual(models);
      for (const m of crit) expect(Number(m[3])).toBeLessThanOrEqual(Number(m[2]) + 1e-3);
      const agree = [
        ...out.stdout.matchAll(
          /== (\S+): largest \|lme4 - attune\| \/ SE ([\d.e+-]+), largest SE ratio - 1 ([\d.e+-]+)/g,
        ),
      ];
      expect(agree.map((m) => m[1])).toEqual(models);
      for (const m of agree) {
        expect(Number(m[2]), m[1]).toBeLessThan(0.002);
        expect(Number(m[3]), m[1]).toBeLessThan(0.002);
      }
    },
  );
});

describe("attune analyze cross-lagged --cross-lagged-model", () => {
  it("refuses a model it does not know, naming the value", () => {
    const r = attune(
      "analyze",
      "cross-lagged",
      "--data",
      DATA,
      "--process2",
      "confidence",
      "--cross-lagged-model",
      "joint",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--cross-lagged-model must be "stacked" or "separate", got "joint"');
  });
});

// The long table's rupture columns as the coding form fills them: each type's presence (0/1) and
// intensity (0 when absent, else the coder's 1–5). A rupture onset is coded 3–5, other sessions mostly
// none; some sessions coded both types before per-type intensities existed (presence only: intensity
// empty). Without --ruptures the recipe reads the intensity columns, and lme4 agrees.
describe("attune analyze ruptures on per-type intensity", () => {
  const file = join(dir, "rupture-intensity.csv");
  const coding = createRng(7);
  let oldBoth = 0;
  writeFileSync(
    file,
    [
      "therapist,patient,condition,session,alliance_patient,wellbeing,rupture_withdrawal,rupture_confrontation,rupture_withdrawal_intensity,rupture_confrontation_intensity",
      ...sim.rows.map((r) => {
        const u = coding.uniform();
        const peak = onset.has(`${r.patient}|${r.session}`) ? 3 + coding.int(3) : 1 + coding.int(2);
        const type = onset.has(`${r.patient}|${r.session}`) || u < 0.1 ? 1 + coding.int(3) : 0;
        const w = type === 1 || type === 3 ? 1 : 0;
        const c = type === 2 || type === 3 ? 1 : 0;
        const old = type === 3 && coding.uniform() < 0.3;
        if (old) oldBoth++;
        const wi = old ? "" : String(w * (type === 3 ? 1 + coding.int(peak) : peak));
        const ci = old ? "" : String(c * peak);
        return [
          r.therapist,
          r.patient,
          r.condition,
          r.session,
          cell(r.alliance_patient),
          cell(r.outcome),
          w,
          c,
          wi,
          ci,
        ].join(",");
      }),
    ].join("\n") + "\n",
  );
  const models = ["ruptures_alliance", "ruptures_outcome"];

  it("reads each type's intensity rather than its presence", () => {
    const r = attune("analyze", "ruptures", "--data", file, "--outcome", "wellbeing", "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout) as { effects: Record<string, { estimate: number; se: number }> };
    expect(Object.keys(j.effects)).toEqual([
      "ruptures_alliance: rupture_withdrawal_intensity within",
      "ruptures_alliance: rupture_withdrawal_intensity between",
      "ruptures_alliance: rupture_confrontation_intensity within",
      "ruptures_alliance: rupture_confrontation_intensity between",
      "ruptures_outcome: rupture_withdrawal_intensity within",
      "ruptures_outcome: rupture_withdrawal_intensity between",
      "ruptures_outcome: rupture_confrontation_intensity within",
      "ruptures_outcome: rupture_confrontation_intensity between",
    ]);
    // the simulated ruptures lower the alliance; a stronger coded rupture goes with a lower alliance
    expect(j.effects["ruptures_alliance: rupture_confrontation_intensity within"]!.estimate).toBeLessThan(0);
  });

  it("warns, with their count and what to do, that old codings of both types were left out", () => {
    expect(oldBoth).toBeGreaterThan(3);
    const said = `ruptures: ${oldBoth} coded sessions left out for lack of an intensity by type (coded "both" before per-type intensities, observer form 0.1.0); re-code them with the current observer form`;
    const r = attune("analyze", "ruptures", "--data", file, "--outcome", "wellbeing", "--json");
    const j = JSON.parse(r.stdout) as { models: Record<string, { warnings?: string[] }> };
    for (const m of models) expect(j.models[m]!.warnings?.join("\n"), m).toContain(said);
    const text = attune("analyze", "ruptures", "--data", file, "--outcome", "wellbeing");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(said);
    // Without the old codings (rows ending in two empty intensities) there is no such warning.
    const full = join(dir, "rupture-intensity-full.csv");
    const kept = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => !l.endsWith(",,"));
    writeFileSync(full, kept.join("\n"));
    const r2 = attune("analyze", "ruptures", "--data", full, "--outcome", "wellbeing", "--json");
    expect(r2.code).toBe(0);
    expect(r2.stdout).not.toContain("left out for lack of an intensity");
  });

  it.skipIf(!hasLme4)("writes an R script whose lme4 fits agree", () => {
    const rs = join(dir, "rupture-intensity.R");
    const r = attune("analyze", "ruptures", "--data", file, "--outcome", "wellbeing", "--r-script", rs);
    expect(r.code).toBe(0);
    const out = spawnSync("Rscript", [rs, join(dir, "rupture-intensity-models.csv")], { encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(readFileSync(rs, "utf8")).toContain("rupture_withdrawal_intensity_wp");
    const crit = [...out.stdout.matchAll(/== (\S+): REML criterion lme4 ([\d.]+), attune ([\d.]+)/g)];
    expect(crit.map((m) => m[1])).toEqual(models);
    for (const m of crit) expect(Number(m[3])).toBeLessThanOrEqual(Number(m[2]) + 1e-3);
    const agree = [
      ...out.stdout.matchAll(
        /== (\S+): largest \|lme4 - attune\| \/ SE ([\d.e+-]+), largest SE ratio - 1 ([\d.e+-]+)/g,
      ),
    ];
    expect(agree.map((m) => m[1])).toEqual(models);
    for (const m of agree) {
      console.log(`rupture intensity ${m[1]}: |diff|/SE ${m[2]}, SE ratio - 1 ${m[3]}`);
      expect(Number(m[2]), m[1]).toBeLessThan(0.002);
      expect(Number(m[3]), m[1]).toBeLessThan(0.002);
    }
  });
});

describe("a symptom scale as outcome", () => {
  it("knows PHQ-9 is better when lower and runs a lagged model on it", () => {
    const r = attune("analyze", "lagged", "--data", DATA, "--outcome", "phq9", "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.outcome).toEqual({ column: "phq9", direction: "lower-is-better" });
    expect(j.models.lagged.nobs).toBeGreaterThan(300);
  });
});

// Reliable deterioration and dropout (binomial GLMMs): a network where a fifth of the patients decline
// session after session and a 6% per-session dropout hazard; the R script refits each model with glmer.
describe("attune analyze deterioration", () => {
  const det = simulatePrn({
    therapists: 30,
    patients: 120,
    sessions: 10,
    seed: 5,
    dropout: 0.06,
    deterioration: { rate: 0.2 },
  });
  const file = join(dir, "deterioration.csv");
  writeFileSync(
    file,
    [
      "therapist,patient,condition,session,alliance_patient,wellbeing",
      ...det.rows.map((r) =>
        [r.therapist, r.patient, r.condition, r.session, cell(r.alliance_patient), cell(r.outcome)].join(","),
      ),
    ].join("\n") + "\n",
  );
  const models = ["deterioration_last", "deterioration_sessions", "dropout"];

  it("prints the three binomial models, odds ratios with Wald intervals and the RCI as JSON", () => {
    const r = attune("analyze", "deterioration", "--data", file, "--reliability", "0.85", "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.models)).toEqual(models);
    expect(j.models.deterioration_sessions.family).toBe("binomial");
    expect(j.models.deterioration_sessions.groups).toEqual({
      "therapist:patient": expect.any(Number),
      therapist: 30,
    });
    expect(j.rci.reliability).toBe(0.85);
    expect(j.rci.threshold).toBeCloseTo(1.96 * j.rci.sdBaseline * Math.sqrt(2 * 0.15), 10);
    expect(j.plannedSessions).toBe(10);
    for (const m of models) {
      const o = j.oddsRatios[`${m}: 1 vs 0`];
      expect(o.oddsRatio).toBeCloseTo(Math.exp(o.logOdds), 12);
      expect(o.lower).toBeCloseTo(Math.exp(o.logOdds - 1.959964 * o.se), 5);
      expect(o.upper).toBeCloseTo(Math.exp(o.logOdds + 1.959964 * o.se), 5);
      const fe = j.models[m].fixef.find((f: { term: string }) => f.term === "condition");
      expect(o.logOdds).toBe(fe.estimate);
    }
    // The simulator's deteriorating patients lose 0.15 per session: more reliable deterioration later.
    const time = j.models.deterioration_sessions.fixef.find((f: { term: string }) => f.term === "time");
    expect(time.estimate).toBeGreaterThan(0);
    const events = (k: string) => j.rates[k].reduce((s: number, a: { events: number }) => s + a.events, 0);
    expect(events("dropout")).toBeGreaterThan(10);
    expect(events("deterioration_last")).toBeGreaterThan(5);
  });

  it("refuses an outcome whose direction it cannot know", () => {
    // "mood" is no measure attune knows (the alliance and every form column now carry their direction).
    const mood = join(dir, "deterioration-mood.csv");
    writeFileSync(mood, readFileSync(file, "utf8").replace(",wellbeing\n", ",mood\n"));
    const r = attune("analyze", "deterioration", "--data", mood, "--outcome", "mood");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--outcome-higher-is-better or --outcome-lower-is-better/);
  });

  it.skipIf(!hasLme4)(
    "writes an R script whose glmer fits agree (logLik, estimates within 2% of an SE)",
    () => {
      const rs = join(dir, "deterioration.R");
      expect(attune("analyze", "deterioration", "--data", file, "--r-script", rs).code).toBe(0);
      const out = spawnSync("Rscript", [rs, join(dir, "deterioration-models.csv")], { encoding: "utf8" });
      expect(out.status).toBe(0);
      const ll = [...out.stdout.matchAll(/== (\S+): logLik lme4 ([-\d.e]+), attune ([-\d.e]+)/g)];
      expect(ll.map((m) => m[1])).toEqual(models);
      for (const m of ll) expect(Number(m[3])).toBeGreaterThanOrEqual(Number(m[2]) - 1e-3);
      const agree = [
        ...out.stdout.matchAll(
          /== (\S+): largest \|lme4 - attune\| \/ SE ([\d.e+-]+), largest SE ratio - 1 ([\d.e+-]+)/g,
        ),
      ];
      expect(agree.map((m) => m[1])).toEqual(models);
      for (const m of agree) {
        expect(Number(m[2]), m[1]).toBeLessThan(0.02);
        expect(Number(m[3]), m[1]).toBeLessThan(0.02);
      }
    },
  );
});

// growth and lagged with predictors at every level and cross-level interactions, on networks written by
// `attune simulate` with a therapist attribute (years) and the therapist's in-session experience: the
// training trial's design (6 consecutive sessions) and a multisite design measured at sessions 3/12/20/40.
const TRIAL = join(dir, "trial.csv");
const MULTISITE = join(dir, "multisite.csv");
const sim1 = attune(
  "simulate",
  ...["--therapists", "40", "--patients", "117", "--sessions", "6", "--seed", "5"],
  ...["--attribute", "years", "--experience", "--out", TRIAL],
);
const sim2 = attune(
  "simulate",
  ...["--therapists", "40", "--patients", "117", "--session-numbers", "3,12,20,40", "--seed", "6"],
  ...["--attribute", "years", "--experience", "--out", MULTISITE],
);

function refit(name: string, data: string, flags: readonly string[]) {
  const rs = join(dir, `${name}.R`);
  const r = attune("analyze", ...flags, "--data", data, "--r-script", rs);
  expect(r.stderr).toBe("");
  const out = spawnSync("Rscript", [rs, join(dir, `${name}-models.csv`)], { encoding: "utf8" });
  expect(out.status).toBe(0);
  const crit = [...out.stdout.matchAll(/== (\S+): REML criterion lme4 ([\d.]+), attune ([\d.]+)/g)];
  const agree = [
    ...out.stdout.matchAll(
      /== (\S+): largest \|lme4 - attune\| \/ SE ([\d.e+-]+), largest SE ratio - 1 ([\d.e+-]+)/g,
    ),
  ];
  return { crit, agree, stdout: out.stdout };
}

describe("growth and lagged with predictors by level and cross-level interactions", () => {
  it("the simulator writes the design's columns: one years value per therapist, sessions 3/12/20/40", () => {
    expect(sim1.code).toBe(0);
    expect(sim2.code).toBe(0);
    const r = attune("analyze", "growth", "--data", MULTISITE, "--predictors", "experience", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.models.growth_patient.nobs).toBeGreaterThan(300);
    expect(Object.keys(j.effects)).toContain("growth_patient: experience within patient");
  });

  it("growth: experience split three ways, years moderates the slope (time × years), all in JSON", () => {
    const r = attune(
      "analyze",
      "growth",
      ...["--data", TRIAL, "--predictors", "experience", "--moderator", "years", "--json"],
    );
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    const terms = j.models.growth_patient.fixef.map((f: { term: string }) => f.term);
    for (const t of ["experience_wp", "experience_pb", "experience_tm", "years_tm", "time:years_tm"])
      expect(terms).toContain(t);
    const e = j.effects;
    for (const k of [
      "growth_patient: experience within patient",
      "growth_patient: experience between patients",
      "growth_patient: experience between therapists",
      "growth_patient: years (therapist attribute)",
      "growth_patient: time × years",
      "growth_therapist: time × years",
    ])
      expect(e[k].se, k).toBeGreaterThan(0);
    // the simulator's in-session experience raises the patient's alliance by 0.15 per unit within patient
    expect(Math.abs(e["growth_patient: experience within patient"].estimate - 0.15)).toBeLessThan(
      3 * e["growth_patient: experience within patient"].se,
    );
  });

  it("lagged: years moderates the within-patient alliance slope, alliance split within/between patients/between therapists", () => {
    const r = attune(
      "analyze",
      "lagged",
      ...["--data", TRIAL, "--predictors", "experience", "--moderator", "years", "--between-therapist"],
      "--json",
    );
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.lagged.betweenTherapists.se).toBeGreaterThan(0);
    const re = j.models.lagged.varcorr.filter(
      (v: { group: string; term?: string }) => v.group === "therapist",
    );
    expect(re.map((v: { term?: string }) => v.term)).toContain("alliance_wp");
    expect(j.effects["lagged: alliance_wp × years"].se).toBeGreaterThan(0);
    const md = join(dir, "lagged-levels.md");
    const m = attune(
      "analyze",
      "lagged",
      ...["--data", TRIAL, "--moderator", "years", "--between-therapist", "--markdown", md],
    );
    expect(m.code).toBe(0);
    const text = readFileSync(md, "utf8");
    expect(text).toContain("**Within- and between-patient effects**");
    expect(text).toMatch(/\| lagged: alliance_wp × years \| -?\d\.\d{3} \[/);
    expect(text).toMatch(/\| between therapists \(alliance_tm\) \|/);
  });

  it("refuses a moderator that varies within a therapist, naming the therapist and rows", () => {
    const r = attune("analyze", "growth", "--data", TRIAL, "--moderator", "experience");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /--moderator "experience" must have one value per therapist.*therapist "T\d+" has/,
    );
  });

  it.skipIf(!hasLme4)("lme4 refits growth and lagged with predictors (training trial design)", () => {
    for (const [name, flags, models] of [
      [
        "growth-levels",
        ["growth", "--predictors", "experience", "--moderator", "years"],
        ["growth_patient", "growth_therapist"],
      ],
      [
        "lagged-levels",
        ["lagged", "--predictors", "experience", "--moderator", "years", "--between-therapist"],
        ["lagged"],
      ],
    ] as const) {
      const { crit, agree } = refit(name, TRIAL, flags);
      expect(crit.map((m) => m[1])).toEqual(models);
      for (const m of crit) expect(Number(m[3])).toBeLessThanOrEqual(Number(m[2]) + 1e-3);
      for (const m of agree) {
        expect(Number(m[2]), m[1]).toBeLessThan(0.002);
        expect(Number(m[3]), m[1]).toBeLessThan(0.002);
      }
    }
  });

  it.skipIf(!hasLme4)("lme4 refits them at sessions 3/12/20/40 (lagged on the next observed session)", () => {
    for (const [name, flags, models] of [
      [
        "growth-multisite",
        ["growth", "--predictors", "experience", "--moderator", "years"],
        ["growth_patient", "growth_therapist"],
      ],
      [
        "lagged-multisite",
        ["lagged", "--next-observed", "--predictors", "experience", "--moderator", "years"],
        ["lagged"],
      ],
    ] as const) {
      const { crit, agree } = refit(name, MULTISITE, flags);
      expect(crit.map((m) => m[1])).toEqual(models);
      for (const m of crit) expect(Number(m[3])).toBeLessThanOrEqual(Number(m[2]) + 1e-3);
      // time runs to 39 here; lme4's optimizer stops up to 1e-4 short of the REML optimum attune reaches
      for (const m of agree) {
        expect(Number(m[2]), m[1]).toBeLessThan(0.01);
        expect(Number(m[3]), m[1]).toBeLessThan(0.01);
      }
    }
  });
});
