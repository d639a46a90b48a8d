// E-mail in headless Chromium against the real built UI and server, with a real SMTP server on
// 127.0.0.1 (npm smtp-server) whose received messages the test reads: a coordinator invites a therapist
// by e-mail, the therapist opens the e-mailed link and sets a password, then signs in; a staff member
// who forgot their password asks for a link, opens the e-mail's link, sets a new password and signs in;
// the coordinator's send log shows both delivered. Idle sign-out: with a 3-second period the page
// signs out on its own and says why. axe-core on the new pages; screenshots to bench-out/screenshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import { ensureBootstrap, startServer, type RunningServer } from "@attune/server";
import {
  allocate,
  createEpisode,
  createPatient,
  createStudy,
  createUser,
  ensureSession,
  listNetworks,
} from "@attune/db";
import { startTestSmtp, type TestSmtp } from "@attune/server/testing/smtp";
import { axe, browserRunnable, DESKTOP, launchBrowser, shoot, signIn, WEB_DIST } from "./browser.ts";

const EMAIL = "coordinator@prn.test";
const PASSWORD = "coordinator-password";
/** The coordinator's password now (the reset test changes it). */
let coordinatorPassword = PASSWORD;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`http://\\S+/${path}/[A-Za-z0-9_-]+`).exec(text);
  if (!m) throw new Error(`no /${path}/ link in: ${text}`);
  return m[0];
};

describe.skipIf(!browserRunnable)("e-mail, password reset and idle sign-out in the browser", () => {
  let server: RunningServer;
  let idleServer: RunningServer;
  let smtp: TestSmtp;
  let browser: Browser;
  const dirs: string[] = [];
  beforeAll(async () => {
    smtp = await startTestSmtp();
    const dir = mkdtempSync(join(tmpdir(), "attune-mail-"));
    const idleDir = mkdtempSync(join(tmpdir(), "attune-idle-"));
    dirs.push(dir, idleDir);
    server = await startServer({
      dataDir: dir,
      port: await freePort(),
      webDir: WEB_DIST,
      config: {
        smtp: { host: "127.0.0.1", port: smtp.port, security: "none", from: "prn@clinic.test" },
        messageRetry: { attempts: 3, baseDelayMs: 100 },
        requestLog: () => {},
      },
    });
    await ensureBootstrap(server.store, { network: "Mail network", email: EMAIL, password: PASSWORD });
    idleServer = await startServer({
      dataDir: idleDir,
      port: await freePort(),
      webDir: WEB_DIST,
      config: { sessionIdleMs: 3000, requestLog: () => {} },
    });
    await ensureBootstrap(idleServer.store, { network: "Idle network", email: EMAIL, password: PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idleServer?.close();
    await smtp?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("invites a therapist by e-mail; the e-mailed link sets the password; they sign in", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, server.url, EMAIL, PASSWORD);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Network set-up" }).click();
    await page.getByRole("heading", { name: "Network set-up" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Thea Mail");
    await page.getByLabel("Email (they sign in with it)").fill("thea@prn.test");
    await page.getByLabel(/^Code/).fill("TM1");
    await page.getByLabel("Role").selectOption("therapist");
    await page.getByRole("button", { name: "Create account and invitation link" }).click();
    await page.getByRole("status").filter({ hasText: "E-mailed to thea@prn.test" }).waitFor();
    await shoot(page, "mail-invitation-sent", ["desktop"]);

    const mail = await smtp.waitFor("thea@prn.test", /your attune account/);
    expect(mail.subject).toBe("Mail network: your attune account");
    const url = linkIn(mail.text, "invite");
    expect(await page.locator("#invitation-url").inputValue()).toBe(url);

    const invitee = await browser.newPage({ viewport: DESKTOP });
    await invitee.goto(url);
    await invitee.getByRole("heading", { name: "Set your password" }).waitFor();
    await invitee.getByLabel("New password").fill("thea's own password");
    await invitee.getByLabel("The same password again").fill("thea's own password");
    await invitee.getByRole("button", { name: "Set my password" }).click();
    await invitee.getByRole("heading", { name: "Your password is set" }).waitFor();
    await signIn(invitee, server.url, "thea@prn.test", "thea's own password");
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
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await axe(page, "forgot");
    await shoot(page, "mail-forgot");
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("status").filter({ hasText: "If an account uses this address" }).waitFor();

    const mail = await smtp.waitFor(EMAIL, /new attune password/);
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
    await signIn(page, server.url, EMAIL, PASSWORD);
    await page.getByRole("alert").filter({ hasText: "wrong email or password" }).waitFor();
    await signIn(page, server.url, EMAIL, "a fresh coordinator password");
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.close();
  });

  it("sends a study's reminders: patients get their links by e-mail, therapists their open ratings", async () => {
    const db = server.store.db;
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

    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, server.url, EMAIL, coordinatorPassword);
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.goto(`${server.url}/studies/${study.id}/completion`);
    await page.getByRole("button", { name: "Make and send the reminders" }).click();
    const row = page.getByTestId("reminders").locator("tbody tr").filter({ hasText: "PX1" });
    await expect(row.textContent()).resolves.toMatch(/e-mailed \(queued\)/);
    const mail = await smtp.waitFor("px1@patients.test", /^Rappel : votre questionnaire de la séance 1$/);
    const link = linkIn(mail.text, "r");
    expect(await row.locator("input").inputValue()).toBe(link);

    await page.getByRole("button", { name: "Remind therapists of their ratings" }).click();
    await page
      .locator("main .ok-box")
      .filter({ hasText: "1 therapist reminded by e-mail (TR1: 1)" })
      .waitFor();
    const tm = await smtp.waitFor("rater@prn.test");
    expect(tm.subject).toBe("1 évaluation(s) de séance à faire");
    expect(tm.text).toContain("Patient PX1, séance 1 (en retard)");
    await axe(page, "completion-sent");
    await shoot(page, "mail-reminders-sent", ["desktop"]);

    // The patient opens the e-mailed link: their form.
    const patientPage = await browser.newPage();
    await patientPage.goto(link);
    await patientPage.locator("form").first().waitFor();
    await patientPage.close();
    await page.close();
  });

  it("signs out after the idle period and says so on the sign-in page", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, idleServer.url, EMAIL, PASSWORD);
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
