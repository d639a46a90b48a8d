// The therapist-data pages in headless Chromium against the built UI and server: the coordinator declares
// an attribute and a once-only questionnaire and enters a therapist's value on /therapist-data; a
// therapist enters their own value on /my-profile and sees neither another therapist's form nor value; a
// therapist answers the once-only questionnaire there (the server's refusal of an altered answer is named
// on the page and every answer stays; the saved answer's scores show after a reload).
// Every save is read back after a reload (stored, not only drawn).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axe, browserRunnable } from "./browser.ts";
import { DEMO_PASSWORD, smallDemoFixture } from "./fixture.ts";

const web = smallDemoFixture("therapist-data", { dataSubdir: "db" });

/** A page signed in as `email` of the demo network, its page errors collected in `errors` from the start. */
const signedIn = (email: string, errors: string[]): Promise<Page> =>
  web.signedIn(email, DEMO_PASSWORD, {
    beforeSignIn: (p) => p.on("pageerror", (e) => errors.push(e.message)),
  });

describe.skipIf(!browserRunnable)("therapist data pages (headless Chromium)", () => {
  it("a coordinator declares an attribute and a questionnaire and enters a therapist's value", async () => {
    const errors: string[] = [];
    const page = await signedIn("c1@demo.attune.dev", errors);
    await page.getByRole("link", { name: "Therapist data" }).first().click();
    await page.getByRole("heading", { name: "Therapist data", level: 1 }).waitFor();
    await expect(page.getByText("The network records no therapist attributes yet.").count()).resolves.toBe(1);
    await page.getByLabel("Column name").fill("years_practice");
    await page.getByLabel("Label", { exact: true }).fill("Years of practice");
    await page.getByRole("button", { name: "Add attribute" }).click();
    await page.locator("code", { hasText: "years_practice" }).first().waitFor();
    await expect.poll(() => page.locator("#page-live").textContent()).toMatch(/Attribute added/);

    // The therapist-rated instruments of the library are offered, but not the in-session experiences
    // form (answered after each session); the therapist's check-in is chosen (it has wording, so
    // therapists can answer it on /my-profile).
    await expect(page.locator("#tq-url option", { hasText: "Therapist experiences" }).count()).resolves.toBe(
      0,
    );
    const option = page.locator("#tq-url option", { hasText: "Check-in (T)" });
    const url = (await option.getAttribute("value"))!;
    const title = (await option.textContent())!.replace(/ \(.*\)$/, "").trim();
    await page.getByLabel("Questionnaire", { exact: true }).selectOption(url);
    await page.getByRole("button", { name: "Ask every therapist" }).click();
    await page.getByText(/Questionnaires each therapist answers once:/).waitFor();
    await expect(
      page.getByText(/Questionnaires each therapist answers once:/).textContent(),
    ).resolves.toContain(title);

    const t1 = page.getByRole("form", { name: "Attributes of T1" });
    await t1.getByLabel("Years of practice").fill("12");
    await t1.getByRole("button", { name: "Save T1" }).click();
    await expect.poll(() => page.locator("#page-live").textContent()).toMatch(/Saved T1/);
    // A value that is not a number is refused, naming it, and the stored one stays.
    const t3 = page.getByRole("form", { name: "Attributes of T3" });
    await t3.getByLabel("Years of practice").fill("a dozen");
    await t3.getByRole("button", { name: "Save T3" }).click();
    await expect(page.locator(".error-box").textContent()).resolves.toMatch(/"a dozen" is not a number/);
    await axe(page, "therapist data");

    await page.reload();
    await page.getByRole("heading", { name: "Therapist data", level: 1 }).waitFor();
    await expect(
      page.getByRole("form", { name: "Attributes of T1" }).getByLabel("Years of practice").inputValue(),
    ).resolves.toBe("12");
    await expect(
      page.getByRole("form", { name: "Attributes of T3" }).getByLabel("Years of practice").inputValue(),
    ).resolves.toBe("");
    expect(errors).toEqual([]);
  }, 60_000);

  it("a therapist enters their own value on /my-profile and sees no other therapist's", async () => {
    const errors: string[] = [];
    const page = await signedIn("t2@demo.attune.dev", errors);
    await page.getByRole("link", { name: "My profile" }).first().click();
    await page.getByRole("heading", { name: "My profile", level: 1 }).waitFor();
    const forms = await page
      .locator("form.attr-row")
      .evaluateAll((fs) => fs.map((f) => f.getAttribute("aria-label")));
    expect(forms).toEqual(["Attributes of T2"]);
    await expect(page.getByRole("button", { name: "Add attribute" }).count()).resolves.toBe(0);
    const mine = page.getByRole("form", { name: "Attributes of T2" });
    await mine.getByLabel("Years of practice").fill("7.5");
    await mine.getByRole("button", { name: "Save T2" }).click();
    await expect.poll(() => page.locator("#page-live").textContent()).toMatch(/Saved T2/);
    await page.reload();
    await page.getByRole("heading", { name: "My profile", level: 1 }).waitFor();
    await expect(
      page.getByRole("form", { name: "Attributes of T2" }).getByLabel("Years of practice").inputValue(),
    ).resolves.toBe("7.5");
    // T1's value (12, entered by the coordinator) is nowhere on the page.
    await expect(page.locator("main").textContent()).resolves.not.toMatch(/\bT1\b/);
    await expect(
      page.locator("input").evaluateAll((xs) => xs.map((x) => (x as unknown as { value: string }).value)),
    ).resolves.not.toContain("12");
    // The coordinator's page is not theirs.
    await page.goto(`${web.server.url}/therapist-data`);
    await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it("a therapist answers the once-only questionnaire on /my-profile; a refused answer is named and kept", async () => {
    const errors: string[] = [];
    const page = await signedIn("t2@demo.attune.dev", errors);
    await page.getByRole("link", { name: "My profile" }).first().click();
    await page.getByRole("heading", { name: "Questionnaires to answer once" }).waitFor();
    const sets = page.locator("form.rate fieldset");
    await expect(sets.count()).resolves.toBe(6);
    for (let i = 0; i < 6; i++)
      await sets
        .nth(i)
        .locator(`input[value="${i % 3}"]`)
        .check();
    // The server's one check refuses what the form cannot send itself: the first answer altered on its way
    // (as a stale or tampered form would send it) is named in the page, and every answer stays ticked.
    await page.route("**/questionnaire-responses", async (route) => {
      const body = route.request().postDataJSON() as {
        item: { linkId: string; answer: { valueCoding?: { code: string }; valueInteger?: number }[] }[];
      };
      const a = body.item[0]!.answer[0]!;
      if (a.valueCoding) a.valueCoding.code = "7";
      else a.valueInteger = 7;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole("button", { name: "Save my answers" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Not saved" });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/answer 7 to "bond-1"/);
    for (let i = 0; i < 6; i++)
      await expect(
        sets
          .nth(i)
          .locator(`input[value="${i % 3}"]`)
          .isChecked(),
      ).resolves.toBe(true);
    await page.unroute("**/questionnaire-responses");
    await page.getByRole("button", { name: "Save my answers" }).click();
    await expect.poll(() => page.locator("#page-live").textContent()).toMatch(/Your answers are saved/);
    await page.reload();
    const answered = page.getByTestId("once-answered");
    await answered.waitFor();
    // bond-1, bond-2 = 0, 1; goals = 2, 0; tasks = 1, 2: bond 1, goals 2, tasks 3, total 6
    const said = (await answered.textContent()) ?? "";
    for (const part of ["total 6", "bond 1", "goals 2", "tasks 3"]) expect(said).toContain(part);
    await expect(page.getByRole("heading", { name: "Questionnaires to answer once" }).count()).resolves.toBe(
      0,
    );
    await axe(page, "my-profile-answered");
    expect(errors).toEqual([]);
  }, 60_000);
});
