// The workspace's outcome and arms choices in headless Chromium against the built UI and server: the
// outcome selector lists the long table's measures with their direction (PHQ-9: lower is better), a
// measure the network has no data for is refused naming it, and a whole-network run takes its arms from
// the study chosen, which the run page's selection says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { prnToCsv, simulatePrn } from "@attune/core";
import { seedDemo, startServer, type RunningServer } from "@attune/server";
import { browserRunnable, DESKTOP, launchBrowser, WEB_DIST, signIn } from "./browser.ts";

let server: RunningServer;
let browser: Browser;
let dir: string;
let researcher: { email: string; password: string };

describe.skipIf(!browserRunnable)(
  "researcher workspace: outcome measure and arms (headless Chromium)",
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "attune-research-outcome-"));
      server = await startServer({ dataDir: join(dir, "db"), port: 0, webDir: WEB_DIST });
      const demo = await seedDemo(server.store);
      const coordinator = demo.users.find((u) => u.role === "coordinator")!;
      const r = demo.users.find((u) => u.role === "researcher")!;
      researcher = { email: r.email, password: r.password };
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
      });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const sim = simulatePrn({ therapists: 10, patients: 30, sessions: 6, seed: 3 });
      const imp = await fetch(`${server.url}/api/import/long-csv?study=prn`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": "text/csv" },
        body: prnToCsv(sim.rows),
      });
      expect(imp.status, await imp.clone().text()).toBe(200);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("chooses the outcome measure and the study whose arms a whole-network run compares", async () => {
      const page = await browser.newPage({ viewport: DESKTOP });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page, server.url, researcher.email, researcher.password);
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
      await page.goto(`${server.url}/research`);
      await page.getByLabel("Which data").selectOption({ label: "Study: prn" });
      await expect(page.getByLabel("Arms compared").count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
