// Any shipped Questionnaire on the patient form, end to end in headless Chromium against the real built UI
// and server (temporary SQLite): the coordinator imports made-up WAI-SR wording on the Instruments page
// (a mismatching file is refused first, listing the mismatch); a patient link with the WAI-SR, the CORE-10
// (its copyright notice shown), the SRS (visual-analogue lines; made-up wording imported through the API)
// and attune's alliance check-in (French) is answered on a phone; the stored scores equal core's scoring of
// those answers. A network without the WAI-SR wording is refused a link naming the form, and so is this
// network once the SRS wording is withdrawn. axe-core on every page; screenshots bench-out/screenshots/forms-*.
// All wording below is placeholder text — no licensed wording may ever be committed.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  ATTUNE_CANONICAL,
  getInstrument,
  localizeQuestionnaire,
  scoreResponse,
  toQuestionnaire,
} from "@attune/core";
import {
  createEpisode,
  createNetwork,
  createPatient,
  createStudy,
  createUser,
  ensureSession,
} from "@attune/db";
import { ensureBootstrap, hashPassword, type RunningServer } from "@attune/server";
import { apiSession, type ApiSession } from "./apiSession.ts";
import { axe, browserRunnable, DESKTOP, PHONE, shoot, signIn } from "./browser.ts";
import { webFixture } from "./fixture.ts";

const EMAIL = "coordinator@forms.test";
const PASSWORD = "coordinator-password";
const Q = (id: string) => `${ATTUNE_CANONICAL}/Questionnaire/${id}`;

/** A made-up licensed-text file matching a shell's linkIds ("Test wording item N"). */
function fakeFile(instrument: string, n: number, labels?: { scale: string; values: number[] }) {
  return {
    instrument,
    language: "en",
    instructions: `Test instructions for ${instrument}`,
    copyright: `Test notice: fake ${instrument} licence no. 0`,
    items: Array.from({ length: n }, (_, i) => ({
      linkId: `${instrument}-${i + 1}`,
      text: `Test wording item ${i + 1}`,
    })),
    ...(labels
      ? {
          answerOptions: {
            [labels.scale]: labels.values.map((value) => ({ value, display: `Test label ${value}` })),
          },
        }
      : {}),
  };
}
const WAI_FILE = fakeFile("wai-sr", 12, { scale: "frequency", values: [1, 2, 3, 4, 5] });

/**
 * Network A (bootstrapped, its coordinator) and network B (a coordinator of its own), each with a
 * therapist, a patient and a first session.
 */
async function seedNetworks(
  server: RunningServer,
): Promise<{ networkA: string; sessionA: string; sessionB: string }> {
  const db = server.store.db;
  const networkA = (
    await ensureBootstrap(server.store, { network: "Network A", email: EMAIL, password: PASSWORD })
  ).networkId;
  const hash = await hashPassword(PASSWORD);
  const netB = await createNetwork(db, "Network B");
  await createUser(db, {
    networkId: netB.id,
    code: "C1",
    email: "coordinator@b.test",
    displayName: "Coordinator B",
    role: "coordinator",
    passwordHash: hash,
  });
  const sessions: string[] = [];
  for (const net of [networkA, netB.id]) {
    const t = await createUser(db, { networkId: net, code: "T1", displayName: "T1", role: "therapist" });
    const p = await createPatient(db, { networkId: net, code: "P1" });
    const e = await createEpisode(db, { patientId: p.id, therapistId: t.id });
    sessions.push((await ensureSession(db, e.id, 1, "2026-11-20")).id);
  }
  return { networkA, sessionA: sessions[0]!, sessionB: sessions[1]! };
}

const web = webFixture({ name: "forms", seed: seedNetworks });

/** POSTs `data` as JSON to `path` in a signed-in session (the shared sign-in of apiSession.ts). */
const postJson = (session: ApiSession, path: string, data: unknown): Promise<Response> =>
  session.send("POST", path, JSON.stringify(data), "application/json");

async function check(page: Page, name: string, sizes?: readonly ("phone" | "desktop")[]): Promise<void> {
  await axe(page, name);
  await shoot(page, `forms-${name}`, sizes);
}

describe.skipIf(!browserRunnable)(
  "patient form for any Questionnaire, Instruments page (headless Chromium)",
  () => {
    // One long walk (the Instruments page, four forms on a phone, refusals): 59 s on a machine at load 20,
    // too close to the default 60 s limit.
    it(
      "imports WAI-SR wording, a patient answers four kinds of forms, scores match core, blank forms refused",
      {
        timeout: 150_000,
      },
      async () => {
        const started = Date.now();
        // ---- the coordinator's Instruments page ----
        const page = await web.browser.newPage({ viewport: DESKTOP });
        await signIn(page, web.server.url, EMAIL, PASSWORD);
        await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
        await page.getByRole("link", { name: "Instruments" }).click();
        await page.getByRole("heading", { name: "Instruments", level: 1 }).waitFor();
        const row = (id: string) => page.locator(`tr[data-instrument="${id}"]`);
        await expect(row("wai-sr").getByTestId("wording").textContent()).resolves.toMatch(/not available/);
        await expect(row("core-10").getByTestId("wording").textContent()).resolves.toMatch(/shipped/);
        await expect(page.locator(".lead").textContent()).resolves.toMatch(/licence/);
        await check(page, "instruments");

        const choose = (file: unknown, name = "wai-sr.en.json") =>
          page.getByLabel("Licensed-text file (JSON)").setInputFiles({
            name,
            mimeType: "application/json",
            buffer: Buffer.from(JSON.stringify(file)),
          });
        await page.getByLabel("Instrument", { exact: true }).selectOption("wai-sr");
        // No attestation: the page says what is missing, nothing is sent.
        await choose(WAI_FILE);
        await page.getByRole("button", { name: "Import the wording" }).click();
        await page.getByRole("alert").filter({ hasText: "holds a licence" }).waitFor();
        // A file missing item 12 and with an extra one: the server's mismatch messages are listed.
        await page.getByLabel(/I confirm that our network holds a licence/).check();
        await page
          .getByLabel(/The licence: who granted it/)
          .fill("Fake test licence no. 0, 2026-11-22 (test only)");
        await choose({
          ...WAI_FILE,
          items: [...WAI_FILE.items.slice(0, 11), { linkId: "wai-sr-13", text: "x" }],
        });
        await page.getByRole("button", { name: "Import the wording" }).click();
        const refused = page
          .getByRole("alert")
          .filter({ hasText: "The wording was not imported" })
          .filter({ hasText: "wai-sr-13" });
        await refused.waitFor();
        await expect(refused.textContent()).resolves.toMatch(/wai-sr-13.*not an item of wai-sr/s);
        await expect(refused.textContent()).resolves.toMatch(/wai-sr-12" of wai-sr has no text in the file/);
        await check(page, "instruments-refused", ["desktop"]);
        expect(await web.server.store.db.selectFrom("licensed_texts").selectAll().execute()).toEqual([]);
        // The right file: merged, the row says so.
        await page.getByLabel(/I confirm that our network holds a licence/).check();
        await page
          .getByLabel(/The licence: who granted it/)
          .fill("Fake test licence no. 0, 2026-11-22 (test only)");
        await choose(WAI_FILE);
        await page.getByRole("button", { name: "Import the wording" }).click();
        await page
          .getByRole("heading", { name: /Imported: WAI-SR wording in "en" from wai-sr.en.json/ })
          .waitFor();
        await expect(page.locator(".result").innerText()).resolves.toMatch(
          /12 questions and the answer labels of frequency/,
        );
        await expect(row("wai-sr").getByTestId("wording").textContent()).resolves.toMatch(
          /imported for this network/,
        );
        await check(page, "instruments-imported");

        // The SRS (visual-analogue lines) through the API, to put sliders on the patient's form.
        const coordA = await apiSession(web.server.url, EMAIL, PASSWORD);
        const srs = await postJson(coordA, "/api/instruments/srs/licensed-text", {
          file: fakeFile("srs", 4),
          attestation: { holdsLicence: true, statement: "Fake test licence no. 1 (test only)" },
        });
        expect(srs.status).toBe(201);

        // ---- a patient link with four forms (the API call the staff pages make) ----
        const forms = [Q("wai-sr"), Q("core-10"), Q("srs"), Q("alliance-checkin-patient")];
        const made = await postJson(coordA, `/api/sessions/${web.seeded.sessionA}/links`, { forms });
        expect(made.status, await made.clone().text()).toBe(201);
        const { url } = (await made.json()) as { url: string };

        const phone = await web.browser.newPage({ viewport: PHONE });
        await phone.goto(`${web.server.url}${new URL(url).pathname}`);
        await phone.getByRole("heading", { name: "After your session" }).waitFor();
        const part = (id: string) => phone.locator(`section[data-form="${id}"]`);
        await part("wai-sr").locator("legend").first().waitFor();
        await expect(part("wai-sr").locator("legend").first().innerText()).resolves.toBe(
          "1. Test wording item 1",
        );
        await expect(part("wai-sr").locator("fieldset").first().textContent()).resolves.toContain(
          "Test label 5",
        );
        await part("wai-sr").getByText("Test instructions for wai-sr").waitFor();
        await part("wai-sr").getByText("Test notice: fake wai-sr licence no. 0").waitFor();
        // CORE-10: its copyright line is shown with the form.
        await part("core-10").getByText("© CORE System Trust").waitFor();
        await phone.getByText("0 of 32 answered").waitFor();
        // The bar starts empty (the CSP blocks style attributes; the width is set through the CSSOM).
        const bar = async () => (await phone.locator(".progress span").boundingBox())?.width ?? 0;
        expect(await bar()).toBe(0);
        await check(phone, "patient");

        // French: attune's own form switches; the CORE-10 (no French) stays in English and says so.
        const checkinFr = localizeQuestionnaire(
          toQuestionnaire(getInstrument("alliance-checkin-patient")),
          "fr",
        ).item!.find((i) => i.type !== "display")!.text!;
        await phone.getByRole("button", { name: "Français" }).click();
        await phone.getByRole("heading", { name: "Après votre séance" }).waitFor();
        await part("alliance-checkin-patient").getByText(checkinFr).waitFor();
        await part("core-10").getByText("Ce questionnaire n'existe qu'en anglais.").waitFor();
        await expect(part("core-10").getAttribute("lang")).resolves.toBe("en");
        await check(phone, "patient-fr", ["phone"]);
        await phone.getByRole("button", { name: "English" }).click();

        // Every item is optional in these forms: an early Send says what is unanswered instead of sending.
        await phone.getByRole("button", { name: "Send my answers" }).click();
        await phone.getByRole("alert").filter({ hasText: "32 questions have no answer" }).waitFor();
        expect(await phone.evaluate("document.activeElement?.getAttribute('name')")).toBe(
          `${Q("wai-sr")}#wai-sr-1`,
        );

        // Answers: WAI-SR n → (n mod 5) + 1, CORE-10 n → n mod 5, check-in 3 except item 6 skipped.
        const answers: Record<string, Record<string, number>> = {
          "wai-sr": {},
          "core-10": {},
          srs: {},
          "alliance-checkin-patient": {},
        };
        const pick = async (form: string, n: number, v: number, linkId: string) => {
          await part(form).locator("fieldset").nth(n).locator(`input[value="${v}"]`).check();
          answers[form]![linkId] = v;
        };
        for (let n = 1; n <= 12; n++) await pick("wai-sr", n - 1, (n % 5) + 1, `wai-sr-${n}`);
        for (let n = 1; n <= 10; n++) await pick("core-10", n - 1, n % 5, `core10-${n}`);
        const checkin = getInstrument("alliance-checkin-patient").items.map((i) => i.linkId);
        for (const [j, linkId] of checkin.slice(0, 5).entries())
          await pick("alliance-checkin-patient", j, 3, linkId);
        // SRS: typed marks (one with a French-style comma), a bad one first, and one set with the keyboard.
        const srsSets = part("srs").locator("fieldset");
        await srsSets.nth(0).getByLabel("Your mark").fill("12");
        await srsSets.nth(0).getByText("Type a number from 0 to 10 (at most one decimal).").waitFor();
        await check(phone, "patient-errors", ["phone"]);
        await srsSets.nth(0).getByLabel("Your mark").fill("7.5");
        await srsSets.nth(1).getByLabel("Your mark").fill("8,2");
        await srsSets.nth(2).getByLabel("Your mark").fill("10");
        await srsSets.nth(3).locator('input[type="range"]').focus();
        await phone.keyboard.press("ArrowRight");
        await expect(srsSets.nth(3).getByLabel("Your mark").inputValue()).resolves.toBe("5.1");
        Object.assign(answers["srs"]!, { "srs-1": 7.5, "srs-2": 8.2, "srs-3": 10, "srs-4": 5.1 });
        await phone.getByText("31 of 32 answered").waitFor();
        expect(await bar()).toBeGreaterThan(0);
        await phone.getByRole("button", { name: "Send my answers" }).click();
        await phone.getByRole("alert").filter({ hasText: "One question has no answer" }).waitFor();
        await phone.getByRole("button", { name: "Send my answers" }).click();
        await phone.getByRole("heading", { name: "Thank you!" }).waitFor();
        await check(phone, "thanks", ["phone"]);

        // ---- stored: each response scored exactly as core scores the answers given ----
        const db = web.server.store.db;
        const stored = await db
          .selectFrom("responses")
          .selectAll()
          .where("session_id", "=", web.seeded.sessionA)
          .execute();
        expect(stored.map((r) => r.questionnaire_url).sort()).toEqual([...forms].sort());
        for (const r of stored) {
          const id = r.questionnaire_url.split("/").at(-1)!;
          const inst = getInstrument(id);
          const expected = scoreResponse(inst, answers[id]!);
          if (!expected.ok) throw new Error(`core refused the test's answers to ${id}`);
          const scores = Object.fromEntries(
            (await db.selectFrom("scores").selectAll().where("response_id", "=", r.id).execute()).map((s) => [
              s.scale,
              s.value,
            ]),
          );
          const want: Record<string, number> = {};
          if (expected.total !== null) want["total"] = expected.total;
          if (expected.percentOfMax !== null) want["percent_of_max"] = expected.percentOfMax;
          for (const [k, v] of Object.entries(expected.subscales)) if (v !== null) want[k] = v;
          for (const [k, v] of Object.entries(want)) expect(scores[k], `${id} ${k}`).toBeCloseTo(v, 9);
          expect(Object.keys(want).length, id).toBeGreaterThan(0);
          // Choice answers are sent as codes, visual-analogue marks as decimals; no answer label is stored.
          const resource = JSON.parse(r.resource) as {
            item: { linkId: string; answer: Record<string, unknown>[] }[];
          };
          const first = resource.item[0]!.answer[0]!;
          expect(Object.keys(first)).toEqual([id === "srs" ? "valueDecimal" : "valueCoding"]);
          expect(r.resource).not.toContain("Test label");
        }
        expect(scoreResponse(getInstrument("core-10"), answers["core-10"]!)).toMatchObject({ ok: true });

        // ---- no blank questions: network B has no WAI-SR wording; A withdraws the SRS wording ----
        const coordB = await apiSession(web.server.url, "coordinator@b.test", PASSWORD);
        const refusedB = await postJson(coordB, `/api/sessions/${web.seeded.sessionB}/links`, {
          forms: [Q("phq-9"), Q("wai-sr")],
        });
        expect(refusedB.status).toBe(400);
        const msgB = await refusedB.text();
        expect(msgB).toContain("(wai-sr) has no wording in this network");
        expect(msgB).toContain("import the network's licensed text first");
        expect(
          (await postJson(coordB, `/api/sessions/${web.seeded.sessionB}/links`, { forms: [Q("phq-9")] }))
            .status,
        ).toBe(201);

        // The page was open before the SRS import through the API: reload it.
        await page.reload();
        await page.getByRole("heading", { name: "Instruments", level: 1 }).waitFor();
        await page.getByRole("button", { name: "Withdraw the SRS wording" }).click();
        await page.getByRole("button", { name: "Yes, withdraw the SRS wording" }).click();
        await page.getByRole("heading", { name: "Withdrawn: the SRS wording" }).waitFor();
        await expect(row("srs").getByTestId("wording").textContent()).resolves.toMatch(/not available/);
        await check(page, "instruments-withdrawn", ["desktop"]);
        const refusedA = await postJson(coordA, `/api/sessions/${web.seeded.sessionA}/links`, {
          forms: [Q("srs")],
        });
        expect(refusedA.status).toBe(400);
        expect(await refusedA.text()).toContain("(srs) has no wording in this network");
        await phone.close();
        await page.close();
        console.log(`forms end to end: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
    );

    it("a therapist rates the session with the study's therapist form (the project's check-in)", async () => {
      const db = web.server.store.db;
      const url = Q("alliance-checkin-therapist");
      const { study } = await createStudy(db, {
        networkId: web.seeded.networkA,
        name: "check-in study",
        arms: [],
        schedule: [{ questionnaireUrl: url, rater: "therapist", sessions: "all" }],
      });
      const t = await createUser(db, {
        networkId: web.seeded.networkA,
        code: "T9",
        email: "t9@forms.test",
        displayName: "Therapist T9",
        role: "therapist",
        passwordHash: await hashPassword(PASSWORD),
      });
      const p = await createPatient(db, { networkId: web.seeded.networkA, code: "P9" });
      const e = await createEpisode(db, { patientId: p.id, therapistId: t.id, studyId: study.id });
      const session = await ensureSession(db, e.id, 1, "2026-11-20");

      const page = await web.browser.newPage({ viewport: DESKTOP });
      await signIn(page, web.server.url, "t9@forms.test", PASSWORD);
      await page.getByRole("link", { name: "Patient P9" }).click();
      await page.getByRole("heading", { name: "Your rating of session 1" }).waitFor();
      const inst = getInstrument("alliance-checkin-therapist");
      const first = toQuestionnaire(inst).item!.find((i) => i.type !== "display")!.text!;
      await page.locator("form.rate").getByText(first).waitFor();
      // Five of six answered: the page says one is missing; a second Save stores the prorated score.
      const sets = page.locator("form.rate fieldset");
      await expect(sets.count()).resolves.toBe(inst.items.length);
      const answers: Record<string, number> = {};
      for (const [j, item] of inst.items.slice(0, 5).entries()) {
        await sets.nth(j).locator('input[value="3"]').check();
        answers[item.linkId] = 3;
      }
      await page.getByRole("button", { name: "Save my rating" }).click();
      await page.getByRole("alert").filter({ hasText: "1 question is not answered yet" }).waitFor();
      await axe(page, "therapist rating (check-in)");
      await shoot(page, "forms-therapist-rating", ["desktop"]);
      await page.getByRole("button", { name: "Save my rating" }).click();
      await page.getByText("Your rating of session 1 is saved.").waitFor();
      const stored = await db
        .selectFrom("responses")
        .selectAll()
        .where("session_id", "=", session.id)
        .execute();
      expect(stored.map((r) => [r.questionnaire_url, r.rater])).toEqual([[url, "therapist"]]);
      const expected = scoreResponse(inst, answers);
      if (!expected.ok) throw new Error("core refused the test's answers");
      const scores = await db
        .selectFrom("scores")
        .selectAll()
        .where("response_id", "=", stored[0]!.id)
        .execute();
      const percent = scores.find((x) => x.scale === "percent_of_max")?.value;
      expect(percent).toBeCloseTo(expected.percentOfMax!, 9);
      await page.close();
    });
  },
);
