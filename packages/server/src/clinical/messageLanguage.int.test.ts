// The patient's message language set from the therapist's side (issue 14), both dialects, with a real SMTP
// server on 127.0.0.1: the therapist sets French for their own patient (audited), a link sent to the patient
// then arrives in French, and English again once changed back; another therapist's patient is not theirs
// to set, and a language attune does not write is refused, naming it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { getContact, listAudit } from "@attune/db";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { startTestSmtp, type TestSmtp } from "../testing/smtp.ts";

describeEachDialect("the patient's message language from the therapist's page", (dialect) => {
  let h: Harness;
  let smtp: TestSmtp;
  let therapist: Client;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await openHarness(dialect, {
      smtp: { host: "127.0.0.1", port: smtp.port, security: "none", from: "prn@clinic.test" },
      messageRetry: { attempts: 3, baseDelayMs: 40 },
    });
    therapist = await h.signIn(h.a.emails.therapist);
    // The coordinator recorded an address, no language.
    const coord = await h.signIn(h.a.emails.coordinator);
    const put = await coord.request("PUT", `/api/patients/${h.a.ids.patient}/contact`, {
      name: null,
      email: `lang-${dialect.name}@patients.test`,
      phone: null,
      language: null,
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const url = () => `/api/episodes/${h.a.ids.episode}/message-language`;
  async function sendLink(): Promise<{ subject: string; text: string }> {
    const made = await therapist.request("POST", `/api/episodes/${h.a.ids.episode}/next-session-link`, {
      date: new Date().toISOString().slice(0, 10),
    });
    expect(made.status).toBe(201);
    const token = ((await made.json()) as { url: string }).url.split("/r/")[1]!;
    expect((await therapist.request("POST", "/api/links/send", { token })).status).toBe(202);
    return smtp.waitFor(`lang-${dialect.name}@patients.test`, new RegExp(`session|séance`));
  }

  it("is English until the therapist sets French; the link then arrives in French", async () => {
    expect(await (await therapist.request("GET", url())).json()).toEqual({ language: "en" });
    const put = await therapist.request("PUT", url(), { language: "fr" });
    expect(put.status).toBe(200);
    expect(await (await therapist.request("GET", url())).json()).toEqual({ language: "fr" });
    // Only the language changed: the coordinator's address is kept.
    const contact = await getContact(h.store.db, h.a.ids.patient);
    expect(contact).toMatchObject({ language: "fr", email: `lang-${dialect.name}@patients.test` });
    const audit = await listAudit(h.store.db, { networkId: h.a.networkId });
    expect(audit.some((a) => a.entity === "patient_contact" && a.entity_id === h.a.ids.patient)).toBe(true);
    const mail = await sendLink();
    expect(mail.subject).toMatch(/^Votre court questionnaire après la séance \d+$/);
    expect(mail.text).toContain("Le lien fonctionne une fois");
  });

  it("back to English, the next message is English", async () => {
    expect((await therapist.request("PUT", url(), { language: "en" })).status).toBe(200);
    smtp.mails.length = 0;
    const mail = await sendLink();
    expect(mail.subject).toMatch(/^Your short questionnaire after session \d+$/);
  });

  it("refuses another therapist's patient and a language attune does not write", async () => {
    const other = await therapist.request("PUT", `/api/episodes/${h.a.ids.episode2}/message-language`, {
      language: "fr",
    });
    // episode2 is therapist2's patient.
    expect(other.status).toBe(404);
    const bad = await therapist.request("PUT", url(), { language: "de" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("language");
  });
});
