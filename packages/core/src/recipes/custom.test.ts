import { dataFrameFromRows, fitGlmm, fitLmm } from "@attune/stats";
import { describe, expect, it } from "vitest";
import { simulatePrn } from "../simulate/simulate.ts";
import { prnToCsv } from "../simulate/csv.ts";
import { custom, customTable } from "./custom.ts";
import { preparePrnData } from "./prepare.ts";
import { resolveRoles } from "./roles.ts";
import { recipeJson } from "./run.ts";
import { rScript } from "./rScript.ts";

// A simulated network with missed forms (dropout and missing ratings), plus an extra column of the data.
const sim = simulatePrn({ therapists: 12, patients: 48, sessions: 6, seed: 11, dropout: 0.05 });
const lines = prnToCsv(sim.rows).trim().split("\n");
const header = [...lines[0]!.split(","), "site"];
const rows = lines.slice(1).map((l, i) => [...l.split(","), i % 2 ? "north" : "south"]);
const data = preparePrnData(dataFrameFromRows(header, rows), resolveRoles({ outcome: "wellbeing" }));

describe("custom recipe: a formula over the prepared table", () => {
  it("counts each session's missing forms and keeps the data's own columns", () => {
    const t = customTable(data);
    expect(t.names).toEqual(
      expect.arrayContaining(["time", "outcome_next", "alliance_wp", "forms_missed", "site"]),
    );
    const missed = t.columns.get("forms_missed")!.values as Float64Array;
    for (let i = 0; i < data.nrow; i++) {
      const want = [data.alliance_patient, data.alliance_therapist, data.outcome].filter(
        (c) => !Number.isFinite(c[i]!),
      ).length;
      expect(missed[i]).toBe(want);
    }
  });

  it("fits a Poisson count as glmer would, with the family, link and nAGQ recorded for the R script", () => {
    const r = custom(data, { formula: "forms_missed ~ time + (1 | therapist)", family: "poisson", nAGQ: 5 });
    expect(r.models).toHaveLength(0);
    const m = r.glmms[0]!;
    expect([m.family, m.link, m.nAGQ]).toEqual(["poisson", "log", 5]);
    // The same fit as the engine's on the same table (the recipe adds nothing to the numbers).
    const direct = fitGlmm("forms_missed ~ time + (1 | therapist)", customTable(data), {
      family: "poisson",
      nAGQ: 5,
    });
    expect(m.summary.logLik).toBeCloseTo(direct.logLik, 8);
    expect(m.summary.method).toBe("AGQ");
    const json = recipeJson("custom", [r]) as { models: Record<string, { family: string }> };
    expect(json.models.custom!.family).toBe("poisson");
    expect(rScript([r], { csvName: "m.csv", command: "test" }).script).toContain(
      'family = poisson(link = "log"), nAGQ = 5)',
    );
  });

  it("fits binomial probit and the linear model (lmer, REML)", () => {
    const b = custom(data, {
      formula: "cbind(forms_missed, 3 - forms_missed) ~ time + (1 | therapist)",
      family: "binomial",
      link: "probit",
    });
    expect(b.glmms[0]!.link).toBe("probit");
    const l = custom(data, { formula: "outcome_next ~ alliance_wp + alliance_pm + (1 | therapist:patient)" });
    expect(l.glmms).toHaveLength(0);
    const direct = fitLmm(
      "outcome_next ~ alliance_wp + alliance_pm + (1 | therapist:patient)",
      customTable(data),
    );
    expect(l.models[0]!.summary.deviance).toBeCloseTo(direct.deviance, 8);
  });

  it("refuses a link of another family, a link without a family and a missing formula, naming them", () => {
    expect(() =>
      custom(data, { formula: "forms_missed ~ 1 + (1 | therapist)", family: "poisson", link: "logit" }),
    ).toThrow(/poisson family takes the link log, not "logit"/);
    expect(() => custom(data, { formula: "outcome ~ 1 + (1 | therapist)", link: "probit" })).toThrow(
      /link "probit" needs the binomial or poisson family/,
    );
    expect(() => custom(data, {})).toThrow(/needs a model formula.*forms_missed/);
  });
});
