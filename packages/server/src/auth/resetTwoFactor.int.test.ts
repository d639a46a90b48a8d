// A password reset does not bypass two-factor sign-in (issue 14), both dialects, with a real SMTP server on
// 127.0.0.1: an account with TOTP on asks for a reset, sets a new password through the e-mailed link, and
// is not signed in by it; signing in with the new password still stops at the code step (no page, no data),
// the second factor is still on, and only a right code opens the session.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, PASSWORD, type Harness } from "../testing/harness.ts";
import { browser, type Fetcher } from "../testing/browserClient.ts";
import { startTestSmtp, type TestSmtp } from "../testing/smtp.ts";
import { totpCode } from "./totp.ts";

describeEachDialect("password reset and two-factor sign-in", (dialect) => {
  let h: Harness;
  let smtp: TestSmtp;
  let fetcher: Fetcher;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await openHarness(dialect, {
      smtp: { host: "127.0.0.1", port: smtp.port, security: "none", from: "prn@clinic.test" },
      messageRetry: { attempts: 3, baseDelayMs: 40 },
    });
    fetcher = (req) => h.app.fetch(req);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it("still asks for the code after the password was reset", async () => {
    const email = h.a.emails.researcher;
    // Two-factor sign-in on.
    const b = browser(fetcher);
    expect((await b.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
    const { secret } = (await (await b.call("POST", "/api/auth/totp/setup")).json()) as { secret: string };
    const on = await b.call("POST", "/api/auth/totp/enable", { code: totpCode(secret, Date.now()) });
    expect(on.status).toBe(200);

    // Forgot password: the e-mailed link sets a new one.
    const asked = await browser(fetcher).call("POST", "/api/auth/password-reset", { email });
    expect(asked.status).toBe(202);
    const mail = await smtp.waitFor(email);
    const token = /\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const r = browser(fetcher);
    const set = await r.call("POST", "/api/auth/invitation", { token, password: "a brand new password" });
    expect(set.status).toBe(200);
    // Setting the password signs nobody in.
    expect(set.headers.getSetCookie().some((x) => x.startsWith("attune_session="))).toBe(false);
    expect((await r.call("GET", "/api/auth/me")).status).toBe(401);
    // The reset ended the sessions open before it.
    expect((await b.call("GET", "/api/auth/me")).status).toBe(401);

    // The new password alone stops at the code step.
    const c = browser(fetcher);
    const step1 = await c.call("POST", "/api/auth/login", { email, password: "a brand new password" });
    expect(step1.status).toBe(200);
    expect(await step1.json()).toMatchObject({ step: "second-factor" });
    for (const path of ["/api/auth/me", "/api/patients", "/api/auth/totp"])
      expect((await c.call("GET", path)).status, path).toBe(401);
    const wrong = await c.call("POST", "/api/auth/login/second-factor", { code: "12345" });
    expect(wrong.status).not.toBe(200);
    expect((await c.call("GET", "/api/auth/me")).status).toBe(401);
    // The right code opens the session, and the second factor is still on.
    const ok = await c.call("POST", "/api/auth/login/second-factor", {
      code: totpCode(secret, Date.now() + 30_000),
    });
    expect(ok.status).toBe(200);
    expect(await (await c.call("GET", "/api/auth/totp")).json()).toMatchObject({ enabled: true });
  });
});
