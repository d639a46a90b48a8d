// Help where the words are hard, in headless Chromium on the demo network: the therapist's attunement page
// in French explains truth force in a <details> opened from the keyboard and links to the glossary's entry;
// the glossary reads in both languages; a run page explains REML, Satterthwaite df and a1–a5; the coder's
// list and the coordinator's nav follow the French switch. axe-core on each page.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axe, browserRunnable, shoot } from "./browser.ts";
import { demoFixture } from "./fixture.ts";

const web = demoFixture("web-help", { therapists: 6 });
const as = (role: string): Promise<Page> => web.as(role);

describe.skipIf(!browserRunnable)("glossary and inline explanations (headless Chromium)", () => {
  it(
    "explains truth force in French from the keyboard and links to the glossary",
    { timeout: 120_000 },
    async () => {
      const page = await as("therapist");
      await page.getByRole("button", { name: "Français" }).click();
      await page.getByRole("link", { name: "Mon accordage" }).click();
      await page.getByRole("heading", { name: "Mon accordage" }).waitFor();
      const summary = page.locator("details[data-term=truth-force] summary");
      expect((await summary.textContent())?.replace(/\u00a0/g, " ").trim()).toBe(
        "Que veut dire « Force de vérité » ?",
      );
      const body = page.locator("details[data-term=truth-force] p");
      expect(await body.isVisible()).toBe(false);
      await summary.focus();
      await page.keyboard.press("Enter");
      await body.waitFor({ state: "visible" });
      expect(await body.textContent()).toMatch(/suit celle du patient/);
      await axe(page, "attunement with an explanation open");
      await body.getByRole("link", { name: "Plus dans le glossaire" }).click();
      await page.getByRole("heading", { name: "Glossaire", level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toBe("#truth-force");
      expect(await page.locator("#truth-force h2").textContent()).toBe("Force de vérité");
      expect(await page.locator("section.glossary").count()).toBe(9);
      await axe(page, "glossary in French");
      await shoot(page, "help-glossary-fr", ["desktop"]);
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Glossary", level: 1 }).waitFor();
      expect(await page.locator("#reliable-change").textContent()).toMatch(/Jacobson–Truax/);
      await page.close();
    },
  );

  it("explains REML, Satterthwaite df and a1–a5 on a run page", { timeout: 120_000 }, async () => {
    const page = await as("researcher");
    const run = (await page.evaluate(`(async () => {
      const me = await fetch("/api/auth/me").then((r) => r.json());
      const r = await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json",
        "x-csrf-token": me.csrfToken }, body: JSON.stringify({ recipe: "rsa" }) });
      return r.json();
    })()`)) as { id: string };
    await page.goto(`${web.server.url}/runs/${run.id}`);
    await page.locator("details[data-term=surface]").first().waitFor();
    for (const term of ["reml", "satterthwaite", "surface"])
      expect(await page.locator(`details[data-term=${term}]`).count()).toBeGreaterThan(0);
    await page.locator("details[data-term=surface] summary").first().click();
    expect(await page.locator("details[data-term=surface] p").first().textContent()).toMatch(
      /a4: curvature across it/,
    );
    await axe(page, "run page with explanations");
    await page.close();
  });

  it(
    "the coder's list and the coordinator's nav follow the French switch",
    { timeout: 120_000 },
    async () => {
      const coder = await as("coder");
      await coder.getByRole("heading", { name: "Sessions to code", level: 1 }).waitFor();
      await coder.getByRole("button", { name: "Français" }).click();
      await coder.getByRole("heading", { name: "Séances à coder", level: 1 }).waitFor();
      expect(await coder.locator("main").getAttribute("lang")).toBeNull();
      expect(await coder.getByTestId("coding-count").textContent()).toMatch(/reste(nt)? à coder/);
      await axe(coder, "coder list in French");
      await coder.close();
      // The language goes with the account: the coder chose French, the coordinator switches here.
      const coordinator = await as("coordinator");
      await coordinator.getByRole("button", { name: "Français" }).click();
      for (const name of ["Études", "Réseau", "Dossiers patients", "Journal d'audit", "Glossaire"])
        await coordinator.getByRole("link", { name, exact: true }).waitFor();
      await coordinator.close();
    },
  );
});
