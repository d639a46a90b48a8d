// The printable progress report in the browser, end to end against the real built UI and server (headless
// Chromium): a therapist acknowledges an alert with a note, opens the report from the patient's page, and
// the report shows the page's sessions (number, date, both alliance ratings), every alert with its date
// and what was done (the note, who, when); printed at an A4 width every column of every table is on the
// paper; the PDF link downloads a PDF. Screenshots at 390 and 1280 px.
import { describe, expect, it } from "vitest";
import { axe, browserRunnable, DESKTOP, shoot } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-report", { therapists: 10, sessions: 8 });
const PASSWORD = DEMO_PASSWORD;

interface Alert {
  kind: string;
  session: number;
  date?: string;
}
interface View {
  therapistName: string;
  series: {
    session: number;
    date?: string;
    alliancePatient: number | null;
    allianceTherapist: number | null;
  }[];
  alerts: (Alert & { acknowledged?: { note?: string | null } })[];
}

describe.skipIf(!browserRunnable)("progress report (headless Chromium)", () => {
  it("shows the page's sessions, alerts with dates and the note; prints every column; downloads a PDF", async () => {
    const page = await web.signedIn(web.user("therapist").email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    const caseload = (await page.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.json()))) as {
      patients: { episodeId: string; alerts: Alert[] }[];
    };
    const row = caseload.patients.find((p) => p.alerts.length > 0)!;
    expect(row, "the demo therapist has an open alert").toBeDefined();
    const alert = row.alerts[0]!;
    await page.goto(`${web.server.url}/patients/${row.episodeId}`);
    const note = "Talked it through; agreed to revisit the goals next time";
    await page.locator(`#ack-note-${alert.kind}-${alert.session}`).fill(note);
    await page
      .getByRole("button", { name: new RegExp(`^Acknowledge the .* alert of session ${alert.session}$`) })
      .first()
      .click();
    await page.getByText(`Your note: “${note}”`).waitFor();

    await page.getByRole("link", { name: "Printable progress report" }).click();
    await page.getByRole("heading", { name: /^Progress report — patient / }).waitFor();
    const view = (await page.evaluate(
      (id) => fetch(`/api/dashboard/episodes/${id}`).then((r) => r.json()),
      row.episodeId,
    )) as View;
    // The sessions: one row per session of the page's answer, with its date and both ratings.
    const rows = page.locator("table.sessions tbody tr");
    expect(await rows.count()).toBe(view.series.length);
    for (const [i, s] of view.series.entries()) {
      const cells = (await rows.nth(i).locator("th, td").allTextContents()).map((c) => c.trim());
      expect(cells[0]).toBe(`${s.session}${s.date ?? ""}`);
      expect(cells[1]).toBe(s.alliancePatient === null ? "—" : String(Math.round(s.alliancePatient)));
      expect(cells[2]).toBe(s.allianceTherapist === null ? "—" : String(Math.round(s.allianceTherapist)));
    }
    // Every alert with its date, and what was done about the acknowledged one (who, when, the note).
    const alertRows = page.getByTestId("report-alerts").locator("tbody tr");
    expect(await alertRows.count()).toBe(view.alerts.length);
    for (const [i, a] of view.alerts.entries()) {
      const cells = (await alertRows.nth(i).locator("th, td").allTextContents()).map((c) => c.trim());
      expect(cells[0]).toBe(a.date ?? "—");
      expect(cells[1]).toBe(String(a.session));
    }
    const i = view.alerts.findIndex((a) => a.kind === alert.kind && a.session === alert.session);
    const done = (await alertRows.nth(i).locator("td").last().textContent())!.trim();
    expect(done).toBe(
      `Acknowledged by ${view.therapistName} on ${new Date().toISOString().slice(0, 10)}. Note: “${note}”`,
    );
    await axe(page, "progress report");
    await shoot(page, "progress-report", ["phone", "desktop"]);

    // Printed at an A4 text width: the tools are gone and every column of every table is on the paper.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 643, height: 1000 });
    expect(await page.locator(".report-tools").isVisible()).toBe(false);
    const cut = await page.evaluate(`[...document.querySelectorAll("table thead th")].flatMap((th) => {
      const r = th.getBoundingClientRect();
      return r.width < 1 || r.right > document.documentElement.clientWidth + 1 ? [th.textContent] : [];
    })`);
    expect(cut).toEqual([]);
    expect(await page.locator("table.sessions thead th").count()).toBe(7);
    await page.emulateMedia({ media: "screen" });

    // The PDF link downloads the server's rendering of the same answer.
    await page.setViewportSize(DESKTOP);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^attune-progress-P\d+\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });
});
