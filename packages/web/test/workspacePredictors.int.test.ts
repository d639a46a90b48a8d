// The researcher workspace's predictors by level, end to end in headless Chromium against the built UI and
// server: a network whose sessions carry a modality and whose therapists carry a declared attribute
// (years_practice, imported as a long-CSV column), a growth run with the session modality as a predictor
// and years of practice as a moderator. The run page's fixed-effects table shows the modality's
// within-patient part and the cross-level interaction time × years, the downloaded R script fits the same
// formula, and (when R with lme4 is installed) lme4 refits it to within 0.002 SE. A lagged run with the
// between-patient part split by therapist (alliance_pb + alliance_tm) likewise.
import { describe, expect, it } from "vitest";
import { prnToCsv, simulatePrn } from "@attune/core";
import { coordinatorSession, importPrn } from "./apiSession.ts";
import { browserRunnable } from "./browser.ts";
import { smallDemoFixture } from "./fixture.ts";
import { hasLme4, runRScript, seGaps } from "./lme4.ts";

const web = smallDemoFixture("predictors", {
  dataSubdir: "db",
  thenSeed: async (server, demo) => {
    const coordinator = await coordinatorSession(server.url, demo);
    // The attribute is declared first, so the long file's years_practice column is read as its values.
    const attr = await coordinator.send(
      "POST",
      "/api/therapist-attributes",
      JSON.stringify({ code: "years_practice", label: "Years of practice", kind: "numeric" }),
      "application/json",
    );
    expect(attr.status, await attr.clone().text()).toBe(201);
    const sim = simulatePrn({
      therapists: 10,
      patients: 30,
      sessions: 5,
      seed: 13,
      modality: {},
      therapistAttribute: { name: "years_practice", growth: 0.005 },
    });
    await importPrn(coordinator, prnToCsv(sim.rows));
  },
});

/** A researcher's page that accepts downloads, its page errors collected in `errors` from the start. */
const researcherPage = (errors: string[]) =>
  web.as("researcher", {
    context: { acceptDownloads: true },
    beforeSignIn: (p) => p.on("pageerror", (e) => errors.push(e.message)),
  });

describe.skipIf(!browserRunnable)("researcher workspace: session-level predictors and moderators", () => {
  it("runs growth with the session modality and a therapist moderator; the page and R agree", async () => {
    const errors: string[] = [];
    const page = await researcherPage(errors);
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Growth", { exact: true }).check();
    // The alliance ratings are growth's outcome, so they are not offered as its predictors.
    const offered = await page
      .locator('input[id^="pred-"]')
      .evaluateAll((xs) => xs.map((x) => x.id.slice("pred-".length)));
    expect(offered).toContain("modality");
    expect(offered).not.toContain("alliance_patient");
    await page.getByLabel(/session modality/).check();
    await page.getByLabel(/Years of practice/).check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page.getByRole("heading", { name: /Growth: run/ }).waitFor({ timeout: 60_000 });
    const terms = await page
      .locator('[data-testid="fixef-growth_patient"] tbody tr th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    // modality's categories against in person, each split by level; years centred over therapists.
    for (const t of ["modality_video_wp", "modality_phone_wp", "years_practice_tm", "time:years_practice_tm"])
      expect(terms, t).toContain(t);
    const script = await web.download(page, /^R script/, "growth.R");
    expect(script).toMatch(
      /growth_patient[\s\S]*lmer\(alliance ~ [^\n]*modality_video_wp[^\n]*time:years_practice_tm/,
    );
    await web.download(page, /^Model data/, "growth-models.csv");
    if (hasLme4) {
      const worst = seGaps(runRScript(web.dir, "growth.R", "growth-models.csv"));
      expect(worst.map((w) => w.model)).toContain("growth_patient");
      for (const w of worst) expect(w.gap, w.model).toBeLessThan(0.002);
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it("runs lagged with the between-patient part split by therapist; the run records it and R agrees", async () => {
    const errors: string[] = [];
    const page = await researcherPage(errors);
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Growth", { exact: true }).check();
    await expect(page.locator("#between-therapist").count()).resolves.toBe(0);
    await page.getByLabel("Within and between patients", { exact: true }).check();
    await page.getByLabel(/Split the between-patient part/).check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page
      .getByRole("heading", { name: /Within and between patients: run/ })
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(/between part split by therapist/)
      .first()
      .waitFor();
    const terms = await page
      .locator('[data-testid="fixef-lagged"] tbody tr th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    expect(terms).toEqual(expect.arrayContaining(["alliance_wp", "alliance_pb", "alliance_tm"]));
    expect(terms).not.toContain("alliance_pm");
    const script = await web.download(page, /^R script/, "lagged.R");
    expect(script).toMatch(/lmer\([^\n]*alliance_pb[^\n]*alliance_tm/);
    await web.download(page, /^Model data/, "lagged-models.csv");
    if (hasLme4) {
      const worst = seGaps(runRScript(web.dir, "lagged.R", "lagged-models.csv"));
      expect(worst.map((w) => w.model)).toEqual(["lagged"]);
      for (const w of worst) expect(w.gap, w.model).toBeLessThan(0.002);
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
