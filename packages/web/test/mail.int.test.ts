// E-mail in headless Chromium against the real built UI and server, with a real SMTP server on
// 127.0.0.1 (npm smtp-server) whose received messages the test reads: a coordinator invites a therapist
// by e-mail, the therapist opens the e-mailed link and sets a password, then signs in; a staff member
// who forgot their password asks for a link, opens the e-mail's link, sets a new password and signs in;
// the coordinator's send log shows both delivered. Idle sign-out: with a 3-second period the page
// signs out on its own and says why. axe-core on the new pages; screenshots to bench-out/screenshots.
import { describe, expect, it } from "vitest";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import { ensureBootstrap } from "@attune/server";
import {
  allocate,
  createEpisode,
  createPatient,
  createStudy,
  createUser,
  ensureSession,
  listNetworks,
} from "@attune/db";
import { axe, browserRunnable, DESKTOP, shoot, signIn } from "./browser.ts";
import { webFixture } from "./fixture.ts";

const EMAIL = "coordinator@prn.test";
const PASSWORD = "coordinator-password";
/** The coordinator's password now (the reset test changes it). */
let coordinatorPassword = PASSWORD;

const linkIn = (text: string, path: string) => {
  const m = new RegExp(`http://\\S+/${path}/[A-Za-z0-9_-]+`).exec(text);
  if (!m) throw new Error(`no /${path}/ link in: ${text}`);
  return m[0];
};

// The e-mailing server (its pages write their own address into the e-mailed links: a known port) and a
// second one with a 3-second idle period, whose pages the first one's Chromium opens.
const web = webFixture({
  name: "mail",
  knownPort: true,
  smtp: true,
  config: { requestLog: () => {} },
  seed: (s) => ensureBootstrap(s.store, { network: "Mail network", email: EMAIL, password: PASSWORD }),
});
const idle = webFixture({
  name: "idle",
  knownPort: true,
  browser: false,
  config: { sessionIdleMs: 3000, requestLog: () => {} },
  seed: (s) => ensureBootstrap(s.store, { network: "Idle network", email: EMAIL, password: PASSWORD }),
});

describe.skipIf(!browserRunnable)("e-mail, password reset and idle sign-out in the browser", () => {
  it("invites a therapist by e-mail; the e-mailed link sets the password; they sign in", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP });
    await signIn(page, web.server.url, EMAIL, PASSWORD);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Network set-up" }).click();
    await page.getByRole("heading", { name: "Network set-up" }).waitFor();
    // The invite form's own fields: the staff list's search bar above it also has a "Role" filter.
    const invite = page.getByRole("region", { name: "Invite a staff member" });
    await invite.getByLabel("Name", { exact: true }).fill("Thea Mail");
    await invite.getByLabel("Email (they sign in with it)").fill("thea@prn.test");
    await invite.getByLabel(/^Code/).fill("TM1");
    await invite.getByLabel("Role").selectOption("therapist");
    await invite.getByRole("button", { name: "Create account and invitation link" }).click();
    await page.getByRole("status").filter({ hasText: "E-mailed to thea@prn.test" }).waitFor();
    await shoot(page, "mail-invitation-sent", ["desktop"]);

    const mail = await web.smtp.waitFor("thea@prn.test", /your attune account/);
    expect(mail.subject).toBe("Mail network: your attune account");
    const url = linkIn(mail.text, "invite");
    expect(await page.locator("#invitation-url").inputValue()).toBe(url);

    const invitee = await web.browser.newPage({ viewport: DESKTOP });
    await invitee.goto(url);
    await invitee.getByRole("heading", { name: "Set your password" }).waitFor();
    await invitee.getByLabel("New password").fill("thea's own password");
    await invitee.getByLabel("The same password again").fill("thea's own password");
    await invitee.getByRole("button", { name: "Set my password" }).click();
    await invitee.getByRole("heading", { name: "Your password is set" }).waitFor();
    await signIn(invitee, web.server.url, "thea@prn.test", "thea's own password");
    await invitee.getByRole("button", { name: "Sign out" }).waitFor();
    await invitee.close();

    // The send log shows the invitation as delivered, to whom.
    await page.getByRole("link", { name: "Messages" }).click();
    await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    const row = page.locator("table.messages tbody tr").filter({ hasText: "thea@prn.test" });
    await expect(row.textContent()).resolves.toMatch(/Staff invitation.*Delivered/s);
    await axe(page, "messages");
    await shoot(page, "mail-messages");
    await page.close();
  });

  it("resets a forgotten password through the e-mailed link, then signs in with the new one", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${web.server.url}/`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await axe(page, "forgot");
    await shoot(page, "mail-forgot");
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("status").filter({ hasText: "If an account uses this address" }).waitFor();

    const mail = await web.smtp.waitFor(EMAIL, /new attune password/);
    const url = linkIn(mail.text, "reset");
    await page.goto(url);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await axe(page, "reset");
    await page.getByLabel("New password").fill("a fresh coordinator password");
    await page.getByLabel("The same password again").fill("a fresh coordinator password");
    await page.getByRole("button", { name: "Set my new password" }).click();
    await page.getByRole("heading", { name: "Your new password is set" }).waitFor();
    coordinatorPassword = "a fresh coordinator password";
    // The link works once.
    await page.goto(url);
    await page.getByLabel("New password").fill("another password again");
    await page.getByLabel("The same password again").fill("another password again");
    await page.getByRole("button", { name: "Set my new password" }).click();
    await page.getByRole("alert").filter({ hasText: "This link was already used" }).waitFor();
    // The old password no longer works; the new one does.
    await signIn(page, web.server.url, EMAIL, PASSWORD);
    await page.getByRole("alert").filter({ hasText: "wrong email or password" }).waitFor();
    await signIn(page, web.server.url, EMAIL, "a fresh coordinator password");
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.close();
  });

  it("sends a study's reminders: patients get their links by e-mail, therapists their open ratings", async () => {
    const db = web.server.store.db;
    const net = (await listNetworks(db))[0]!;
    const { study, arms } = await createStudy(db, {
      networkId: net.id,
      name: "Reminder study",
      arms: [{ code: "A", name: "usual care" }],
      schedule: [
        { questionnaireUrl: ALLIANCE_PATIENT, rater: "patient", sessions: "all" },
        { questionnaireUrl: WELLBEING, rater: "patient", sessions: "all" },
        { questionnaireUrl: ALLIANCE_THERAPIST, rater: "therapist", sessions: "all" },
      ],
    });
    const therapist = await createUser(db, {
      networkId: net.id,
      code: "TR1",
      email: "rater@prn.test",
      displayName: "Rita Rater",
      role: "therapist",
    });
    await db.updateTable("users").set({ language: "fr" }).where("id", "=", therapist.id).execute();
    await allocate(db, study.id, therapist.id, arms[0]!.id);
    const patient = await createPatient(db, {
      networkId: net.id,
      code: "PX1",
      contact: { email: "px1@patients.test", language: "fr" },
    });
    const episode = await createEpisode(db, {
      patientId: patient.id,
      therapistId: therapist.id,
      studyId: study.id,
    });
    await ensureSession(db, episode.id, 1, new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10));

    const page = await web.browser.newPage({ viewport: DESKTOP });
    await signIn(page, web.server.url, EMAIL, coordinatorPassword);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.goto(`${web.server.url}/studies/${study.id}/completion`);
    await page.getByRole("button", { name: "Make and send the reminders" }).click();
    const row = page.getByTestId("reminders").locator("tbody tr").filter({ hasText: "PX1" });
    await expect(row.textContent()).resolves.toMatch(/e-mailed \(queued\)/);
    const mail = await web.smtp.waitFor("px1@patients.test", /^Rappel : votre questionnaire de la séance 1$/);
    const link = linkIn(mail.text, "r");
    expect(await row.locator("input").inputValue()).toBe(link);

    await page.getByRole("button", { name: "Remind therapists of their ratings" }).click();
    await page
      .locator("main .ok-box")
      .filter({ hasText: "1 therapist reminded by e-mail (TR1: 1)" })
      .waitFor();
    const tm = await web.smtp.waitFor("rater@prn.test");
    expect(tm.subject).toBe("1 évaluation(s) de séance à faire");
    expect(tm.text).toContain("Patient PX1, séance 1 (en retard)");
    await axe(page, "completion-sent");
    await shoot(page, "mail-reminders-sent", ["desktop"]);

    // The patient opens the e-mailed link: their form.
    const patientPage = await web.browser.newPage();
    await patientPage.goto(link);
    await patientPage.locator("form").first().waitFor();
    await patientPage.close();
    await page.close();
  });

  it("signs out after the idle period and says so on the sign-in page", async () => {
    const page = await web.browser.newPage({ viewport: DESKTOP });
    await signIn(page, idle.server.url, EMAIL, PASSWORD);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    const t0 = Date.now();
    await page
      .getByRole("status")
      .filter({ hasText: "You were signed out after 3 seconds without activity" })
      .waitFor({ timeout: 15_000 });
    const after = Date.now() - t0;
    expect(after).toBeGreaterThan(2000);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    // The server ended the session too: the API refuses the old cookie.
    const me = await page.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me).toBe(401);
    await axe(page, "idle-signed-out");
    await shoot(page, "mail-idle-signed-out");
    await page.close();
  });
});
