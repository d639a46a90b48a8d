// The workspace's cross-lagged analysis end to end in headless Chromium against the built UI and server: the
// researcher picks the second process (the patient's alliance, lagged both ways with well-being) and the
// separate equations instead of the default stacked model; the run page says so, shows the separate
// equations' fixed effects, the downloaded R script fits them, and (when R with lme4 is installed) lme4
// refits them to within 0.002 SE.
import { describe, expect, it } from "vitest";
import { browserRunnable } from "./browser.ts";
import { demoFixture } from "./fixture.ts";
import { hasLme4, runRScript, seGaps } from "./lme4.ts";

const web = demoFixture("cross-lagged", { therapists: 10, sessions: 6 });

describe.skipIf(!browserRunnable)("researcher workspace: the cross-lagged model choice", () => {
  it("runs the separate equations with the alliance as second process; the page and R agree", async () => {
    const page = await web.as("researcher", { context: { acceptDownloads: true } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Cross-lagged (two processes)", { exact: true }).check();
    // The default is the stacked model; the outcome (well-being) is not offered as the second process.
    await expect.poll(() => page.locator("#cross-lagged-model").inputValue()).toBe("stacked");
    const offered = await page
      .locator("#process2 option")
      .evaluateAll((os) => os.map((o) => o.getAttribute("value") ?? ""));
    expect(offered).toEqual(expect.arrayContaining(["alliance_patient", "alliance_therapist", "confidence"]));
    expect(offered).not.toContain("wellbeing");
    await page.getByLabel(/^Second process/).selectOption("alliance_patient");
    await page.getByLabel("Model", { exact: true }).selectOption("separate");
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page
      .getByRole("heading", { name: /Cross-lagged \(two processes\): run/ })
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(/second process alliance_patient · separate equations/)
      .first()
      .waitFor();
    const terms = await page
      .locator('[data-testid="fixef-cross_lagged_outcome"] tbody tr th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    expect(terms).toEqual(expect.arrayContaining(["outcome_c", "alliance_patient_c", "alliance_patient_pm"]));
    const script = await web.download(page, /^R script/, "cross-lagged.R");
    expect(script).toMatch(/lmer\(outcome_next ~ [^\n]*alliance_patient_pm/);
    expect(script).not.toMatch(/next_value ~/);
    await web.download(page, /^Model data/, "cross-lagged-models.csv");
    if (hasLme4) {
      const worst = seGaps(runRScript(web.dir, "cross-lagged.R", "cross-lagged-models.csv"));
      expect(worst.map((w) => w.model).sort()).toEqual([
        "cross_lagged_alliance_patient",
        "cross_lagged_outcome",
      ]);
      for (const w of worst) {
        console.log(`cross-lagged (separate) ${w.model}: largest |lme4 - attune| / SE ${w.gap}`);
        expect(w.gap, w.model).toBeLessThan(0.002);
      }
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
