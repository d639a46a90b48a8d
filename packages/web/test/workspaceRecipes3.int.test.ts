// The workspace's three study recipes that need more than one rater's alliance and well-being — raters
// (both raters' growth per arm), ruptures (observer codings) and modality (session modality) — run from
// the page in headless Chromium against the built UI and server. The demo network has neither rupture
// codings nor modality: the set-up stores observer codings at every session as the API stores them; a
// modality run is first refused with the server's reason shown, then each session gets a modality and
// it runs. Each run page shows its models' fixed effects; the raters run's downloaded R script refits in
// lme4 (when installed) within 0.002 SE.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { getInstrument, MODALITIES } from "@attune/core";
import { listStudies, setSessionModality } from "@attune/db";
import { answerSessions } from "@attune/server/testing/answerSessions";
import { browserRunnable } from "./browser.ts";
import { demoFixture } from "./fixture.ts";
import { hasLme4, runRScript, seGaps } from "./lme4.ts";

const web = demoFixture(
  "recipes3",
  { therapists: 10, sessions: 6 },
  {
    thenSeed: async (server, demo) => {
      const [study] = await listStudies(server.store.db, demo.networkId);
      if (!study) throw new Error("the demo network has no study");
      // Codings: none, withdrawal, confrontation, both (each type's intensity), intensities 1–5.
      await answerSessions(
        { store: server.store, a: { networkId: demo.networkId } },
        study.id,
        getInstrument("rupture-coding"),
        "observer",
        (k) => {
          const type = (k * 7) % 4;
          const peak = 1 + (k % 5);
          const answers: Record<string, number> = { "rupture-type": type };
          if (type > 0) answers["rupture-intensity"] = peak;
          if (type === 3) {
            answers["withdrawal-intensity"] = peak;
            answers["confrontation-intensity"] = 1 + (k % peak);
          }
          return answers;
        },
      );
    },
  },
);

/** Gives every session of the demo's study a modality, cycling so each therapist's share differs. */
async function recordModalities(): Promise<void> {
  const db = web.server.store.db;
  const [study] = await listStudies(db, web.demo.networkId);
  const sessions = await db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .select(["s.id"])
    .where("e.study_id", "=", study?.id ?? "")
    .orderBy("s.id")
    .execute();
  for (const [k, s] of sessions.entries())
    await setSessionModality(db, s.id, MODALITIES[(k % 5) % 3] ?? "in person");
}

/** Runs the ticked recipe and waits for its run page; returns the fixed-effect terms of `model`. */
async function runAndTerms(page: Page, heading: RegExp, model: string): Promise<string[]> {
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await page.getByRole("heading", { name: heading }).waitFor({ timeout: 45_000 });
  return page
    .locator(`[data-testid="fixef-${model}"] tbody tr th`)
    .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
}

describe.skipIf(!browserRunnable)("researcher workspace: raters, ruptures and modality", () => {
  it("refuses modality until sessions have one, runs all three, and lme4 refits raters", async () => {
    const page = await web.as("researcher", { context: { acceptDownloads: true } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.locator("#study").selectOption({ index: 1 });
    // No session has a modality yet: the server's reason is shown, saying what is missing.
    await page.getByLabel("Session modality", { exact: true }).check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await expect
      .poll(() => page.locator("#run-error").textContent(), { timeout: 30_000 })
      .toMatch(/modality: no session in the chosen data has a modality/);
    await recordModalities();
    const modality = await runAndTerms(page, /Session modality: run/, "modality_alliance");
    expect(modality).toEqual(
      expect.arrayContaining([expect.stringMatching(/video_wt$/), expect.stringMatching(/phone_tm$/)]),
    );
    // The model's caption says what _wt and _tm are.
    await page
      .getByText(/share of sessions in it \(_tm, between therapists\)/)
      .first()
      .waitFor();

    await page.goBack();
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.locator("#study").selectOption({ index: 1 });
    await page.getByLabel("Alliance ruptures", { exact: true }).check();
    const ruptures = await runAndTerms(page, /Alliance ruptures: run/, "ruptures_alliance");
    expect(ruptures).toEqual(
      expect.arrayContaining([
        "rupture_withdrawal_intensity_wp",
        "rupture_withdrawal_intensity_pm",
        "rupture_confrontation_intensity_wp",
      ]),
    );

    await page.goBack();
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.locator("#study").selectOption({ index: 1 });
    await page.getByLabel("Patient and therapist growth", { exact: true }).check();
    const raters = await runAndTerms(page, /Patient and therapist growth: run/, "raters");
    expect(raters).toEqual(
      expect.arrayContaining([
        "ratertherapist:time",
        expect.stringMatching(/^ratertherapist:time:condition/),
      ]),
    );
    const script = await web.download(page, /^R script/, "raters.R");
    expect(script).toMatch(/lmer\(alliance ~ rater \* time \* condition/);
    await web.download(page, /^Model data/, "raters-models.csv");
    if (hasLme4) {
      const worst = seGaps(runRScript(web.dir, "raters.R", "raters-models.csv"));
      expect(worst.map((w) => w.model)).toEqual(["raters"]);
      for (const w of worst) {
        console.log(`raters: largest |lme4 - attune| / SE ${w.gap}`);
        expect(w.gap).toBeLessThan(0.002);
      }
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
