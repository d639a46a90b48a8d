// The therapist's patient page in headless Chromium, against the real built UI and server: "New session and
// patient link" makes one session with a link (copy button, expiry, QR code of that same link), a second
// click is harmless (the same session, no error), the rating form stays on the session held and the
// caseload's "rating due" agrees; a scheduled licensed form without wording is said before the click and
// nothing is stored; a coordinator reading the page is not addressed as the therapist.
import { describe, expect, it } from "vitest";
import { create } from "qrcode";
import { createEpisode, createPatient, createStudy, getPatientByCode } from "@attune/db";
import { ATTUNE_CANONICAL } from "@attune/core";
import { WHY_LABEL_EN } from "../src/therapist/whyText.ts";
import { axe, browserRunnable, DESKTOP, PHONE, shoot, signIn } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-next", { therapists: 6 });
const PASSWORD = DEMO_PASSWORD;

describe.skipIf(!browserRunnable)("the therapist's next session and patient link (headless Chromium)", () => {
  const sessionsOf = async (episodeId: string) =>
    (
      await web.server.store.db
        .selectFrom("therapy_sessions")
        .select("number")
        .where("episode_id", "=", episodeId)
        .execute()
    ).length;

  it("one session per day however often it is clicked; the form stays on the session held", async () => {
    const db = web.server.store.db;
    const therapist = web.demo.users.find((u) => u.role === "therapist")!;
    const patient = (await getPatientByCode(db, web.demo.networkId, web.demo.patientCode))!;
    const episode = await db
      .selectFrom("episodes")
      .selectAll()
      .where("patient_id", "=", patient.id)
      .executeTakeFirstOrThrow();

    // The patient answers the demo link (the session held today).
    const phone = await web.browser.newPage({ viewport: PHONE });
    await phone.goto(`${web.server.url}${web.demo.patientLink}`);
    const sets = phone.locator("fieldset");
    await sets.first().waitFor();
    // The lowest answer on every form: a drop the calibrated rules flag (a mid-scale answer no longer need be one).
    for (let i = 0; i < (await sets.count()); i++) await sets.nth(i).locator('input[value="1"]').check();
    await phone.getByRole("button", { name: "Send my answers" }).click();
    await phone.getByRole("heading", { name: "Thank you!" }).waitFor();
    const held = await sessionsOf(episode.id);

    const context = await web.browser.newContext({
      viewport: DESKTOP,
      locale: "en-GB",
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await signIn(page, web.server.url, therapist.email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    await page.goto(`${web.server.url}/patients/${episode.id}`);
    await page.getByRole("heading", { name: `Your rating of session ${held}` }).waitFor();

    // The alert's "why" speaks in words, not the rule's field names ("drop from mean", "episode fpr", "z").
    const alert = page.locator("article.alert").first();
    await alert.getByText("Why this alert").click();
    const labels = await alert.locator(".why li span").allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(Object.values(WHY_LABEL_EN)).toContain(l);

    await page.getByRole("button", { name: "New session and patient link" }).click();
    const card = page.getByTestId("link-card");
    await card.getByRole("heading", { name: `Link for session ${held + 1}` }).waitFor();
    const url = await card.getByRole("textbox").inputValue();
    expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{40,}$/);
    await expect(card.getByTestId("link-expiry").textContent()).resolves.toMatch(
      /^Works once, until .*20\d\d/,
    );
    // The QR code is the link shown (as many dark modules as qrcode gives this url).
    const dark = create(url, { errorCorrectionLevel: "M" }).modules.data.reduce((n, b) => n + b, 0);
    const d = await card.locator("svg.qr path").getAttribute("d");
    expect(d?.match(/M/g)?.length).toBe(dark);
    await expect(card.getByRole("img", { name: /QR code of the link for session/ }).count()).resolves.toBe(1);
    await card.getByRole("button", { name: "Copy the link" }).click();
    await page.getByText("Link copied.").waitFor();
    await expect(page.evaluate("navigator.clipboard.readText()")).resolves.toBe(url);
    // The new session did not take the rating form from the session held.
    await expect(page.getByRole("heading", { name: /^Your rating of session/ }).textContent()).resolves.toBe(
      `Your rating of session ${held}`,
    );
    await axe(page, "patient page with the link card");
    await shoot(page, "patient-link-card");

    // A second click: no error, the same session, a new link.
    await page.getByRole("button", { name: "New session and patient link" }).click();
    await card
      .getByText(`Session ${held + 1} was already made today`)
      .first()
      .waitFor();
    expect(await card.getByRole("textbox").inputValue()).not.toBe(url);
    await expect(page.getByRole("alert").count()).resolves.toBe(0);
    expect(await sessionsOf(episode.id)).toBe(held + 1);

    // After a reload the form is still on the session held, and the caseload says its rating is due.
    await page.reload();
    await page.getByRole("heading", { name: `Your rating of session ${held}` }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Caseload" }).click();
    const row = page
      .locator("li.case")
      .filter({ has: page.getByRole("link", { name: `Patient ${web.demo.patientCode}` }) });
    await row.getByText("Your rating is due").waitFor();
    await context.close();
  });

  it("says before the click that a scheduled licensed form has no wording, and stores nothing", async () => {
    const db = web.server.store.db;
    const therapist = web.demo.users.find((u) => u.role === "therapist")!;
    const t = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", therapist.email)
      .executeTakeFirstOrThrow();
    // A study set up before studies were checked (or whose wording was withdrawn since).
    const { study } = await createStudy(db, {
      networkId: web.demo.networkId,
      name: "Licensed form study",
      arms: [],
      schedule: [
        { questionnaireUrl: `${ATTUNE_CANONICAL}/Questionnaire/wai-sr`, rater: "patient", sessions: "all" },
      ],
    });
    const p = await createPatient(db, { networkId: web.demo.networkId, code: "PWAI" });
    const e = await createEpisode(db, { patientId: p.id, therapistId: t.id, studyId: study.id });
    const page = await web.signedIn(therapist.email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    await page.goto(`${web.server.url}/patients/${e.id}`);
    const blocked = page.getByTestId("link-blocked");
    await blocked.waitFor();
    await expect(blocked.textContent()).resolves.toMatch(
      /Patient links cannot be made yet: “.*WAI.*” has no wording/,
    );
    await expect(blocked.textContent()).resolves.toMatch(/Instruments page/);
    await expect(
      page.getByRole("button", { name: "New session and patient link" }).isDisabled(),
    ).resolves.toBe(true);
    expect(await sessionsOf(e.id)).toBe(0);
  });

  it("a coordinator reading a therapist's patient sees the therapist named, never 'you'", async () => {
    const coordinator = web.demo.users.find((u) => u.role === "coordinator")!;
    const patient = (await getPatientByCode(web.server.store.db, web.demo.networkId, web.demo.patientCode))!;
    const episode = await web.server.store.db
      .selectFrom("episodes as e")
      .innerJoin("users as u", "u.id", "e.therapist_id")
      .select(["e.id", "u.display_name"])
      .where("e.patient_id", "=", patient.id)
      .executeTakeFirstOrThrow();
    const page = await web.signedIn(coordinator.email, PASSWORD);
    await page.getByRole("link", { name: "Studies" }).waitFor();
    await page.goto(`${web.server.url}/patients/${episode.id}`);
    await page.getByRole("heading", { name: "Sessions", exact: true }).waitFor();
    const text = (await page.locator("main").textContent())!;
    expect(text).not.toMatch(/Your alliance|Gap \(you − patient\)|Your view|you rate|than you\b|you agree/);
    expect(text).toContain("Gap (therapist − patient)");
    expect(text).toContain(`Alliance: ${episode.display_name}'s view and the patient's`);
    await page.getByRole("navigation").getByRole("link", { name: "Caseload" }).click();
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(/Your alliance|Your rating is due/);
    // Find a patient: by code, then only those needing attention, then by code order.
    const all = await page.locator("li.case").count();
    await page.getByLabel("Find a patient").fill(web.demo.patientCode);
    await expect(page.locator("li.case").count()).resolves.toBe(1);
    await page.getByTestId("find-found").getByText(`1 of ${all} patients shown.`).waitFor();
    await page.getByLabel("Find a patient").fill("");
    await page.getByLabel("Only those needing attention").check();
    const needing = await page.locator("li.case").count();
    expect(needing).toBeLessThan(all);
    expect(await page.locator("li.case:not(.urgent):not(.watch)").count()).toBe(0);
    await page.getByLabel("Only those needing attention").uncheck();
    await page.getByLabel("Order").selectOption("code");
    const codes = await page.locator("li.case .case-link strong").allTextContents();
    expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
  });
});
