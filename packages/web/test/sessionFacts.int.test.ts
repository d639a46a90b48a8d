// Session modality and the end of therapy on the therapist's patient page, in headless Chromium against
// the real built UI and server: choosing how a session was held and ending the episode store exactly
// that (and say so in the shell's live region); a reason and day are kept after a reload; reopening works.
import { describe, expect, it } from "vitest";
import { getPatientByCode } from "@attune/db";
import { browserRunnable, DESKTOP, signIn } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-facts", { therapists: 4 });
const PASSWORD = DEMO_PASSWORD;

describe.skipIf(!browserRunnable)("session modality and end of therapy (headless Chromium)", () => {
  it("records how session 1 was held and ends the therapy as a dropout, then reopens it", async () => {
    const db = web.server.store.db;
    const therapist = web.demo.users.find((u) => u.role === "therapist")!;
    const patient = (await getPatientByCode(db, web.demo.networkId, web.demo.patientCode))!;
    const episode = await db
      .selectFrom("episodes")
      .selectAll()
      .where("patient_id", "=", patient.id)
      .executeTakeFirstOrThrow();
    const page = await (await web.browser.newContext({ viewport: DESKTOP, locale: "en-GB" })).newPage();
    await signIn(page, web.server.url, therapist.email, PASSWORD);
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    await page.goto(`${web.server.url}/patients/${episode.id}`);
    const card = page.getByTestId("session-facts");
    await card.getByRole("heading", { name: "Session format and end of therapy" }).waitFor();

    await card.getByLabel("How session 1 was held").selectOption("video");
    await expect.poll(() => page.locator("#page-live").textContent()).toContain("Session 1: video recorded.");
    const s1 = await db
      .selectFrom("therapy_sessions")
      .select("modality")
      .where("episode_id", "=", episode.id)
      .where("number", "=", 1)
      .executeTakeFirstOrThrow();
    expect(s1.modality).toBe("video");

    const last = await db
      .selectFrom("therapy_sessions")
      .select((eb) => eb.fn.max("date").as("d"))
      .where("episode_id", "=", episode.id)
      .executeTakeFirstOrThrow();
    const endDay = String(last.d ?? "2026-01-01").slice(0, 10);
    await card.getByLabel("Last day").fill(endDay);
    await card.getByLabel("Reason").selectOption("dropout");
    await card.getByRole("button", { name: "End therapy" }).click();
    await card.getByTestId("episode-ended").waitFor();
    expect(
      await db
        .selectFrom("episodes")
        .select(["ended_at", "end_reason"])
        .where("id", "=", episode.id)
        .executeTakeFirst(),
    ).toEqual({ ended_at: endDay, end_reason: "dropout" });

    await page.reload();
    await expect(page.getByTestId("episode-ended").textContent()).resolves.toContain("(dropout)");
    await expect(page.getByLabel("How session 1 was held").inputValue()).resolves.toBe("video");
    await page.getByTestId("episode-ended").getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: "End therapy" }).waitFor();
    expect(
      (await db.selectFrom("episodes").select("end_reason").where("id", "=", episode.id).executeTakeFirst())
        ?.end_reason,
    ).toBeNull();
  });

  it("shows the researcher the network's outcome rates, with dropout from the recorded ends", async () => {
    const researcher = web.demo.users.find((u) => u.role === "researcher")!;
    const page = await (await web.browser.newContext({ viewport: DESKTOP, locale: "en-GB" })).newPage();
    await signIn(page, web.server.url, researcher.email, PASSWORD);
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    const card = page.getByTestId("rates");
    await card.getByRole("button", { name: "Show outcome rates" }).click();
    await card.getByRole("heading", { name: "By arm" }).waitFor();
    // The row's cells read one by one (the table builder writes no whitespace between cells).
    const overall = (
      await card
        .getByRole("region", { name: /^Overall/ })
        .locator("tbody tr")
        .first()
        .locator("th, td")
        .allTextContents()
    ).join(" ");
    expect(overall.replace(/\s+/g, " ").trim()).toMatch(/^All patients \d+ \d+ \d+\.\d% \(\d+\)/);
    expect(
      await card.getByRole("region", { name: "By arm" }).locator("tbody tr").count(),
    ).toBeGreaterThanOrEqual(1);
  });
});
