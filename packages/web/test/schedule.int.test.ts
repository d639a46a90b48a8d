// Session scheduling in headless Chromium, against the real built UI and server: the therapist schedules the
// next session for a later day and time on the patient's page; the link card says it opens on that day; the
// patient who opens the link early reads when it opens, in English and in French, and sees no form; the
// caseload lists the session under "Upcoming sessions" and on the patient's row. Screenshots at 390 and
// 1280 px of the patient's early page and of the caseload.
import { describe, expect, it } from "vitest";
import { axe, browserRunnable, PHONE, shoot } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-schedule", { therapists: 6 });
const PASSWORD = DEMO_PASSWORD;

/** A day from now in the browser's zone (the tests run the browser in UTC), as the date input takes it. */
const dayFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserRunnable)("session scheduling (headless Chromium)", () => {
  it("a session scheduled ahead: its link opens on that day, said to the patient in both languages", async () => {
    const therapist = web.demo.users.find((u) => u.role === "therapist")!;
    const page = await web.signedIn(therapist.email, PASSWORD, { context: { timezoneId: "UTC" } });
    await page.getByRole("list", { name: /^Patients/ }).waitFor();
    const caseload = (await page.evaluate(() => fetch("/api/dashboard/caseload").then((r) => r.json()))) as {
      patients: { episodeId: string; patientCode: string }[];
    };
    const p = caseload.patients[0]!;
    await page.goto(`${web.server.url}/patients/${p.episodeId}`);
    const day = dayFromNow(4);
    await page.getByLabel("Session day").fill(day);
    await page.getByLabel("Time (optional)").fill("14:30");
    await page.getByRole("button", { name: "New session and patient link" }).click();
    const card = page.getByTestId("link-card");
    await card.waitFor();
    const words = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
    expect((await page.getByTestId("link-opens").textContent())?.trim()).toBe(
      `Opens on ${words}, 14:30, the session's day: before then the patient sees when it opens, in English or French.`,
    );
    const url = await page.locator("#link-out").inputValue();

    // The patient opens the link early on a phone: when it opens, no form, in English then French.
    const phone = await web.browser.newPage({ viewport: PHONE, locale: "en-GB" });
    await phone.goto(url);
    await phone.getByRole("heading", { name: `This form opens on ${words}` }).waitFor();
    expect(await phone.locator("fieldset").count()).toBe(0);
    expect(await phone.getByText(`your session on ${words} at 14:30`).count()).toBe(1);
    await axe(phone, "link before its day");
    await shoot(phone, "schedule-not-yet", ["phone", "desktop"]);
    await phone.getByRole("button", { name: "Français" }).click();
    const fr = new Intl.DateTimeFormat("fr", { dateStyle: "full", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
    await phone.getByRole("heading", { name: `Ce questionnaire s'ouvre le ${fr}` }).waitFor();
    await phone.close();

    // The caseload lists it as upcoming, and on the patient's row.
    await page.goto(`${web.server.url}/patients`);
    const upcoming = page.getByRole("list", { name: "Upcoming sessions, soonest first" });
    await upcoming.waitFor();
    expect(
      (await upcoming.locator("li", { hasText: `Patient ${p.patientCode},` }).textContent())
        ?.replace(/\s+/g, " ")
        .trim(),
    ).toBe(
      `${words}, 14:30 · Patient ${p.patientCode}, session ${
        (
          (await page.evaluate(
            (id) => fetch(`/api/dashboard/episodes/${id}`).then((r) => r.json()),
            p.episodeId,
          )) as { series: { session: number }[] }
        ).series.at(-1)!.session
      }`,
    );
    await page.getByText(`Next session: ${words}, 14:30`).waitFor();
    await axe(page, "caseload with upcoming sessions");
    await shoot(page, "schedule-caseload", ["phone", "desktop"]);
    await page.close();
  });
});
