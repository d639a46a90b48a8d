// A ruptures run on observer codings stored by the coding form, some made before per-type intensities
// (both types coded with a peak only): the run fits each type's intensity, and every model of the run
// (what the run page shows as its warnings) says how many sessions were left out and what to do.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appendResponse } from "@attune/db";
import { describeEachDialect } from "@attune/db/testing";
import { getInstrument, instrumentUrl, scoreResponse, storedScores } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";

const PRN = join(import.meta.dirname, "../../../../fixtures/golden/prn_small.csv");

describeEachDialect("ruptures runs warn of codings without intensity by type", (dialect) => {
  let h: Harness;
  let researcher: Client;
  let study: string;
  let old = 0;

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
    const form = getInstrument("rupture-coding");
    const sessions = await h.store.db
      .selectFrom("therapy_sessions as s")
      .innerJoin("episodes as e", "e.id", "s.episode_id")
      .select(["s.id as session", "e.id as episode", "e.patient_id as patient"])
      .where("e.study_id", "=", study)
      .orderBy("s.id")
      .execute();
    // Every session coded: none, withdrawal, confrontation, both with each type's intensity, and every
    // 13th an old "both" coding with its peak only.
    for (const [k, s] of sessions.entries()) {
      const type = k % 4;
      const peak = 1 + (k % 5);
      const answers: Record<string, number> = { "rupture-type": type };
      if (type > 0) answers["rupture-intensity"] = peak;
      if (type === 3 && k % 13 !== 3) {
        answers["withdrawal-intensity"] = peak;
        answers["confrontation-intensity"] = 1 + (k % peak);
      } else if (type === 3) old++;
      const score = scoreResponse(form, answers);
      if (!score.ok) throw new Error(JSON.stringify(score.issues));
      await appendResponse(h.store.db, {
        networkId: h.a.networkId,
        patientId: s.patient,
        episodeId: s.episode,
        sessionId: s.session,
        questionnaireUrl: instrumentUrl(form),
        rater: "observer",
        authorKind: "user",
        authorId: null,
        resource: { resourceType: "QuestionnaireResponse", status: "completed" },
        scores: storedScores(form, score),
      });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it("fits each type's intensity and says, in every model's warnings, how many sessions it left out", async () => {
    expect(old).toBeGreaterThan(3);
    const res = await researcher.request("POST", "/api/runs", { study, recipe: "ruptures" });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    const out = JSON.parse(text) as {
      id: string;
      results: { models: Record<string, { formula: string; warnings?: string[] }>; notes?: string[] };
    };
    expect(Object.keys(out.results.models)).toEqual(["ruptures_alliance", "ruptures_outcome"]);
    const said = `ruptures: ${old} coded sessions left out for lack of an intensity by type (coded "both" before per-type intensities, observer form 0.1.0); re-code them with the current observer form, which asks each type's intensity, to include them`;
    for (const m of Object.values(out.results.models)) {
      expect(m.formula).toMatch(/rupture_withdrawal_intensity_wp/);
      expect(m.warnings).toContain(said);
    }
    // The recorded run gives the same warnings back (the run page reads them from here).
    const again = (await (await researcher.request("GET", `/api/runs/${out.id}`)).json()) as typeof out;
    expect(again.results.models["ruptures_alliance"]!.warnings).toContain(said);
  });
});
