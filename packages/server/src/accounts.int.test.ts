// Accounts (issue 12): two-factor sign-in (enrolment, the second step, recovery codes, reuse, turning it
// off, a network that requires it), an address with accounts in two networks, and the sign-in limits.
// Through the HTTP API of the app, on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, PASSWORD, signInClient, type Harness } from "./testing/harness.ts";
import { browser, type Fetcher } from "./testing/browserClient.ts";
import { totpCode } from "./auth/totp.ts";

const soon = () => Date.now() + 30_000; // the next step's code: accepted (±1), never one already used

describeEachDialect("accounts", (dialect) => {
  let h: Harness;
  let fetcher: Fetcher;
  beforeAll(async () => {
    h = await openHarness(dialect);
    fetcher = (req) => h.app.fetch(req);
  });
  afterAll(() => h?.close());

  /** Enrols an account through the API; answers its secret and recovery codes. */
  async function enrol(b: ReturnType<typeof browser>) {
    const setup = await b.call("POST", "/api/auth/totp/setup");
    expect(setup.status).toBe(200);
    const s = (await setup.json()) as { secret: string; uri: string; qrCode: string };
    expect(s.uri).toContain(`secret=${s.secret}`);
    expect(s.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(s.qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");
    const wrong = await b.call("POST", "/api/auth/totp/enable", { code: "000000" });
    expect([400, 200]).toContain(wrong.status); // 000000 is right once in a million
    const on = await b.call("POST", "/api/auth/totp/enable", { code: totpCode(s.secret, Date.now()) });
    expect(on.status).toBe(200);
    const { recoveryCodes } = (await on.json()) as { recoveryCodes: string[] };
    return { secret: s.secret, recoveryCodes };
  }

  it("enrols, then signs in with password + code; a half-signed-in session can call nothing else", async () => {
    const email = h.a.emails.researcher;
    const b = browser(fetcher);
    expect((await b.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
    const { secret, recoveryCodes } = await enrol(b);
    expect(recoveryCodes).toHaveLength(10);
    const status = (await (await b.call("GET", "/api/auth/totp")).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const b2 = browser(fetcher);
    const step1 = await b2.call("POST", "/api/auth/login", { email, password: PASSWORD });
    expect(await step1.json()).toMatchObject({ step: "second-factor" });
    for (const path of ["/api/auth/me", "/api/patients", "/api/auth/totp", "/api/studies"])
      expect((await b2.call("GET", path)).status, path).toBe(401);
    expect((await b2.call("POST", "/api/auth/totp/setup")).status).toBe(401);
    expect((await b2.call("POST", "/api/auth/login/second-factor", { code: "12345" })).status).toBe(401);
    const code = totpCode(secret, soon());
    const ok = await b2.call("POST", "/api/auth/login/second-factor", { code });
    expect(ok.status).toBe(200);
    expect((await b2.call("GET", "/api/auth/me")).status).toBe(200);

    // The same code again (a new sign-in, within the code's window): refused as used.
    const b3 = browser(fetcher);
    await b3.call("POST", "/api/auth/login", { email, password: PASSWORD });
    const again = await b3.call("POST", "/api/auth/login/second-factor", { code });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("already used");
    expect((await b3.call("GET", "/api/auth/me")).status).toBe(401);

    // A recovery code works once.
    const rc = recoveryCodes[3]!;
    const r1 = await b3.call("POST", "/api/auth/login/second-factor", { recoveryCode: rc.toUpperCase() });
    expect(r1.status).toBe(200);
    expect(await r1.json()).toMatchObject({ recoveryCodesLeft: 9 });
    const b4 = browser(fetcher);
    await b4.call("POST", "/api/auth/login", { email, password: PASSWORD });
    expect((await b4.call("POST", "/api/auth/login/second-factor", { recoveryCode: rc })).status).toBe(401);

    // Off needs the password and a code: a wrong password with a right recovery code does nothing.
    const offBad = await b2.call("POST", "/api/auth/totp/disable", {
      password: "nope",
      code: recoveryCodes[0],
    });
    expect(offBad.status).toBe(403);
    const off = await b2.call("POST", "/api/auth/totp/disable", {
      password: PASSWORD,
      code: recoveryCodes[0],
    });
    expect(off.status).toBe(200);
    const plain = await browser(fetcher).call("POST", "/api/auth/login", { email, password: PASSWORD });
    expect(await plain.json()).toHaveProperty("role", "researcher");

    const audit = (await (
      await (await h.signIn(h.a.emails.coordinator)).request("GET", "/api/audit?limit=500")
    ).json()) as {
      entries: { action: string; entityId: string | null }[];
    };
    const mine = audit.entries.filter((e) => e.entityId === h.a.ids.researcher).map((e) => e.action);
    for (const a of ["enable-totp", "use-recovery-code", "disable-totp", "login-password", "login-failed"])
      expect(mine, a).toContain(a);
  });

  it("ends a half-signed-in session after five wrong codes", async () => {
    const email = h.a.emails.coder;
    const b = browser(fetcher);
    await b.call("POST", "/api/auth/login", { email, password: PASSWORD });
    const { secret } = await enrol(b);
    const b2 = browser(fetcher);
    await b2.call("POST", "/api/auth/login", { email, password: PASSWORD });
    const good = totpCode(secret, soon());
    const bad = String((Number(good) + 500_000) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++)
      expect((await b2.call("POST", "/api/auth/login/second-factor", { code: bad })).status).toBe(401);
    const late = await b2.call("POST", "/api/auth/login/second-factor", { code: good });
    expect(late.status).toBe(401);
    expect(await late.text()).toContain("password first");
  });

  it("a network that requires two-factor sign-in sends staff to enrolment, and holds open sessions there", async () => {
    const coord = browser(fetcher);
    await coord.call("POST", "/api/auth/login", { email: h.b.emails.coordinator, password: PASSWORD });
    const therapist = await signInClient(fetcher, h.b.emails.therapist, "t");
    expect((await therapist.request("GET", "/api/patients")).status).toBe(200);
    const early = await coord.call("PUT", "/api/network/security", { requireTotp: true });
    expect(early.status).toBe(409); // the coordinator enrols first
    await enrol(coord);
    const on = await coord.call("PUT", "/api/network/security", { requireTotp: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ requireTotp: true });

    // The therapist's open session is held to enrolment at once.
    const held = await therapist.request("GET", "/api/patients");
    expect(held.status).toBe(401);
    expect(await held.text()).toContain("requires two-factor");
    // A new sign-in: enrolment only, then a full session.
    const t = browser(fetcher);
    const step = await t.call("POST", "/api/auth/login", { email: h.b.emails.therapist, password: PASSWORD });
    expect(await step.json()).toMatchObject({ step: "enrol" });
    expect((await t.call("GET", "/api/patients")).status).toBe(401);
    const { secret } = await enrol(t);
    expect((await t.call("GET", "/api/patients")).status).toBe(200);
    // It cannot be turned off while required.
    const off = await t.call("POST", "/api/auth/totp/disable", {
      password: PASSWORD,
      code: totpCode(secret, soon()),
    });
    expect(off.status).toBe(409);
    expect((await coord.call("PUT", "/api/network/security", { requireTotp: false })).status).toBe(200);
  });

  it("an address used in another network: the same answer, two accounts, each entered by its own password", async () => {
    const coordA = await h.signIn(h.a.emails.coordinator);
    const used = h.b.emails.therapist2; // an account of network B
    const fresh = `new.person.${dialect.name}@test.dev`;
    const body = (email: string, code: string) => ({ email, code, displayName: code, role: "therapist" });
    const r1 = await coordA.request("POST", "/api/users", body(used, "TX1"));
    const r2 = await coordA.request("POST", "/api/users", body(fresh, "TX2"));
    expect([r1.status, r2.status]).toEqual([201, 201]);
    const j1 = (await r1.json()) as Record<string, unknown>;
    const j2 = (await r2.json()) as Record<string, unknown>;
    expect(Object.keys(j1).sort()).toEqual(Object.keys(j2).sort());
    expect(j1["email"]).toBe(used);
    // The invitation works; the new account (in A) signs in with its own password, B's with its own.
    const token = String((j1["invitation"] as { url: string }).url.split("/invite/")[1]);
    const accept = await h.anonymous.request("POST", "/api/auth/invitation", {
      token,
      password: "another long password",
    });
    expect(accept.status).toBe(200);
    expect(await accept.json()).toEqual({ email: used });
    const inNew = await h.anonymous.request("POST", "/api/auth/login", {
      email: used,
      password: "another long password",
    });
    expect(((await inNew.json()) as { networkId: string }).networkId).toBe(h.a.networkId);
    const inOld = await h.anonymous.request("POST", "/api/auth/login", { email: used, password: PASSWORD });
    expect(((await inOld.json()) as { networkId: string }).networkId).toBe(h.b.networkId);
    // The same address again in A: named, since A's coordinator sees A's staff anyway.
    const dup = await coordA.request("POST", "/api/users", body(used, "TX3"));
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("TX1");
    const list = (await (await coordA.request("GET", "/api/users")).json()) as {
      users: { code: string; email: string }[];
    };
    expect(list.users.find((u) => u.code === "TX1")?.email).toBe(used);
  });

  it("sign-in messages and timing do not tell an unknown address from a wrong password", async () => {
    const time = async (email: string) => {
      const t0 = performance.now();
      const r = await h.anonymous.request("POST", "/api/auth/login", { email, password: "wrong password!" });
      const ms = performance.now() - t0;
      return { status: r.status, text: await r.text(), ms };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    let kText = "";
    let uText = "";
    for (let i = 0; i < 6; i++) {
      const k = await time(h.a.emails.therapist2);
      const u = await time(`nobody${i}@nowhere.dev`);
      known.push(k.ms);
      unknown.push(u.ms);
      kText = k.text;
      uText = u.text;
      expect([k.status, u.status]).toEqual([401, 401]);
    }
    expect(kText).toBe(uText);
    const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
    // Both make the same number of scrypt checks (two): the medians are within 40% of each other.
    expect(Math.abs(median(known) - median(unknown)) / median(known)).toBeLessThan(0.4);
  });

  it("the per-account limit (all addresses) stops a guesser but not the account's own browser", async () => {
    const h2 = await openHarness(dialect, {
      loginLimit: { perAddress: 1000, perAccount: 1000, perAccountWide: 3, windowMs: 60_000 },
    });
    try {
      const f: Fetcher = (req) => h2.app.fetch(req);
      const email = h2.a.emails.therapist;
      const own = browser(f);
      expect((await own.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
      expect(own.jar.has("attune_device")).toBe(true);
      const guesser = browser(f);
      for (let i = 0; i < 3; i++)
        expect(
          (await guesser.call("POST", "/api/auth/login", { email, password: `guess ${i}!` })).status,
        ).toBe(401);
      // The guesser is stopped, even with the right password; the account's own browser is not.
      expect((await guesser.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(429);
      expect((await browser(f).call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(
        429,
      );
      expect((await own.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(200);
      // A device cookie of another account, or a forged one, does not exempt.
      const forged = browser(f);
      forged.jar.set("attune_device", `${h2.a.ids.therapist}.${Date.now()}.AAAA`);
      expect((await forged.call("POST", "/api/auth/login", { email, password: PASSWORD })).status).toBe(429);
      // Other accounts are untouched by it.
      expect(
        (await guesser.call("POST", "/api/auth/login", { email: h2.a.emails.coder, password: PASSWORD }))
          .status,
      ).toBe(200);
    } finally {
      await h2.close();
    }
  });
});
