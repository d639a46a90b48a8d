// One acknowledgement per outcome form, in the browser (headless Chromium): a network following PHQ-9 and
// the well-being form gets a not-on-track alert from each at the same session; the therapist acknowledges
// PHQ-9's on the patient's page, and the well-being form's stays open there and on the caseload. The
// coordinator's calibration page counts both forms' alerts. Short on purpose (one page each).
import { describe, expect, it } from "vitest";
import { scheduleMirroredPhq9 } from "@attune/server/testing/secondOutcome";
import { axe, browserRunnable, DESKTOP, signIn } from "./browser.ts";
import { DEMO_PASSWORD as PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture(
  "web-alert-forms",
  {},
  { thenSeed: (server, demo) => scheduleMirroredPhq9(server.store, demo.networkId) },
);

interface Row {
  episodeId: string;
  alerts: { kind: string; session: number; why: Record<string, unknown> }[];
}
const notOnTrack = (r: Row | undefined, form: string) =>
  (r?.alerts ?? []).filter((a) => a.kind === "not-on-track" && a.why.form === form).map((a) => a.session);

describe.skipIf(!browserRunnable)("alerts of two outcome forms in the browser (headless Chromium)", () => {
  it(
    "acknowledging PHQ-9's not on track leaves the well-being form's open",
    { timeout: 120_000 },
    async () => {
      const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
      await signIn(page, web.server.url, web.user("therapist").email, PASSWORD);
      await page.getByRole("list", { name: /^Patients/ }).waitFor();
      const caseload = async () =>
        (
          (await page.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.json()))) as {
            patients: Row[];
          }
        ).patients;
      const row = (await caseload()).find((p) =>
        notOnTrack(p, "phq-9").some((s) => notOnTrack(p, "wellbeing").includes(s)),
      );
      expect(row, "a patient with both forms' not on track open at one session").toBeDefined();
      const at = notOnTrack(row, "phq-9").find((s) => notOnTrack(row, "wellbeing").includes(s))!;
      await page.goto(`${web.server.url}/patients/${row!.episodeId}`);
      await page.getByRole("heading", { name: "Before the next session" }).waitFor();
      const phq9 = page.getByRole("button", {
        name: `Acknowledge the Not on track (PHQ-9) alert of session ${at}`,
      });
      const wellbeing = page.getByRole("button", {
        name: `Acknowledge the Not on track (Well-being) alert of session ${at}`,
      });
      await wellbeing.first().waitFor();
      await phq9.first().click();
      await page.locator("#page-live").filter({ hasText: "Alert acknowledged." }).waitFor();
      // PHQ-9's card now says acknowledged; the well-being form's still offers its button.
      await expect.poll(() => phq9.count()).toBe(0);
      expect(await wellbeing.count()).toBeGreaterThan(0);
      await axe(page, "one form acknowledged");
      const same = (await caseload()).find((p) => p.episodeId === row!.episodeId);
      expect(notOnTrack(same, "phq-9")).not.toContain(at);
      expect(notOnTrack(same, "wellbeing")).toContain(at);
      await page.close();
    },
  );

  it("the coordinator's calibration page counts every form's not on track", { timeout: 90_000 }, async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
    await signIn(page, web.server.url, web.user("coordinator").email, PASSWORD);
    await page.getByRole("navigation").first().getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "Alert calibration" }).waitFor({ timeout: 60_000 });
    const api = (await page.evaluate(() => fetch("/api/dashboard/calibration").then((r) => r.json()))) as {
      implied: {
        notOnTrackPer100Sessions: number;
        notOnTrackByForm: { form: string; per100Sessions: number }[];
      };
    };
    const forms = api.implied.notOnTrackByForm.map((x) => x.form).sort();
    expect(forms).toEqual(["phq-9", "wellbeing"]);
    const sum = api.implied.notOnTrackByForm.reduce((a, x) => a + x.per100Sessions, 0);
    expect(api.implied.notOnTrackPer100Sessions).toBeCloseTo(sum, 2);
    const rows = page.getByTestId("implied-form");
    await expect.poll(() => rows.count()).toBe(2);
    const text = ((await page.getByTestId("implied").textContent()) ?? "").replace(/\s+/g, " ");
    expect(text).toContain("Not on track, PHQ-9 / 100 sessions");
    expect(text).toContain("Not on track, well-being / 100 sessions");
    await page.close();
  });
});
