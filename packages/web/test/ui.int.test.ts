// End to end in headless Chromium against the real built UI and server: a patient answers through a
// link, the therapist's open dashboard shows the new point and the rupture alert without a reload, the
// therapist rates the session, congruence updates; axe-core finds no serious or critical violation on
// any page. Screenshots of every page at phone and desktop width go to bench-out/screenshots/.
import { describe, expect, it } from "vitest";
import { createLink } from "@attune/db";
import { axe, browserRunnable, DESKTOP, PHONE, shoot } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web", { therapists: 12 });

describe.skipIf(!browserRunnable)("web UI end to end (headless Chromium)", () => {
  it("patient answers, dashboard updates live with the rupture, therapist rates, congruence updates", async () => {
    const { server, browser } = web;
    const link = web.demo.patientLink;
    const linkPatient = web.demo.patientCode;
    const staff = await browser.newPage({ viewport: DESKTOP });
    await staff.goto(`${server.url}/`);
    await staff.getByRole("heading", { name: "Sign in" }).waitFor();
    await axe(staff, "sign-in");
    await shoot(staff, "signin");
    await staff.getByLabel("Email").fill(web.user("therapist").email);
    await staff.getByLabel("Password").fill(DEMO_PASSWORD);
    await staff.getByRole("button", { name: "Sign in" }).click();
    await staff.getByRole("heading", { name: /Caseload of/ }).waitFor();
    await axe(staff, "caseload");
    await shoot(staff, "caseload");

    // Open the page of the link's patient.
    const first = linkPatient;
    // The caseload list's link (the "Upcoming sessions" list above it links the patient too).
    await staff
      .getByRole("list", { name: /^Patients/ })
      .getByRole("link", { name: `Patient ${first}` })
      .click();
    await staff.getByRole("heading", { name: `Patient ${first}` }).waitFor();
    // The sessions table (the session-format card has a table of its own).
    const rowsBefore = await staff.locator("table.sessions tbody tr").count();
    await axe(staff, "patient page");

    // The patient answers on a phone: a sharp drop of the alliance.
    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(`${server.url}${link}`);
    await phone.getByRole("heading", { name: "After your session" }).waitFor();
    await axe(phone, "patient form");
    await shoot(phone, "patient-form");
    await phone.getByRole("button", { name: "Français" }).click();
    await phone.getByRole("heading", { name: "Après votre séance" }).waitFor();
    await shoot(phone, "patient-form-fr");
    await phone.getByRole("button", { name: "English" }).click();
    await phone.getByRole("button", { name: "Send my answers" }).click();
    await phone.getByRole("alert").filter({ hasText: "Please answer" }).waitFor();
    const sets = phone.locator("fieldset");
    const n = await sets.count();
    for (let i = 0; i < n; i++) await sets.nth(i).locator('input[value="1"]').check();
    await phone.getByText(`${n} of ${n} answered`).waitFor();
    // Without reloading, the therapist's page shows the new session and the rupture alert. The
    // watch starts before the click so the latency is the page's, not the axe scan's that follows.
    const seen = staff
      .locator("table.sessions tbody tr")
      .nth(rowsBefore - 1)
      .getByText(/Rupture/)
      .waitFor({ timeout: 5000 })
      .then(() => Date.now());
    const sent = Date.now();
    await phone.getByRole("button", { name: "Send my answers" }).click();
    await phone.getByRole("heading", { name: "Thank you!" }).waitFor();
    await axe(phone, "thank-you");
    await shoot(phone, "patient-thanks");
    const latency = (await seen) - sent;
    console.log(`patient "Send" → rupture on the therapist's open page: ${latency} ms`);
    expect(latency).toBeLessThan(2000);
    await staff.locator(".chart .band").first().waitFor();
    await staff.locator(".alert.rupture").first().waitFor();
    await expect(staff.locator(".alert.rupture").first().textContent()).resolves.toMatch(/What helps/);
    await staff.setViewportSize(DESKTOP);
    await axe(staff, "patient page with alert");
    await shoot(staff, "patient-page");

    // The therapist rates the same session; congruence updates.
    await staff.getByRole("heading", { name: /Your rating of session/ }).waitFor();
    const form = staff.locator("form.rate fieldset");
    for (let i = 0; i < (await form.count()); i++) await form.nth(i).locator('input[value="5"]').check();
    await staff.getByRole("button", { name: "Save my rating" }).click();
    await staff.getByText(/Your rating of session \d+ is saved/).waitFor();
    await expect(staff.getByTestId("congruence").textContent()).resolves.toMatch(
      /you rate 100 points higher than your patient/,
    );

    // The same link again: already used.
    const again = await browser.newPage({ viewport: PHONE });
    await again.goto(`${server.url}${link}`);
    await again.getByRole("heading", { name: "This link was already used" }).waitFor();
    await axe(again, "used link");
    await shoot(again, "patient-used");
    const used = await server.store.db.selectFrom("patient_links").selectAll().executeTakeFirstOrThrow();
    const { token: expired } = await createLink(server.store.db, {
      networkId: used.network_id,
      episodeId: used.episode_id,
      sessionId: used.session_id,
      forms: JSON.parse(used.forms) as string[],
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      createdBy: used.created_by,
    });
    await again.goto(`${server.url}/r/${expired}?lang=fr`);
    await again.getByRole("heading", { name: "Ce lien a expiré" }).waitFor();
    await axe(again, "expired link");
    await shoot(again, "patient-expired-fr");
    await again.goto(`${server.url}/r/${"x".repeat(43)}`);
    await again.getByRole("heading", { name: "This link does not work" }).waitFor();

    await staff.getByRole("link", { name: "My attunement" }).click();
    await staff.getByRole("heading", { name: "My attunement" }).waitFor();
    await axe(staff, "attunement");
    await shoot(staff, "attunement");
    await staff.getByRole("link", { name: "Caseload" }).click();
    await staff.getByRole("heading", { name: /Caseload of/ }).waitFor();
    await shoot(staff, "caseload-after");
  });
});
