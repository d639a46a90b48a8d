// The workspace's outcome and arms choices in headless Chromium against the built UI and server: the
// outcome selector lists the long table's measures with their direction (PHQ-9: lower is better), a
// measure the network has no data for is refused naming it, and a whole-network run takes its arms from
// the study chosen, which the run page's selection says.
import { describe, expect, it } from "vitest";
import { prnToCsv, simulatePrn } from "@attune/core";
import { coordinatorSession, importPrn } from "./apiSession.ts";
import { browserRunnable } from "./browser.ts";
import { smallDemoFixture } from "./fixture.ts";

const web = smallDemoFixture("research-outcome", {
  dataSubdir: "db",
  thenSeed: async (server, demo) => {
    const sim = simulatePrn({ therapists: 10, patients: 30, sessions: 6, seed: 3 });
    await importPrn(await coordinatorSession(server.url, demo), prnToCsv(sim.rows));
  },
});

describe.skipIf(!browserRunnable)(
  "researcher workspace: outcome measure and arms (headless Chromium)",
  () => {
    it("chooses the outcome measure and the study whose arms a whole-network run compares", async () => {
      const errors: string[] = [];
      const page = await web.as("researcher", {
        beforeSignIn: (p) => p.on("pageerror", (e) => errors.push(e.message)),
      });
      await page.getByRole("heading", { name: "Research workspace" }).waitFor();
      const outcome = page.getByLabel("Outcome measure");
      const measures = await outcome
        .locator("option")
        .evaluateAll((os) => os.map((o) => o.getAttribute("value")));
      expect(measures).toEqual(
        expect.arrayContaining(["wellbeing", "phq9", "gad7", "core10", "who5", "ors", "confidence"]),
      );
      expect(measures).not.toContain("alliance_patient");
      await outcome.selectOption("phq9");
      await expect(page.locator("#outcome-help").textContent()).resolves.toMatch(/Lower scores are better/);
      await page.getByLabel("Growth", { exact: true }).check();
      await page.getByRole("button", { name: "Run the analysis" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor({ timeout: 60_000 });
      await expect(alert.textContent()).resolves.toMatch(/no PHQ-9 total \(phq9\) scores/);

      await outcome.selectOption("wellbeing");
      await expect(page.locator("#outcome-help").textContent()).resolves.toMatch(/Higher scores are better/);
      await page.getByLabel("Arms compared").selectOption({ label: "Arms of study prn" });
      await page.getByRole("button", { name: "Run the analysis" }).click();
      await page.getByRole("heading", { name: /^Growth: run/ }).waitFor({ timeout: 60_000 });
      await expect(page.getByTestId("selection").textContent()).resolves.toMatch(
        /whole network.*arms of study “prn”/,
      );
      // Within a study the arms are the study's own: the "Arms compared" choice is not offered.
      await page.goto(`${web.server.url}/research`);
      await page.getByLabel("Which data").selectOption({ label: "Study: prn" });
      await expect(page.getByLabel("Arms compared").count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
