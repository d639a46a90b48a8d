// E-mail and SMS against real servers started here: an SMTP server (npm smtp-server on 127.0.0.1) whose
// received messages are parsed and read, and a node:http server standing in for the SMS provider.
// Patient links (e-mail in the patient's language, SMS without an address), reminders for patients and
// therapists, invitations, retries and failures in the send log, what erasure leaves of the log, the
// password reset (same answer and similar time for unknown addresses, one-time, voids older links,
// ends sessions, rate-limited), no e-mail configured, and idle sign-out with a short period.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { createEpisode, createPatient, ensureSession, listAudit } from "@attune/db";
import { openHarness, PASSWORD, type Client, type Harness } from "../testing/harness.ts";
import { startTestSmsProvider, startTestSmtp, type TestSmsProvider, type TestSmtp } from "../testing/smtp.ts";
import { RESET_ANSWER_MS } from "../auth/reset.ts";

const FROM = "prn@clinic.test";
const TOKEN = "sms-secret-token";

interface Message {
  id: string;
  kind: string;
  channel: string;
  recipient: string | null;
  patientId: string | null;
  status: string;
  attempts: number;
  error: string | null;
}

async function messages(c: Client, query = ""): Promise<Message[]> {
  const r = await c.request("GET", `/api/messages${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { messages: Message[] }).messages;
}

/** Waits until no message of the network is queued any more (delivered or failed). */
async function settled(c: Client, timeoutMs = 10_000): Promise<Message[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = await messages(c);
    if (!m.some((x) => x.status === "queued")) return m;
    if (Date.now() > end) throw new Error(`messages still queued: ${JSON.stringify(m)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const linkIn = (text: string, path: string) => {
  const m = new RegExp(`http://\\S+/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no /${path}/ link in: ${text}`);
  return { url: m[0], token: m[1]! };
};

describeEachDialect("e-mail and SMS", (dialect) => {
  let h: Harness;
  let smtp: TestSmtp;
  let sms: TestSmsProvider;
  let coord: Client;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    sms = await startTestSmsProvider();
    h = await openHarness(dialect, {
      smtp: { host: "127.0.0.1", port: smtp.port, security: "none", from: FROM },
      sms: { url: sms.url, token: TOKEN, from: "PRN" },
      messageRetry: { attempts: 3, baseDelayMs: 40 },
    });
    coord = await h.signIn(h.a.emails.coordinator);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
    await sms?.close();
  });

  /** A patient of network a with these contact details, in therapist T1's episode, at session 1. */
  async function patientWith(code: string, contact: { email?: string; phone?: string; language?: string }) {
    const p = await createPatient(h.store.db, { networkId: h.a.networkId, code, contact });
    const e = await createEpisode(h.store.db, {
      patientId: p.id,
      therapistId: h.a.ids.therapist,
      studyId: h.a.studyId,
    });
    const s = await ensureSession(h.store.db, e.id, 1, new Date(Date.now() - 5 * 86_400_000).toISOString());
    return { patient: p, episode: e, session: s };
  }

  it("e-mails a patient link in the patient's language, escaped, and answers at once with 'queued'", async () => {
    await h.store.db
      .updateTable("networks")
      .set({ name: "A&B <Clinic>" })
      .where("id", "=", h.a.networkId)
      .execute();
    const { session, patient } = await patientWith("PM1", { email: "marie@patients.test", language: "fr" });
    const t0 = Date.now();
    const r = await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    const answeredIn = Date.now() - t0;
    expect(r.status).toBe(201);
    const link = (await r.json()) as { url: string; delivery: { channel: string; status: string } };
    expect(link.delivery).toMatchObject({ channel: "email", status: "queued" });
    expect(answeredIn).toBeLessThan(2000);
    const mail = await smtp.waitFor("marie@patients.test");
    expect(mail.from).toBe(FROM);
    expect(mail.subject).toBe("Votre court questionnaire après la séance 1");
    expect(mail.text).toContain(link.url);
    expect(mail.text).toMatch(/Le lien fonctionne une fois, jusqu'au \d+ \S+ \d{4}/);
    // The link is in the HTML part too, and it opens the patient's form.
    expect(mail.html).toContain(`href="${link.url}"`);
    const { token } = linkIn(mail.text, "r");
    expect((await h.patient(token).request("GET", `/api/r/${token}`)).status).toBe(200);
    const log = (await settled(coord)).find((m) => m.patientId === patient.id)!;
    expect(log).toMatchObject({
      kind: "patient-link",
      channel: "email",
      recipient: "marie@patients.test",
      status: "sent",
      attempts: 1,
    });
    // The message never reaches the audit log: no entry carries the link's token.
    const audit = await listAudit(h.store.db, { networkId: h.a.networkId });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("writes in English by default", async () => {
    const { session } = await patientWith("PM2", { email: "ann@patients.test" });
    await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    const mail = await smtp.waitFor("ann@patients.test");
    expect(mail.subject).toBe("Your short questionnaire after session 1");
    expect(mail.text).toMatch(/The link works once, until \d+ \S+ \d{4}/);
  });

  it("sends an SMS through the HTTP provider to a patient with a phone number and no e-mail", async () => {
    const { session } = await patientWith("PS1", { phone: "+41790000001" });
    const r = await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    const link = (await r.json()) as { url: string; delivery: { channel: string } };
    expect(link.delivery.channel).toBe("sms");
    await settled(coord);
    const got = sms.received.find((x) => x.body.to === "+41790000001")!;
    expect(got.authorization).toBe(`Bearer ${TOKEN}`);
    expect(got.body.from).toBe("PRN");
    expect(got.body.text).toContain(link.url);
    expect(got.body.text).toMatch(/^A&B <Clinic>: your questionnaire for session 1: /);
  });

  it("retries a refused e-mail with backoff, and records a delivery that keeps failing", async () => {
    smtp.refuseNext(2);
    const { session, patient } = await patientWith("PR1", { email: "retry@patients.test" });
    await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    await smtp.waitFor("retry@patients.test");
    const ok = (await settled(coord)).find((m) => m.patientId === patient.id)!;
    expect(ok).toMatchObject({ status: "sent", attempts: 3 });

    sms.failNext(3, 503);
    const s2 = await patientWith("PR2", { phone: "+41790000002" });
    await coord.request("POST", `/api/sessions/${s2.session.id}/links`, { send: true });
    const failed = (await settled(coord)).find((m) => m.patientId === s2.patient.id)!;
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(3);
    expect(failed.error).toMatch(/SMS provider answered 503/);
  });

  it("sends a link made earlier from its token: the patient's own therapist may, another may not", async () => {
    const { session } = await patientWith("PL1", { email: "later@patients.test" });
    const made = (await (await coord.request("POST", `/api/sessions/${session.id}/links`, {})).json()) as {
      token: string;
      url: string;
    };
    const other = await h.signIn(h.a.emails.therapist2);
    expect((await other.request("POST", "/api/links/send", { token: made.token })).status).toBe(404);
    const own = await h.signIn(h.a.emails.therapist);
    const r = await own.request("POST", "/api/links/send", { token: made.token });
    expect(r.status).toBe(202);
    expect(((await r.json()) as { delivery: { channel: string } }).delivery.channel).toBe("email");
    expect((await smtp.waitFor("later@patients.test")).text).toContain(made.url);
    const unknown = await own.request("POST", "/api/links/send", { token: "x".repeat(43) });
    expect(unknown.status).toBe(404);
  });

  it("a patient without contact details keeps the copy-the-link flow (no delivery)", async () => {
    const { session } = await patientWith("PN1", {});
    const r = await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { delivery: unknown }).delivery).toBeNull();
  });

  it("sends the patients' reminder list and e-mails each therapist the ratings they owe", async () => {
    const { patient } = await patientWith("PRM", { email: "remind@patients.test" });
    const r = await coord.request("POST", `/api/studies/${h.a.studyId}/reminders`, {
      send: true,
      lateAfterDays: 1,
    });
    expect(r.status).toBe(201);
    const list = (
      (await r.json()) as { reminders: { patientId: string; delivery: { channel: string } | null }[] }
    ).reminders;
    expect(list.find((x) => x.patientId === patient.id)?.delivery?.channel).toBe("email");
    const mail = await smtp.waitFor("remind@patients.test", /^Reminder: your questionnaire for session 1$/);
    expect(mail.text).toContain("is still waiting for your answers");

    const t = await coord.request("POST", `/api/studies/${h.a.studyId}/therapist-reminders`, {});
    expect(t.status).toBe(201);
    const tr = ((await t.json()) as { reminders: { therapist: string; sessions: { patient: string }[] }[] })
      .reminders;
    const t1 = tr.find((x) => x.therapist === "T1")!;
    expect(t1.sessions.map((s) => s.patient)).toContain("PRM");
    const tm = await smtp.waitFor(h.a.emails.therapist, /session rating/);
    expect(tm.text).toMatch(/Patient PRM, session 1 \(late\)/);
    expect(tm.text).toContain("/patients");
  });

  it("e-mails an invitation; its link sets the password", async () => {
    const r = await coord.request("POST", "/api/users", {
      code: "TNEW",
      email: "new.therapist@clinic.test",
      displayName: "Nora <b>New</b>",
      role: "therapist",
    });
    expect(r.status).toBe(201);
    const u = (await r.json()) as { invitation: { url: string; delivery: { channel: string } } };
    expect(u.invitation.delivery.channel).toBe("email");
    const mail = await smtp.waitFor("new.therapist@clinic.test", /your attune account/);
    // Inserted values are literal in the text part and escaped in the HTML part (the network's name too).
    expect(mail.text).toContain("Hello Nora <b>New</b>,");
    expect(mail.text).toContain("the coordinator of A&B <Clinic> has made you an attune account");
    expect(mail.html).toContain("Hello Nora &lt;b&gt;New&lt;/b&gt;,");
    expect(mail.html).toContain("A&amp;B &lt;Clinic&gt;");
    expect(mail.html).not.toMatch(/<b>|<Clinic>/);
    const { token, url } = linkIn(mail.text, "invite");
    expect(url).toBe(u.invitation.url);
    const set = await h.anonymous.request("POST", "/api/auth/invitation", {
      token,
      password: "a new long password",
    });
    expect(set.status).toBe(200);
  });

  it("shows the send log to the network's coordinator only", async () => {
    const log = await settled(coord);
    expect(log.length).toBeGreaterThan(5);
    expect(new Set(log.map((m) => m.kind))).toEqual(
      new Set(["patient-link", "patient-reminder", "therapist-reminder", "invitation"]),
    );
    const therapist = await h.signIn(h.a.emails.therapist);
    expect((await therapist.request("GET", "/api/messages")).status).toBe(403);
    const other = await h.signIn(h.b.emails.coordinator);
    expect(await messages(other)).toEqual([]);
    const audit = await listAudit(h.store.db, { networkId: h.a.networkId });
    expect(audit.some((e) => e.action === "read" && e.entity === "message_log")).toBe(true);
  });

  it("erasure removes the patient's addresses from the send log and keeps that messages went", async () => {
    const { session, patient } = await patientWith("PE1", {
      email: "erase.me@patients.test",
      phone: "+4100",
    });
    await coord.request("POST", `/api/sessions/${session.id}/links`, { send: true });
    await smtp.waitFor("erase.me@patients.test");
    await settled(coord);
    const r = await coord.request("POST", `/api/patients/${patient.id}/erasure`, { reason: "patient asked" });
    expect(r.status).toBe(200);
    const rows = await messages(coord, `?patientId=${patient.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: null, status: "sent", kind: "patient-link" });
    const raw = await h.store.db.selectFrom("message_log").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain("erase.me@patients.test");
  });

  it("resets a forgotten password by e-mail: same answer for unknown addresses, one-time, ends sessions", async () => {
    const email = h.a.emails.researcher;
    const signedIn = await h.signIn(email);
    const ask = async (e: string) => {
      const t = Date.now();
      const r = await h.anonymous.request("POST", "/api/auth/password-reset", { email: e });
      return { status: r.status, body: await r.text(), ms: Date.now() - t };
    };
    const known = await ask(email);
    const unknown = await ask("nobody@nowhere.test");
    expect(known.status).toBe(202);
    expect(unknown).toMatchObject({ status: known.status, body: known.body });
    expect(known.ms).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
    const first = linkIn((await smtp.waitFor(email, /new attune password/)).text, "reset");
    expect(smtp.mails.some((m) => m.to.includes("nobody@nowhere.test"))).toBe(false);

    // A second request voids the first link.
    smtp.mails.length = 0;
    expect((await ask(email)).status).toBe(202);
    const second = linkIn((await smtp.waitFor(email, /new attune password/)).text, "reset");
    expect(second.token).not.toBe(first.token);
    const stale = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: first.token,
      password: "x".repeat(12),
    });
    expect(stale.status).toBe(410);
    // The newest link sets the password once, and ends the sessions the account had.
    const set = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: second.token,
      password: "my brand new password",
    });
    expect(set.status).toBe(200);
    expect((await signedIn.request("GET", "/api/auth/me")).status).toBe(401);
    const again = await h.anonymous.request("POST", "/api/auth/invitation", {
      token: second.token,
      password: "yet another password",
    });
    expect(again.status).toBe(409);
    const login = (password: string) => h.anonymous.request("POST", "/api/auth/login", { email, password });
    expect((await login(PASSWORD)).status).toBe(401);
    expect((await login("my brand new password")).status).toBe(200);
    // Three requests per address asked about in 15 minutes: the fourth is refused, known or not.
    expect((await ask(email)).status).toBe(202);
    expect((await ask(email)).status).toBe(429);
    expect((await ask("nobody@nowhere.test")).status).toBe(202);
    expect((await ask("nobody@nowhere.test")).status).toBe(202);
    expect((await ask("nobody@nowhere.test")).status).toBe(429);
    const audit = await listAudit(h.store.db, { networkId: h.a.networkId });
    expect(audit.filter((e) => e.action === "request-password-reset")).toHaveLength(3);
  });

  it("tells the sign-in page what is configured", async () => {
    const r = await h.anonymous.request("GET", "/api/auth/options");
    expect(await r.json()).toEqual({ email: true, sms: true, passwordReset: true, idleSeconds: 1800 });
  });
});

describeEachDialect("without e-mail; idle sign-out", (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(dialect, { sessionIdleMs: 2000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("keeps the copy-the-link flow and refuses password resets when no SMTP is configured", async () => {
    const coord = await h.signIn(h.a.emails.coordinator);
    expect(await (await h.anonymous.request("GET", "/api/auth/options")).json()).toEqual({
      email: false,
      sms: false,
      passwordReset: false,
      idleSeconds: 2,
    });
    const r = await coord.request("POST", `/api/sessions/${h.a.ids.session}/links`, { send: true });
    expect(r.status).toBe(201);
    const link = (await r.json()) as { url: string; delivery: unknown };
    expect(link.url).toMatch(/\/r\//);
    expect(link.delivery).toBeNull();
    const reset = await h.anonymous.request("POST", "/api/auth/password-reset", {
      email: h.a.emails.coordinator,
    });
    expect(reset.status).toBe(409);
    expect(await reset.text()).toMatch(/e-mail is not configured/);
  });

  it("signs a staff member out after the idle period, and activity keeps the session", async () => {
    const c = await h.signIn(h.a.emails.therapist);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 900));
      expect((await c.request("GET", "/api/auth/me")).status).toBe(200); // 3.6 s in all, never 2 s quiet
    }
    await new Promise((r) => setTimeout(r, 2300));
    const r = await c.request("GET", "/api/auth/me");
    expect(r.status).toBe(401);
    expect(await r.text()).toMatch(/signed out after 2 seconds without activity/);
    // The session is gone, not just refused: a later request says "sign in first".
    const later = await c.request("GET", "/api/dashboard/caseload");
    expect(later.status).toBe(401);
    expect(await later.text()).toMatch(/sign in first/);
  });
});
