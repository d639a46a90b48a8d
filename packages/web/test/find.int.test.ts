// Finding things in the long staff tables, in headless Chromium against the real built UI and server on the
// demo network: the staff list (search, role and access filters), the study's patients (therapist filter,
// order, pages) and the runs list (analysis filter, order). axe-core on each page.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axe, browserRunnable, shoot } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-find", { therapists: 20, sessions: 3 });
const PASSWORD = DEMO_PASSWORD;

async function as(role: string): Promise<Page> {
  const user = web.demo.users.find((u) => u.role === role)!;
  const page = await web.signedIn(user.email, PASSWORD);
  await page.getByRole("navigation").waitFor();
  return page;
}
const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();
const rowHeads = (page: Page, table: string) =>
  page
    .locator(`${table} tbody th[scope=row]`)
    .allTextContents()
    .then((t) => t.map((s) => s.trim()));

describe.skipIf(!browserRunnable)(
  "search, filter, sort and pages on the staff tables (headless Chromium)",
  () => {
    it("the staff list and the study's patients", { timeout: 120_000 }, async () => {
      const page = await as("coordinator");
      await page.goto(`${web.server.url}/network`);
      const staff = page.getByRole("region", { name: "Staff" });
      await staff.locator("tbody tr").first().waitFor();
      const { users } = (await page.evaluate(`fetch("/api/users").then((r) => r.json())`)) as {
        users: unknown[];
      };
      // 20 therapists, a coordinator, a researcher and a coder.
      expect(users.length).toBe(23);
      expect(await staff.locator("tbody tr").count()).toBe(23);
      await page.locator("#staff-role").selectOption("coder");
      expect(await rowHeads(page, "[aria-labelledby=staff-h]")).toEqual(["K1"]);
      await page.locator("#staff-role").selectOption("");
      await page.getByLabel("Find staff").fill("t01");
      const t1 = await rowHeads(page, "[aria-labelledby=staff-h]");
      expect(t1.length).toBeGreaterThan(1);
      expect(t1.every((c) => c.toLowerCase().includes("t01"))).toBe(true);
      expect(await text(page, "staff-found")).toBe(`${t1.length} of 23 shown.`);
      // Disabled only: none yet, then the one just disabled.
      await page.locator("#staff-access").selectOption("enabled");
      expect((await rowHeads(page, "[aria-labelledby=staff-h]")).length).toBe(t1.length);
      await axe(page, "network with a search");

      const studies = (await page.evaluate(`fetch("/api/studies").then((r) => r.json())`)) as {
        studies: { id: string }[];
      };
      await page.goto(`${web.server.url}/studies/${studies.studies[0]!.id}`);
      const table = "[aria-labelledby=pat-h]";
      await page.locator(`${table} tbody tr`).first().waitFor();
      // 60 patients: two pages of 50.
      expect(await page.locator(`${table} tbody tr`).count()).toBe(50);
      expect(await text(page, "patients-pager")).toMatch(/1–50 of 60/);
      await page.getByTestId("patients-pager").getByRole("button", { name: "Next" }).click();
      expect(await page.locator(`${table} tbody tr`).count()).toBe(10);
      // A filter starts again at the first page and leaves one therapist's three patients.
      const therapist = page.locator("#patients-therapist");
      const second = (await therapist.locator("option").nth(2).getAttribute("value"))!;
      await therapist.selectOption(second);
      const cells = await page.locator(`${table} tbody tr td:first-of-type`).allTextContents();
      expect(cells.map((c) => c.trim())).toEqual([second, second, second]);
      await page.locator("#patients-therapist").selectOption("");
      await page.locator("#patients-sort").selectOption("therapist");
      const byTherapist = (await page.locator(`${table} tbody tr td:first-of-type`).allTextContents()).map(
        (c) => c.trim(),
      );
      expect(byTherapist).toEqual(
        [...byTherapist].sort((a, b) =>
          a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }),
        ),
      );
      await axe(page, "study with a patients filter");
      await shoot(page, "find-study-patients", ["desktop"]);
      await page.close();
    });

    it("the runs list", { timeout: 120_000 }, async () => {
      const page = await as("researcher");
      for (const recipe of ["congruence", "growth", "congruence"])
        await page.evaluate(`(async () => {
        const me = await fetch("/api/auth/me").then((r) => r.json());
        await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json",
          "x-csrf-token": me.csrfToken }, body: JSON.stringify({ recipe: ${JSON.stringify(recipe)} }) });
      })()`);
      await page.goto(`${web.server.url}/runs`);
      await page.getByTestId("runs").locator("tbody tr").first().waitFor();
      expect(await page.getByTestId("runs").locator("tbody tr").count()).toBe(3);
      await page.getByLabel("Analysis", { exact: true }).selectOption("growth");
      expect(await page.getByTestId("runs").locator("tbody tr").count()).toBe(1);
      expect(await text(page, "runs-found")).toBe("1 of 3 runs shown.");
      await page.getByLabel("Analysis", { exact: true }).selectOption("");
      await page.getByLabel("Order").selectOption("oldest");
      const times = await page.getByTestId("runs").locator("tbody tr td.id code").allTextContents();
      await page.getByLabel("Order").selectOption("newest");
      const newest = await page.getByTestId("runs").locator("tbody tr td.id code").allTextContents();
      expect(newest).toEqual([...times].reverse());
      await page.getByLabel("Find runs").fill(newest[0]!);
      expect(await page.getByTestId("runs").locator("tbody tr").count()).toBe(1);
      await axe(page, "runs list with a search");
      await page.close();
    });
  },
);
