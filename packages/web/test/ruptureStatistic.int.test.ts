// The calibration page's rupture-statistic card in Chromium: the coordinator sees the statistic in use
// (the mean, attune's default), chooses the item answers, and the page follows the background fit's state
// — on the demo network, whose alliance scores were imported without items, it fails and says why, and
// the mean stays in use (English and French). axe-core on the page.
import { describe, expect, it } from "vitest";
import { axe, browserRunnable } from "./browser.ts";
import { demoFixture } from "./fixture.ts";

const web = demoFixture("web-rupture-statistic", { therapists: 8 });

describe.skipIf(!browserRunnable)("rupture statistic on the calibration page (headless Chromium)", () => {
  it(
    "shows the statistic and the item fit's state, and a change is saved and announced",
    { timeout: 120_000 },
    async () => {
      const page = await web.as("coordinator");
      await page.goto(`${web.server.url}/alerts-calibration`);
      const state = page.getByTestId("rupture-statistic-state");
      await state.waitFor({ timeout: 60_000 });
      expect((await state.textContent())?.trim()).toBe("In use: the form's mean score (attune's default).");
      await page.locator("select#rupture-statistic").selectOption("items");
      await page.getByRole("button", { name: "Save" }).click();
      await expect
        .poll(() => page.locator("#page-live").textContent())
        .toBe("Saved: the item-level calibration starts in the background.");
      // The fit runs in the background; the page shows its state when it is drawn again.
      await expect
        .poll(
          async () => {
            await page.reload();
            await state.waitFor({ timeout: 30_000 });
            return state.getAttribute("data-state");
          },
          { timeout: 60_000 },
        )
        .toBe("failed");
      const text = ((await state.textContent()) ?? "").replace(/\s+/g, " ").trim();
      expect(text).toMatch(
        /^Item-level calibration failed; the mean score is used: no patient alliance answers/,
      );
      const api = (await page.evaluate(() => fetch("/api/dashboard/calibration").then((r) => r.json()))) as {
        rupture: { statistic: string };
        itemCalibration: { setting: string; state: string; inUse: boolean };
      };
      expect(api.rupture.statistic).toBe("mean");
      expect(api.itemCalibration).toMatchObject({ setting: "items", state: "failed", inUse: false });
      expect(await page.locator("select#rupture-statistic").inputValue()).toBe("items");
      await axe(page, "calibration page, item fit failed");
      await page.close();
      const fr = await web.as("coordinator", { french: true });
      await fr.goto(`${web.server.url}/alerts-calibration`);
      const frState = fr.getByTestId("rupture-statistic-state");
      await frState.waitFor({ timeout: 60_000 });
      expect(((await frState.textContent()) ?? "").replace(/\s+/g, " ")).toContain(
        "Échec du calibrage par items ; le score moyen est utilisé :",
      );
      await fr.close();
    },
  );
});
