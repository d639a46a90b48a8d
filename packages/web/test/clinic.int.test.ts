// Everyday use by a clinic (issue 14), in headless Chromium against the real built UI and server, with a
// real SMTP server on 127.0.0.1 (npm smtp-server) whose received messages the test reads:
// - the coordinator turns on "patients see their own progress" on the network page;
// - the therapist sets the patient's message language to French on the patient's page, makes the next
//   session's link and clicks "Send to the patient": the e-mail arrives in French with the link, and the
//   link opens the patient's form;
// - the patient answers on a phone and the thank-you page shows their own well-being and alliance over
//   their two sessions (charts with a text alternative and a table; no therapist rating); with the setting
//   off again, the next send shows no graph;
// - the coordinator's dozen nav links fold behind a keyboard-operable "Menu" button on a 390 px phone.
// axe-core on every new page; screenshots to bench-out/screenshots/clinic-*.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import { ensureBootstrap, hashPassword, type RunningServer } from "@attune/server";
import {
  allocate,
  createEpisode,
  createLink,
  createPatient,
  createStudy,
  createUser,
  ensureSession,
  listNetworks,
} from "@attune/db";
import { axe, browserRunnable, DESKTOP, PHONE, shoot, signIn } from "./browser.ts";
import { webFixture } from "./fixture.ts";

const COORDINATOR = "coordinator@clinic.test";
const THERAPIST = "thera@clinic.test";
const PASSWORD = "clinic-test-password";
const PATIENT_EMAIL = "pc1@patients.test";

/**
 * The clinic: its coordinator, a study, a therapist allocated to it and a patient with an e-mail address
 * whose session 1 was answered through its link.
 */
async function seedClinic(server: RunningServer): Promise<{ episodeId: string }> {
  await ensureBootstrap(server.store, {
    network: "Clinic network",
    email: COORDINATOR,
    password: PASSWORD,
  });
  const db = server.store.db;
  const net = (await listNetworks(db))[0]!;
  const { study, arms } = await createStudy(db, {
    networkId: net.id,
    name: "Clinic study",
    arms: [{ code: "A", name: "usual care" }],
    schedule: [
      { questionnaireUrl: ALLIANCE_PATIENT, rater: "patient", sessions: "all" },
      { questionnaireUrl: WELLBEING, rater: "patient", sessions: "all" },
      { questionnaireUrl: ALLIANCE_THERAPIST, rater: "therapist", sessions: "all" },
    ],
  });
  const therapist = await createUser(db, {
    networkId: net.id,
    code: "TC1",
    email: THERAPIST,
    displayName: "Thea Clinic",
    role: "therapist",
    passwordHash: await hashPassword(PASSWORD),
  });
  await allocate(db, study.id, therapist.id, arms[0]!.id);
  // The coordinator recorded the patient's address (no language: English until the therapist sets one).
  const patient = await createPatient(db, {
    networkId: net.id,
    code: "PC1",
    contact: { email: PATIENT_EMAIL },
  });
  const episode = await createEpisode(db, {
    patientId: patient.id,
    therapistId: therapist.id,
    studyId: study.id,
  });
  // Session 1, answered a week ago through its link (alliance all 5s, well-being all 1s).
  const s1 = await ensureSession(
    db,
    episode.id,
    1,
    new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
  );
  const { token } = await createLink(db, {
    networkId: net.id,
    episodeId: episode.id,
    sessionId: s1.id,
    forms: [ALLIANCE_PATIENT, WELLBEING],
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    createdBy: therapist.id,
  });
  const page = await (await fetch(`${server.url}/api/r/${token}`)).json();
  expect(page).toMatchObject({ submitted: false });
  const answers = (url: string, ids: string[], v: number) => ({
    resourceType: "QuestionnaireResponse",
    questionnaire: url,
    status: "completed",
    item: ids.map((linkId) => ({ linkId, answer: [{ valueInteger: v }] })),
  });
  const sent = await fetch(`${server.url}/api/r/${token}/submit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      responses: [
        answers(ALLIANCE_PATIENT, ["goal", "task", "bond1", "bond2"], 5),
        answers(WELLBEING, ["mood", "calm", "coping"], 1),
      ],
    }),
  });
  expect(sent.status).toBe(200);
  return { episodeId: episode.id };
}

const web = webFixture({ name: "clinic", smtp: true, config: { requestLog: () => {} }, seed: seedClinic });

describe.skipIf(!browserRunnable)("a clinic's everyday use in the browser", () => {
  /** Answers every question of the patient form on `page` with `value`, sends, and waits for the thanks. */
  async function answerAndSend(page: Page, value: number): Promise<void> {
    await page.getByRole("heading", { name: "After your session" }).waitFor();
    const sets = page.locator("fieldset");
    const n = await sets.count();
    for (let i = 0; i < n; i++) await sets.nth(i).locator(`input[value="${value}"]`).check();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.getByRole("heading", { name: "Thank you!" }).waitFor();
  }

  /** The coordinator sets "patients see their own progress" on the network page. */
  async function setSharing(on: boolean): Promise<void> {
    const page = await web.browser.newPage({ viewport: DESKTOP });
    await signIn(page, web.server.url, COORDINATOR, PASSWORD);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Network set-up" }).click();
    const card = page.getByRole("region", { name: "Patients' own progress" });
    await card.waitFor();
    const box = card.getByLabel("Show patients their own progress after they send a form");
    expect(await box.isChecked()).toBe(!on);
    await box.setChecked(on);
    await card.getByRole("button", { name: "Save" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: on ? "now see" : "no longer see" })
      .waitFor();
    if (on) {
      await axe(page, "network page with the progress setting");
      await shoot(page, "clinic-network-progress-setting");
    }
    await page.close();
  }

  it("sends the link by e-mail in French; the patient answers and sees their own progress", async () => {
    await setSharing(true);

    const staff = await web.browser.newPage({ viewport: DESKTOP });
    await signIn(staff, web.server.url, THERAPIST, PASSWORD);
    await staff.getByRole("heading", { name: /Caseload of/ }).waitFor();
    await staff.goto(`${web.server.url}/patients/${web.seeded.episodeId}`);
    await staff.getByRole("heading", { name: "Patient PC1" }).waitFor();
    const language = staff.getByLabel("Language of the patient's messages");
    await expect.poll(() => language.isEnabled()).toBe(true);
    expect(await language.inputValue()).toBe("en");
    await language.selectOption("fr");
    await staff.getByTestId("language-saved").filter({ hasText: "now written in French" }).waitFor();
    await staff.getByRole("button", { name: "New session and patient link" }).click();
    const card = staff.getByTestId("link-card");
    await card.waitFor();
    const url = await staff.locator("#link-out").inputValue();
    await card.getByRole("button", { name: "Send to the patient" }).click();
    await card.getByTestId("link-sent").filter({ hasText: "E-mailed to the patient" }).waitFor();
    await axe(staff, "patient page after sending");
    await shoot(staff, "clinic-therapist-sent");

    // What the patient's mailbox received: in French, with the page's link.
    const mail = await web.smtp.waitFor(PATIENT_EMAIL);
    expect(mail.subject).toMatch(/^Votre court questionnaire après la séance 2$/);
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url}"`);
    // The page still says French after a reload (it was stored, not only shown).
    await staff.reload();
    await expect.poll(() => staff.getByLabel("Language of the patient's messages").inputValue()).toBe("fr");
    await staff.close();

    // The e-mailed link opens the patient's form on a phone; they answer (alliance 3s, well-being 4s).
    const phone = await web.browser.newPage({ viewport: PHONE, locale: "en-GB" });
    await phone.goto(url);
    await phone.locator("form").first().waitFor();
    await phone.getByRole("button", { name: "English" }).click();
    const sets = phone.locator("fieldset");
    const n = await sets.count();
    for (let i = 0; i < n; i++) {
      const alliance = (await sets.nth(i).locator('input[value="5"]').count()) > 0;
      await sets
        .nth(i)
        .locator(`input[value="${alliance ? 3 : 4}"]`)
        .first()
        .check();
    }
    await phone.getByRole("button", { name: "Send my answers" }).click();
    await phone.getByRole("heading", { name: "Thank you!" }).waitFor();
    const progress = phone.getByRole("region", { name: "Your progress" });
    await progress.waitFor();
    // Two charts with a text alternative, each on its form's scale, the direction in words.
    const feeling = progress.getByRole("img", { name: /How you have been feeling/ });
    await feeling.waitFor();
    expect(await progress.textContent()).toContain("A higher point means you felt better.");
    expect(await progress.textContent()).toContain("Scale from 0 to 4.");
    expect(await progress.textContent()).toContain("Scale from 1 to 5.");
    // The table: session 1 (well-being 1, alliance 5), session 2 as answered now.
    const rows = progress.locator("table tbody tr");
    expect(await rows.count()).toBe(2);
    expect((await rows.nth(0).textContent())?.replace(/\s+/g, " ")).toMatch(/^ ?1 .* 1 5 ?$/);
    const second = (await rows.nth(1).textContent())?.replace(/\s+/g, " ") ?? "";
    expect(second).toMatch(/^ ?2 /);
    expect(second).toMatch(/ 4 \d(\.\d+)? ?$/);
    // The whole table fits the phone: no column hidden behind a sideways scroll.
    const wrap = progress.locator(".table-wrap");
    const [sw, cw] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(sw).toBeLessThanOrEqual(cw);
    // Nothing of the therapist's side.
    expect(await progress.textContent()).not.toMatch(/therapist's rating|Rupture|alert/i);
    await axe(phone, "thank-you with progress");
    await shoot(phone, "clinic-patient-progress");
    // In French too.
    await phone.getByRole("button", { name: "Français" }).click();
    await phone.getByRole("region", { name: "Votre évolution" }).waitFor();
    await shoot(phone, "clinic-patient-progress-fr", ["phone"]);
    await phone.close();
  });

  it("shows no graph once the network turns it off", async () => {
    await setSharing(false);
    const db = web.server.store.db;
    const net = (await listNetworks(db))[0]!;
    const s3 = await ensureSession(db, web.seeded.episodeId, 3, new Date().toISOString().slice(0, 10));
    const { token } = await createLink(db, {
      networkId: net.id,
      episodeId: web.seeded.episodeId,
      sessionId: s3.id,
      forms: [ALLIANCE_PATIENT, WELLBEING],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      createdBy: (
        await db.selectFrom("users").select("id").where("email", "=", THERAPIST).executeTakeFirstOrThrow()
      ).id,
    });
    const phone = await web.browser.newPage({ viewport: PHONE, locale: "en-GB" });
    await phone.goto(`${web.server.url}/r/${token}`);
    await answerAndSend(phone, 2);
    // The answer went in; the page says thanks and nothing more.
    await phone.waitForLoadState("networkidle");
    expect(await phone.getByRole("region", { name: "Your progress" }).count()).toBe(0);
    expect(await phone.locator("svg").count()).toBe(0);
    await phone.close();
  });

  it("folds the coordinator's nav behind a keyboard-operable menu on a phone", async () => {
    const page = await web.browser.newPage({ viewport: PHONE });
    await signIn(page, web.server.url, COORDINATOR, PASSWORD);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    const nav = page.getByRole("navigation");
    const menu = nav.getByRole("button", { name: "Menu" });
    const messages = nav.getByRole("link", { name: "Messages" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await messages.isVisible()).toBe(false);
    // The header is two rows (brand and language; the menu button), not four.
    const header = await page.locator("header.top").boundingBox();
    expect(header!.height).toBeLessThan(130);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      PHONE.width,
    );
    await shoot(page, "clinic-coordinator-nav-closed", ["phone"]);

    // Keyboard: Enter opens it, Tab reaches the links, Escape closes it and gives focus back.
    await menu.focus();
    await page.keyboard.press("Enter");
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await messages.waitFor({ state: "visible" });
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement?.tagName")).toBe("A");
    await shoot(page, "clinic-coordinator-nav-open", ["phone"]);
    await axe(page, "coordinator nav open on a phone");
    await page.keyboard.press("Escape");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate<string>("document.activeElement?.textContent?.trim()")).toBe("Menu");
    // Choosing a link goes there and folds the menu again.
    await menu.click();
    await messages.click();
    await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    // On a desktop every link is in the header row and there is no menu button.
    await page.setViewportSize(DESKTOP);
    expect(await menu.isVisible()).toBe(false);
    expect(await messages.isVisible()).toBe(true);
    await page.close();
  });
});
