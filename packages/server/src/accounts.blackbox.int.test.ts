// Sessions, two-factor sign-in and erasure, black-box: the real server process (the production bundle) on
// a fresh SQLite or PostgreSQL store, reached only over HTTP. Setting a password ends the account's other
// sessions; a newer invitation voids an older one; disabling a staff member ends their sessions; TOTP
// sign-in works, a wrong or reused code fails; concurrent erasures give one success; a submission racing
// an erasure gets no 5xx.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { openStore } from "@attune/db";
import { hashPassword } from "./auth/password.ts";
import { totpCode } from "./auth/totp.ts";
import { buildServer, startServerProcess, type ServerProcess } from "./testing/process.ts";
import {
  makeNetwork,
  PASSWORD,
  signInClient,
  validSubmission,
  type Client,
  type NetworkFixture,
} from "./testing/harness.ts";
import { browser } from "./testing/browserClient.ts";

const fetcher = (req: Request) => fetch(req);

describeEachDialect("accounts and erasure, black box (real server process)", (dialect) => {
  let dispose: () => Promise<void>;
  let server: ServerProcess;
  let a: NetworkFixture;
  let coordinator: Client;
  const signIn = (email: string) => signInClient(fetcher, email, email, server.url);

  beforeAll(async () => {
    buildServer();
    let dbUrl: string;
    ({ url: dbUrl, dispose } = await dialect.create());
    const seed = await openStore({ url: dbUrl });
    const hash = await hashPassword(PASSWORD);
    a = await makeNetwork(seed, "a", hash);
    await makeNetwork(seed, "b", hash);
    await seed.close();
    server = await startServerProcess(dbUrl, { ATTUNE_SECRET_KEY: randomBytes(32).toString("base64") });
    coordinator = await signIn(a.emails.coordinator);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await dispose?.();
  });

  const invite = async (userId: string) => {
    const r = await coordinator.request("POST", `/api/users/${userId}/invitation`);
    expect(r.status).toBe(201);
    return ((await r.json()) as { url: string }).url.split("/invite/")[1]!;
  };
  const accept = (token: string, password: string) =>
    fetch(`${server.url}/api/auth/invitation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password }),
    });

  it("setting a password ends the other sessions; a newer invitation voids an older one", async () => {
    const open = await signIn(a.emails.therapist2);
    const older = await invite(a.ids.therapist2);
    const newer = await invite(a.ids.therapist2);
    const r1 = await accept(older, "an older link password");
    expect(r1.status).toBe(410);
    expect((await open.request("GET", "/api/auth/me")).status).toBe(200);
    const r2 = await accept(newer, "the newest link password");
    expect(r2.status).toBe(200);
    expect((await open.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await accept(newer, "once more, please")).status).toBe(409);

    // The password change of a signed-in user keeps their own session and ends the others.
    const one = browser(fetcher, server.url);
    const two = browser(fetcher, server.url);
    for (const b of [one, two])
      expect(
        (
          await b.call("POST", "/api/auth/login", {
            email: a.emails.therapist2,
            password: "the newest link password",
          })
        ).status,
      ).toBe(200);
    const ch = await one.call("PUT", "/api/auth/me/password", {
      current: "the newest link password",
      password: PASSWORD,
    });
    expect(await ch.json()).toEqual({ ok: true, sessionsEnded: 1 });
    expect((await one.call("GET", "/api/auth/me")).status).toBe(200);
    expect((await two.call("GET", "/api/auth/me")).status).toBe(401);
  });

  it("disabling a staff member ends their sessions at once", async () => {
    const coder = await signIn(a.emails.coder);
    expect((await coder.request("GET", "/api/auth/me")).status).toBe(200);
    const d = await coordinator.request("PUT", `/api/users/${a.ids.coder}/disabled`, { disabled: true });
    expect(d.status).toBe(200);
    expect((await coder.request("GET", "/api/auth/me")).status).toBe(401);
    const again = await browser(fetcher, server.url).call("POST", "/api/auth/login", {
      email: a.emails.coder,
      password: PASSWORD,
    });
    expect(again.status).toBe(401);
    await coordinator.request("PUT", `/api/users/${a.ids.coder}/disabled`, { disabled: false });
  });

  it("TOTP sign-in works; a wrong code and a reused code fail", async () => {
    const b = browser(fetcher, server.url);
    await b.call("POST", "/api/auth/login", { email: a.emails.researcher, password: PASSWORD });
    const { secret } = (await (await b.call("POST", "/api/auth/totp/setup")).json()) as { secret: string };
    expect(
      (await b.call("POST", "/api/auth/totp/enable", { code: totpCode(secret, Date.now()) })).status,
    ).toBe(200);

    const next = totpCode(secret, Date.now() + 30_000);
    const wrong = String((Number(next) + 500_000) % 1_000_000).padStart(6, "0");
    const s = browser(fetcher, server.url);
    const step = await s.call("POST", "/api/auth/login", { email: a.emails.researcher, password: PASSWORD });
    expect(await step.json()).toMatchObject({ step: "second-factor" });
    expect((await s.call("GET", "/api/patients")).status).toBe(401);
    expect((await s.call("POST", "/api/auth/login/second-factor", { code: wrong })).status).toBe(401);
    expect((await s.call("POST", "/api/auth/login/second-factor", { code: next })).status).toBe(200);
    expect((await s.call("GET", "/api/auth/me")).status).toBe(200);
    const r = browser(fetcher, server.url);
    await r.call("POST", "/api/auth/login", { email: a.emails.researcher, password: PASSWORD });
    const reused = await r.call("POST", "/api/auth/login/second-factor", { code: next });
    expect(reused.status).toBe(401);
    expect(await reused.text()).toContain("already used");
  });

  it("concurrent erasures give one success; a racing submission gets no 5xx", async () => {
    for (let round = 0; round < 3; round++) {
      const code = `BX${round}`;
      const p = (await (
        await coordinator.request("POST", "/api/patients", { code, contact: { name: "Race" } })
      ).json()) as { id: string };
      const e = (await (
        await coordinator.request("POST", "/api/episodes", { patientId: p.id, therapistId: a.ids.therapist })
      ).json()) as { id: string };
      const sn = (await (
        await coordinator.request("POST", `/api/episodes/${e.id}/sessions`, { number: 1, date: "2025-03-01" })
      ).json()) as { id: string };
      const l = await coordinator.request("POST", `/api/sessions/${sn.id}/links`, {});
      expect(l.status).toBe(201);
      const { token } = (await l.json()) as { token: string };
      const erase = () => coordinator.request("POST", `/api/patients/${p.id}/erasure`, { reason: "art. 17" });
      const submit = () =>
        fetch(`${server.url}/api/r/${token}/submit`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(validSubmission()),
        });
      const [x, y, z, s] = await Promise.all([erase(), erase(), erase(), submit()]);
      expect([x.status, y.status, z.status].sort()).toEqual([200, 404, 404]);
      expect(s.status, await s.text()).toBeLessThan(500);
      expect([200, 401, 404, 409]).toContain(s.status);
      const gone = await coordinator.request("GET", `/api/patients/${p.id}`);
      expect(gone.status).toBe(404);
    }
  });
});
