// Cross-lagged runs from the workspace's API: the second process (here the confidence form, scored by its
// own rules, and the patient's alliance rating) and the model choice ("stacked" by default, "separate" on
// request) are validated by @attune/api, recorded with the run and fitted as chosen; a bad model, a second
// process that is no column, the outcome itself, or these options on another recipe are refused, naming
// the value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { getInstrument } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { answerSessions } from "../testing/answerSessions.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");

interface Out {
  selection: { options: { process2?: string; crossLaggedModel?: string } };
  results: { models: Record<string, { formula: string; nobs: number }> };
}

describeEachDialect("cross-lagged runs: the second process and the model choice", (dialect) => {
  let h: Harness;
  let researcher: Client;
  let study: string;
  const run = async (body: Record<string, unknown>) => {
    const res = await researcher.request("POST", "/api/runs", { study, ...body });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    h = await openHarness(dialect);
    const coord = await h.signIn(h.a.emails.coordinator);
    researcher = await h.signIn(h.a.emails.researcher);
    const imp = await coord.request("POST", "/api/import/long-csv?study=trial-a", readFileSync(PRN, "utf8"), {
      "content-type": "text/csv",
    });
    expect(imp.status, await imp.clone().text()).toBe(200);
    const { studies } = (await (await researcher.request("GET", "/api/studies")).json()) as {
      studies: { id: string; name: string }[];
    };
    study = studies.find((s) => s.name === "trial-a")!.id;
    // Confidence answered at every session, varying by patient and session (0–4 per item).
    const form = getInstrument("treatment-confidence");
    await answerSessions(h, study, form, "patient", (k, number) =>
      Object.fromEntries(form.items.map((it, i) => [it.linkId, (k * 7 + number * 3 + i * 5) % 5])),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it("fits the stacked model by default and the separate equations on request, recording the choice", async () => {
    const stacked = await run({ recipe: "cross-lagged", process2: "confidence" });
    expect(stacked.status, stacked.text).toBe(201);
    const s = JSON.parse(stacked.text) as Out;
    expect(s.selection.options).toMatchObject({ process2: "confidence", crossLaggedModel: "stacked" });
    expect(Object.keys(s.results.models)).toEqual(["cross_lagged"]);
    expect(s.results.models["cross_lagged"]!.formula).toMatch(
      /^next_value ~ 0 \+ process \+ process:\(outcome_c \+ confidence_c/,
    );
    const separate = await run({
      recipe: "cross-lagged",
      process2: "confidence",
      crossLaggedModel: "separate",
    });
    expect(separate.status, separate.text).toBe(201);
    const p = JSON.parse(separate.text) as Out & { id: string };
    expect(p.selection.options.crossLaggedModel).toBe("separate");
    expect(Object.keys(p.results.models).sort()).toEqual(["cross_lagged_confidence", "cross_lagged_outcome"]);
    expect(p.results.models["cross_lagged_outcome"]!.formula).toMatch(/confidence_pm/);
    // The recorded run keeps the choice, and its R script fits the separate equations.
    const again = (await (await researcher.request("GET", `/api/runs/${p.id}`)).json()) as Out;
    expect(again.selection.options.crossLaggedModel).toBe("separate");
    const script = await (await researcher.request("GET", `/api/runs/${p.id}/script.R`)).text();
    expect(script).toMatch(/cross_lagged_outcome/);
    expect(script).not.toMatch(/next_value ~/);
    // An alliance rating as the second process (the alliance ↔ well-being panel).
    const alliance = await run({ recipe: "cross-lagged", process2: "alliance_patient" });
    expect(alliance.status, alliance.text).toBe(201);
  });

  it("refuses a bad model, an unknown or missing second process, the outcome, and the options elsewhere", async () => {
    const bad = await run({ recipe: "cross-lagged", process2: "confidence", crossLaggedModel: "joint" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/crossLaggedModel must be \\"stacked\\" or \\"separate\\", got \\"joint\\"/);
    const none = await run({ recipe: "cross-lagged" });
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/needs a second process \(process2\): one of alliance_patient, .*confidence/);
    const mood = await run({ recipe: "cross-lagged", process2: "mood" });
    expect(mood.status).toBe(400);
    expect(mood.text).toMatch(/process2 \\"mood\\" is not a column/);
    const same = await run({ recipe: "cross-lagged", process2: "wellbeing" });
    expect(same.status).toBe(400);
    expect(same.text).toMatch(/process2 \\"wellbeing\\" is the outcome/);
    const missing = await run({ recipe: "cross-lagged", process2: "gad7" });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/no GAD-7 total \(gad7\) values for the second process/);
    const growth = await run({ recipe: "growth", crossLaggedModel: "separate" });
    expect(growth.status).toBe(400);
    expect(growth.text).toMatch(/crossLaggedModel is an option of the cross-lagged analysis, not of growth/);
    const all = await run({ recipe: "all", process2: "confidence" });
    expect(all.status).toBe(400);
    expect(all.text).toMatch(
      /process2 is an option of the cross-lagged analysis; \\"all\\" runs the five core/,
    );
  });
});
