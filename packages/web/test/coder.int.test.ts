// The observer's (coder's) workflow end to end in headless Chromium against the real built UI and server
// (temporary SQLite): the coordinator assigns a coder to a session on the study page (a second try is
// refused with the page's message); the coder signs in, sees the session to code, codes a withdrawal
// rupture (intensity and resolution appear through enableWhen), saves; the stored scores equal core's
// scoreResponse of those answers; a correction is a new version (coding both types, each type's
// intensity is asked and stored); the list shows the session coded; a
// second coder who is not assigned cannot open it (API 404, and the page says so). axe-core on every page;
// desktop screenshots to bench-out/screenshots/coder-*.png.
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { ATTUNE_CANONICAL, getInstrument, scoreResponse } from "@attune/core";
import { createEpisode, createPatient, createStudy, createUser, ensureSession } from "@attune/db";
import { ALLIANCE_PATIENT } from "@attune/core";
import { ensureBootstrap, hashPassword } from "@attune/server";
import { axe, browserRunnable, DESKTOP, shoot, signIn } from "./browser.ts";
import { webFixture } from "./fixture.ts";

const EMAIL = "coordinator@coding.test";
const PASSWORD = "coordinator-password";
const RUPTURE_CODING = `${ATTUNE_CANONICAL}/Questionnaire/rupture-coding`;

const web = webFixture({
  name: "coder",
  seed: async (server) => {
    const db = server.store.db;
    const { networkId } = await ensureBootstrap(server.store, {
      network: "Coding network",
      email: EMAIL,
      password: PASSWORD,
    });
    const hash = await hashPassword(PASSWORD);
    for (const [code, name] of [
      ["K1", "Kim Observer"],
      ["K2", "Lee Observer"],
    ] as const)
      await createUser(db, {
        networkId,
        code,
        email: `${code.toLowerCase()}@coding.test`,
        displayName: name,
        role: "coder",
        passwordHash: hash,
      });
    const t = await createUser(db, { networkId, code: "T1", displayName: "T1", role: "therapist" });
    // The schedule has no observer form, so the coder gets core's rupture coding.
    const { study } = await createStudy(db, {
      networkId,
      name: "Rupture study",
      arms: [{ code: "a", name: "usual care" }],
      schedule: [{ questionnaireUrl: ALLIANCE_PATIENT, rater: "patient", sessions: "all" }],
    });
    for (const code of ["P001", "P002"]) {
      const p = await createPatient(db, { networkId, code, contact: { name: `Name of ${code}` } });
      const e = await createEpisode(db, { patientId: p.id, therapistId: t.id, studyId: study.id });
      await ensureSession(db, e.id, 1, "2026-11-12");
      const s2 = await ensureSession(db, e.id, 2, "2026-11-19");
      if (code === "P001") session2 = s2.id;
    }
  },
});
let session2: string;

async function signedIn(email: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await web.browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  await signIn(page, web.server.url, email, PASSWORD);
  return { ctx, page };
}

async function check(page: Page, name: string): Promise<void> {
  await axe(page, name);
  await shoot(page, `coder-${name}`, ["desktop"]);
}

describe.skipIf(!browserRunnable)("the coder's pages end to end (headless Chromium)", () => {
  it("assigns, codes (enableWhen), scores as core, corrects, and keeps other coders out", async () => {
    const started = Date.now();
    const db = web.server.store.db;

    // ---- the coordinator assigns K1 to P001's second session on the study page ----
    const coord = await signedIn(EMAIL);
    const cp = coord.page;
    await cp.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await cp.getByRole("link", { name: "Rupture study" }).click();
    await cp.getByRole("heading", { name: "Observer coding" }).waitFor();
    const card = cp.getByRole("region", { name: "Observer coding" });
    await card.getByText("No session is assigned to a coder yet.").waitFor();
    await card.getByLabel("Patient", { exact: true }).selectOption("P001");
    await card.getByLabel("Session", { exact: true }).selectOption(session2);
    await card.getByLabel("Coder", { exact: true }).selectOption({ label: "K1 — Kim Observer" });
    await cp.getByRole("button", { name: "Assign the coder" }).click();
    await cp.getByRole("status").filter({ hasText: "Assigned K1 for patient P001, session 2." }).waitFor();
    const assignments = cp.getByTestId("coding-assignments");
    await expect(assignments.locator("tbody tr").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^P001\s+2\s+2026-11-19\s+K1\s+not yet$/),
    ]);
    // The same pair again: the server's 409 in the page's words, focused.
    await card.getByLabel("Patient", { exact: true }).selectOption("P001");
    await card.getByLabel("Session", { exact: true }).selectOption(session2);
    await card.getByLabel("Coder", { exact: true }).selectOption({ label: "K1 — Kim Observer" });
    await cp.getByRole("button", { name: "Assign the coder" }).click();
    await cp
      .getByRole("alert")
      .filter({ hasText: "K1 is already assigned to patient P001, session 2." })
      .waitFor();
    await check(cp, "study-card");

    // ---- K1 signs in: the session is on their home page, to code ----
    const k1 = await signedIn("k1@coding.test");
    const page = k1.page;
    await page.getByRole("heading", { name: "Sessions to code", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/coding");
    await page
      .getByText("You code alliance ruptures in session recordings; patients appear by code only")
      .waitFor();
    const rows = page.getByTestId("coding-list").locator("tbody tr");
    await expect(rows.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^P001\s+2\s+19 Nov 2026\s+T1\s+Rupture study\s+To code\s+Code/),
    ]);
    await expect(page.locator("main").innerText()).resolves.not.toMatch(/Name of/);
    await check(page, "home");

    // ---- coding: intensity and resolution are asked only once a rupture is coded ----
    await page.getByRole("link", { name: "Code — patient P001, session 2" }).click();
    await page.getByRole("heading", { name: "Coding: Patient P001, session 2", level: 1 }).waitFor();
    const sets = page.locator("form.rate fieldset");
    await expect(sets.count()).resolves.toBe(1);
    const type = sets.nth(0);
    // Saving with nothing coded asks for the answer; the box goes once it is given, not at the next Save.
    await page.getByRole("button", { name: "Save the coding" }).click();
    await page.locator("form.rate").locator("xpath=..").locator(".error-box").waitFor();
    await type.locator('input[value="0"]').check();
    await expect(page.locator(".error-box").count()).resolves.toBe(0);
    await type.locator('input[value="1"]').check(); // withdrawal
    await expect(sets.count()).resolves.toBe(3);
    await type.locator('input[value="0"]').check(); // no rupture: the follow-ups go away again
    await expect(sets.count()).resolves.toBe(1);
    await type.locator('input[value="1"]').check();
    await sets.nth(1).locator('input[value="4"]').check(); // intensity: strong
    await sets.nth(2).locator('input[value="2"]').check(); // resolution: partly resolved
    await check(page, "form");
    await page.getByRole("button", { name: "Save the coding" }).click();
    await page.getByText("Your coding of session 2 of patient P001 is saved.").waitFor();
    const coded = page.getByTestId("coded");
    await expect(coded.locator("dd").allInnerTexts()).resolves.toEqual([
      "Withdrawal",
      "Strong",
      "Partly resolved",
    ]);
    await check(page, "coded");

    // ---- stored: one observer response by K1, its scores exactly core's scoring of the answers ----
    const k1Id = (
      await db.selectFrom("users").select("id").where("code", "=", "K1").executeTakeFirstOrThrow()
    ).id;
    const stored = await db.selectFrom("responses").selectAll().where("session_id", "=", session2).execute();
    expect(stored.map((r) => [r.questionnaire_url, r.rater, r.author_id, r.version])).toEqual([
      [RUPTURE_CODING, "observer", k1Id, 1],
    ]);
    const answers = { "rupture-type": 1, "rupture-intensity": 4, "rupture-resolution": 2 };
    const expected = scoreResponse(getInstrument("rupture-coding"), answers);
    if (!expected.ok) throw new Error("core refused the test's answers");
    const want: Record<string, number> = {};
    if (expected.total !== null) want["total"] = expected.total;
    if (expected.percentOfMax !== null) want["percent_of_max"] = expected.percentOfMax;
    for (const [k, v] of Object.entries(expected.subscales)) if (v !== null) want[k] = v;
    for (const [k, v] of Object.entries(expected.indicators)) if (v !== null) want[k] = v ? 1 : 0;
    for (const [k, v] of Object.entries(expected.intensities)) if (v !== null) want[k] = v;
    const scores = Object.fromEntries(
      (await db.selectFrom("scores").selectAll().where("response_id", "=", stored[0]!.id).execute()).map(
        (s) => [s.scale, s.value],
      ),
    );
    expect(scores).toEqual(want);
    expect(want).toMatchObject({
      rupture: 1,
      withdrawal: 1,
      confrontation: 0,
      withdrawal_intensity: 4,
      confrontation_intensity: 0,
    });
    const resource = JSON.parse(stored[0]!.resource) as {
      item: { linkId: string; answer: { valueCoding: { code: string } }[] }[];
    };
    expect(resource.item.map((i) => [i.linkId, i.answer[0]!.valueCoding.code])).toEqual([
      ["rupture-type", "1"],
      ["rupture-intensity", "4"],
      ["rupture-resolution", "2"],
    ]);

    // ---- a correction starts from what was coded and is stored as version 2 ----
    await page.getByRole("button", { name: "Correct the coding" }).click();
    await page.getByRole("heading", { name: "Correct your coding of session 2" }).waitFor();
    await expect(sets.nth(0).locator('input[value="1"]').isChecked()).resolves.toBe(true);
    await expect(sets.nth(1).locator('input[value="4"]').isChecked()).resolves.toBe(true);
    // both types after all: each type's intensity is asked too (enableWhen rupture-type = 3)
    await expect(sets.count()).resolves.toBe(3);
    await sets.nth(0).locator('input[value="3"]').check();
    await expect.poll(() => sets.count()).toBe(5);
    await sets.nth(2).locator('input[value="2"]').check(); // withdrawal: mild
    await sets.nth(3).locator('input[value="4"]').check(); // confrontation: strong
    await sets.nth(4).locator('input[value="3"]').check(); // fully resolved after all
    await page.getByRole("button", { name: "Save the correction" }).click();
    await page.getByText("Your correction of session 2 of patient P001 is saved.").waitFor();
    await expect(coded.locator("dd").allInnerTexts()).resolves.toEqual([
      "Both withdrawal and confrontation",
      "Strong",
      "Mild",
      "Strong",
      "Fully resolved",
    ]);
    const versions = await db
      .selectFrom("responses")
      .select(["id", "version", "supersedes_id"])
      .where("session_id", "=", session2)
      .orderBy("version")
      .execute();
    expect(versions.map((v) => [v.version, v.supersedes_id])).toEqual([
      [1, null],
      [2, stored[0]!.id],
    ]);
    const corrected = await db
      .selectFrom("scores")
      .select(["scale", "value"])
      .where("response_id", "=", versions[1]!.id)
      .where("scale", "like", "%_intensity")
      .orderBy("scale")
      .execute();
    expect(corrected).toEqual([
      { scale: "confrontation_intensity", value: 4 },
      { scale: "withdrawal_intensity", value: 2 },
    ]);

    // ---- the list shows it coded ----
    await page.getByRole("link", { name: "← Sessions to code" }).click();
    await page.getByRole("heading", { name: "Sessions to code", level: 1 }).waitFor();
    await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringMatching(/Coded\s.*View or correct/s)]);
    await expect(page.getByTestId("coding-count").innerText()).resolves.toBe(
      "All 1 assigned session is coded.",
    );
    await check(page, "home-coded");

    // ---- K2 is not assigned: the API answers 404, the page says so ----
    const k2 = await signedIn("k2@coding.test");
    await k2.page.getByRole("heading", { name: "Sessions to code", level: 1 }).waitFor();
    await k2.page.getByText("No session is assigned to you yet.").waitFor();
    const me = (await (await k2.ctx.request.get(`${web.server.url}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const search = await k2.ctx.request.get(
      `${web.server.url}/api/fhir/QuestionnaireResponse?session=${session2}`,
    );
    expect(search.status()).toBe(404);
    const write = await k2.ctx.request.post(`${web.server.url}/api/fhir/QuestionnaireResponse`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        resourceType: "QuestionnaireResponse",
        questionnaire: RUPTURE_CODING,
        status: "completed",
        encounter: { reference: `Encounter/${session2}` },
        item: [{ linkId: "rupture-type", answer: [{ valueCoding: { code: "0" } }] }],
      },
    });
    expect(write.status()).toBe(404);
    await k2.page.goto(`${web.server.url}/coding/${session2}`);
    await k2.page.getByRole("heading", { name: "Session not available", level: 1 }).waitFor();
    await k2.page.getByRole("alert").filter({ hasText: "is not assigned to you" }).waitFor();
    await check(k2.page, "not-assigned");

    // ---- the coordinator's card shows the assignment coded ----
    await cp.reload();
    await cp.getByRole("heading", { name: "Observer coding" }).waitFor();
    await expect(assignments.locator("tbody tr").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^P001\s+2\s+2026-11-19\s+K1\s+yes, /),
    ]);
    await cp.getByText("1 of 1 assignment coded.").waitFor();

    for (const c of [coord.ctx, k1.ctx, k2.ctx]) await c.close();
    console.log(`coder workflow end to end: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 120_000);
});
