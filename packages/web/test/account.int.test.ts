// Account security in headless Chromium against the real built UI and server: a coordinator enrols an
// authenticator app from the Account page (the code is computed here from the key the page shows), keeps
// the recovery codes, changes the password (wrong current one, mismatch, then right), signs in with a
// code (a wrong one first), with a recovery code (which then no longer works), and requires two-factor
// sign-in for the network; a therapist is then sent to enrolment right after the password. axe-core on
// every new page; screenshots bench-out/screenshots/account-*.png.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { axe, browserRunnable, shoot, signIn } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const PASSWORD = DEMO_PASSWORD;
const NEW_PASSWORD = "a brand new passphrase";

const web = demoFixture("web-account", { therapists: 4 });

const stepNow = () => Math.floor(Date.now() / 30_000);
/** The code an authenticator app shows for the key at a time step (RFC 6238, SHA-1, 6 digits). */
function codeAt(key: string, step: number): string {
  const totp = new TOTP({ secret: Secret.fromBase32(key.replace(/\s+/g, "")), digits: 6, period: 30 });
  return totp.generate({ timestamp: step * 30_000 + 1000 });
}
/** The code of the current step, remembered as used. */
const used = new Map<string, number>();
function code(key: string): string {
  used.set(key, stepNow());
  return codeAt(key, stepNow());
}
/**
 * A code the server has not seen: the step after the last one used, waiting until it is within the
 * server's window (one step either side of now) — as a person waits for the app's next code.
 */
async function nextCode(key: string): Promise<string> {
  const target = (used.get(key) ?? stepNow() - 1) + 1;
  while (stepNow() < target - 1) await new Promise((r) => setTimeout(r, 500));
  used.set(key, target);
  return codeAt(key, target);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

describe.skipIf(!browserRunnable)("account security (headless Chromium)", () => {
  it("enrols, changes the password, signs in with a code and with a recovery code, requires it for all", async () => {
    const page = await web.browser.newPage();
    await signIn(page, web.server.url, web.user("coordinator").email, PASSWORD);
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    await expect.poll(() => page.locator("#tf-status").textContent()).toContain("Off.");

    // Enrol: the key the page shows gives the code.
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const key = (await page.locator("#totp-secret").textContent())!;
    expect(key.replace(/\s+/g, "")).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator("img.totp-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    await axe(page, "account-enrol");
    await shoot(page, "account-enrol");
    await page
      .getByLabel("Code the app shows now")
      .fill("000000" === codeAt(key, stepNow()) ? "111111" : "000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByText("That code is not right").waitFor();
    await page.getByLabel("Code the app shows now").fill(code(key));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    const codes = await page.locator("#recovery-codes li").allTextContents();
    expect(codes).toHaveLength(10);
    await shoot(page, "account-codes");
    await page.getByRole("button", { name: /I have kept my codes/ }).click();
    await expect.poll(() => page.locator("#tf-status").textContent()).toContain("10 recovery codes left");

    // Password change: clear messages for a wrong current password and a mismatch, then it is changed.
    const fillPw = async (current: string, next: string, again: string) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password (at least 10 characters)").fill(next);
      await page.getByLabel("New password again").fill(again);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await fillPw("not my password", NEW_PASSWORD, NEW_PASSWORD);
    await page.getByText("The current password is not right.").waitFor();
    await fillPw(PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    await page.getByText("The two new passwords differ").waitFor();
    await fillPw(PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    await page.getByText("Your password is changed.").waitFor();
    await axe(page, "account-page");
    await shoot(page, "account-page");
    await signOut(page);

    // Sign in: the old password no longer works; the new one asks for a code; a wrong code is refused.
    await signIn(page, web.server.url, web.user("coordinator").email, PASSWORD);
    await page.getByText("wrong email or password").waitFor();
    await signIn(page, web.server.url, web.user("coordinator").email, NEW_PASSWORD);
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await axe(page, "account-second-step");
    await shoot(page, "account-second-step");
    const next = await nextCode(key);
    const wrong = String((Number(next) + 500_000) % 1_000_000).padStart(6, "0");
    await page.getByLabel("Code").fill(wrong);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("That code is not right").waitFor();
    await page.getByLabel("Code").fill(next);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: "Account" }).waitFor();
    await signOut(page);

    // A recovery code signs in once.
    const rc = codes[0]!.trim();
    await signIn(page, web.server.url, web.user("coordinator").email, NEW_PASSWORD);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(rc);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: "Account" }).waitFor();
    await page.getByRole("link", { name: "Account" }).click();
    await expect.poll(() => page.locator("#tf-status").textContent()).toContain("9 recovery codes left");
    await signOut(page);
    await signIn(page, web.server.url, web.user("coordinator").email, NEW_PASSWORD);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(rc);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("That code is not right").waitFor();
    await page.getByRole("button", { name: "Use a code from the app instead" }).click();
    await page.getByLabel("Code").fill(await nextCode(key));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: "Account" }).waitFor();

    // Require it for the whole network.
    await page.getByRole("link", { name: "Network set-up" }).click();
    await page.getByRole("heading", { name: "Sign-in security" }).waitFor();
    await page.getByLabel("Require two-factor sign-in for all staff").check();
    // The network page has several cards with a Save button (the patients' own progress too).
    await page.locator("#security-card").getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Two-factor sign-in is now required.").waitFor();
    await signOut(page);
    await page.close();

    // A therapist without it: enrolment right after the password, then the caseload.
    const t = await web.browser.newPage();
    await signIn(t, web.server.url, web.user("therapist").email, PASSWORD);
    await t.getByRole("heading", { name: "Set up two-factor sign-in" }).waitFor();
    await t.getByText("Your network requires two-factor sign-in.").waitFor();
    const tkey = (await t.locator("#totp-secret").textContent())!;
    await axe(t, "account-forced-enrolment");
    await shoot(t, "account-forced-enrolment");
    // Nothing else works meanwhile (the same browser's cookie, through the API).
    const blocked = await t.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.status));
    expect(blocked).toBe(401);
    await t.getByLabel("Code the app shows now").fill(code(tkey));
    await t.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await t.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    expect(await t.locator("#recovery-codes li").count()).toBe(10);
    await t.getByRole("button", { name: /I have kept my codes/ }).click();
    await t.getByRole("link", { name: "Account" }).waitFor();
    const open = await t.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.status));
    expect(open).toBe(200);
    await t.close();
  }, 240_000);
});
