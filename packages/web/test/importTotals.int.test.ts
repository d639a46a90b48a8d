// The coordinator's import page with a form-total column (headless Chromium): a PHQ-9 total beyond the
// form's 0–27 is refused naming row, column and value, nothing stored; the corrected file is imported and
// its totals reach the long table as PHQ-9's. Short on purpose (one page).
import { describe, expect, it } from "vitest";
import { longRows } from "@attune/db";
import { browserRunnable } from "./browser.ts";
import { demoFixture } from "./fixture.ts";

const web = demoFixture("web-import-totals", { therapists: 4 });

describe.skipIf(!browserRunnable)("form totals on the import page (headless Chromium)", () => {
  it(
    "refuses an out-of-range phq9 naming the cell, then imports the totals",
    { timeout: 120_000 },
    async () => {
      const page = await web.as("coordinator");
      const db = web.server.store.db;
      const count = async () =>
        Number(
          (
            await db
              .selectFrom("responses")
              .select((e) => e.fn.countAll().as("n"))
              .executeTakeFirst()
          )?.n,
        );
      await page.getByRole("link", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Import data" }).waitFor();
      const before = await count();
      const file = (second: string) =>
        Buffer.from(`therapist,patient,session,phq9,gad7\nX1,Q1,1,12,8\nX1,Q1,2,${second},\n`);
      await page
        .getByLabel("CSV file")
        .setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: file("30") });
      await page.getByRole("button", { name: "Import" }).click();
      await page
        .getByRole("heading", { name: "Not imported: nothing from history.csv was stored" })
        .waitFor();
      const rejected = page.getByTestId("rejected").locator("tbody tr");
      await expect(rejected.count()).resolves.toBe(1);
      await expect(rejected.first().locator("th").textContent()).resolves.toBe("3");
      await expect(rejected.first().textContent()).resolves.toMatch(
        /phq9\s+30 is outside the PHQ-9 total's range 0–27/,
      );
      expect(await count()).toBe(before);

      await page
        .getByLabel("CSV file")
        .setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: file("9") });
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Imported: 2 rows from history.csv" }).waitFor();
      expect(await count()).toBe(before + 3);
      const rows = (await longRows(db, { networkId: web.demo.networkId })).filter((r) => r.patient === "Q1");
      expect(rows.map((r) => [r.session, r["phq9"], r["gad7"]])).toEqual([
        [1, 12, 8],
        [2, 9, null],
      ]);
      await page.close();
    },
  );
});
