// Alerts in the browser, end to end against the real built UI and server (headless Chromium): a therapist
// acknowledges an alert, which stays on the patient's page marked as acknowledged and leaves the caseload;
// a not-on-track alert that cleared itself says so with its session and date; the coordinator's calibration
// page shows the thresholds and the alerts per therapist-week they imply; the attunement headline names
// the session it describes. axe-core on every page.
import { describe, expect, it } from "vitest";
import { axe, browserRunnable, DESKTOP, shoot, signIn } from "./browser.ts";
import { DEMO_PASSWORD as PASSWORD, demoFixture } from "./fixture.ts";

// The seed study's size, so the network has enough data for its own calibration.
const web = demoFixture("web-alerts");

interface Alert {
  kind: string;
  session: number;
  clearedSession?: number;
  clearedDate?: string;
}

describe.skipIf(!browserRunnable)("alerts in the browser (headless Chromium)", () => {
  it("a therapist acknowledges an alert: recorded, marked on the patient's page, gone from the caseload", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
    await signIn(page, web.server.url, web.user("therapist").email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    const caseload = (await page.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.json()))) as {
      patients: { episodeId: string; alerts: Alert[] }[];
    };
    const row = caseload.patients.find((p) => p.alerts.length > 0)!;
    expect(row, "the demo therapist has an open alert").toBeDefined();
    const alert = row.alerts[0]!;
    await page.goto(`${web.server.url}/patients/${row.episodeId}`);
    await page.getByRole("heading", { name: "Before the next session" }).waitFor();
    const button = page.getByRole("button", {
      name: new RegExp(`^Acknowledge the .* alert of session ${alert.session}$`),
    });
    await button.first().click();
    await page.getByTestId("acknowledged").first().waitFor();
    const note = (await page.getByTestId("acknowledged").first().textContent())?.trim();
    expect(note).toMatch(/^Acknowledged on \d{4}-\d{2}-\d{2}; no longer heads the caseload\.$/);
    await page.locator(".ok-box[role=status]").filter({ hasText: "Alert acknowledged." }).waitFor();
    await axe(page, "acknowledged alert");
    await shoot(page, "alerts-acknowledged", ["desktop"]);
    const after = (await page.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.json()))) as {
      patients: { episodeId: string; alerts: Alert[] }[];
    };
    const same = after.patients.find((p) => p.episodeId === row.episodeId)!;
    expect(same.alerts.some((a) => a.kind === alert.kind && a.session === alert.session)).toBe(false);
    await page.close();
  });

  it("the attunement headline says which session it describes and agrees with the therapist's sessions", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
    await signIn(page, web.server.url, web.user("therapist").email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    await page.goto(`${web.server.url}/attunement`);
    await page.getByTestId("bias-headline").waitFor();
    const a = (await page.evaluate(() => fetch("/api/dashboard/attunement").then((r) => r.json()))) as {
      me: { observed: { from: number; to: number; therapistHigher: number; patientHigher: number } };
    };
    const headline = await page.getByTestId("bias-headline").textContent();
    expect(headline).toMatch(/At session 1, with a patient who rates the alliance at the network's average/);
    const o = a.me.observed;
    const observed = await page.getByTestId("bias-observed").textContent();
    expect(observed).toContain(`In your sessions ${o.from}–${o.to}`);
    expect(observed).toContain(`you rated higher in ${o.therapistHigher} and lower in ${o.patientHigher}`);
    await axe(page, "attunement");
    await page.close();
  });

  it("a not-on-track alert that cleared itself says when, with the date", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
    await signIn(page, web.server.url, web.user("coordinator").email, PASSWORD);
    await page.getByRole("navigation").first().waitFor();
    // The coordinator sees every dyad: find one whose not-on-track alert cleared.
    const found = (await page.evaluate(async () => {
      const c = (await (await fetch("/api/dashboard/caseload")).json()) as {
        patients: { episodeId: string }[];
      };
      for (const p of c.patients) {
        const d = (await (await fetch(`/api/dashboard/episodes/${p.episodeId}`)).json()) as {
          alerts: Alert[];
        };
        const a = d.alerts.find((x) => x.kind === "not-on-track" && x.clearedSession !== undefined);
        if (a) return { episodeId: p.episodeId, alert: a };
      }
      return null;
    })) as { episodeId: string; alert: Alert } | null;
    expect(found, "the demo network has a patient back inside the band").not.toBeNull();
    await page.goto(`${web.server.url}/patients/${found!.episodeId}`);
    const cleared = page.getByTestId("cleared");
    await cleared.waitFor();
    const text = await cleared.textContent();
    expect(text).toContain(`Cleared at session ${found!.alert.clearedSession}`);
    if (found!.alert.clearedDate) expect(text).toContain(found!.alert.clearedDate);
    expect(text).toContain("back inside the band");
    await axe(page, "cleared alert");
    await page.close();
  });

  it("the coordinator's calibration page shows the thresholds and the alerts they imply", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
    await signIn(page, web.server.url, web.user("coordinator").email, PASSWORD);
    await page.getByRole("navigation").first().getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "Alert calibration" }).waitFor();
    const api = (await page.evaluate(() => fetch("/api/dashboard/calibration").then((r) => r.json()))) as {
      rupture: { zThreshold: number; latent: { noiseSd: number } };
      implied: { warningsPerTherapistWeek: number };
      notOnTrack: { episodeFpr: number; shortEpisodes: boolean };
    };
    await expect(page.getByTestId("implied").textContent()).resolves.toContain(
      api.implied.warningsPerTherapistWeek.toFixed(2),
    );
    await expect(page.getByTestId("rupture-rule").textContent()).resolves.toContain(
      `z = ${api.rupture.zThreshold.toFixed(2)}`,
    );
    expect(await page.getByTestId("noise").locator("tbody tr").count()).toBeGreaterThan(0);
    // The model the rule uses: the network's mean course and noise, as the API reports them.
    const model = (await page.getByTestId("rupture-model").textContent()) ?? "";
    expect(model).toMatch(/points from session 1 to session 10/);
    expect(model).toContain(`${api.rupture.latent.noiseSd.toFixed(1)} points (SD)`);
    const notRule = (await page.getByTestId("not-rule").textContent()) ?? "";
    expect(notRule).toMatch(/rated sessions in a row below/);
    // The target the rule used (the short-treatment one when the network's episodes are short), and its centre.
    expect(notRule).toContain(`about ${Math.round(api.notOnTrack.episodeFpr * 100)}% of patients`);
    expect(notRule).toContain("centred on the network's median course");
    expect(notRule.includes("Short treatments:")).toBe(api.notOnTrack.shortEpisodes);
    await axe(page, "calibration page");
    await shoot(page, "alerts-calibration");
    await page.close();
  });
});
