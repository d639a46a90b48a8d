// The staff header on a desktop, in headless Chromium against the built UI and server (the simulated demo
// network). A coordinator's dozen links do not fit beside the brand and the language switch: at 1280 px
// they get a row of their own (English and French; the switch stays on the brand's row, not a third); at
// 1024 px even that row would wrap, so they fold behind the Menu button and the header is one row. A
// therapist's few links stay in the brand's row. Screenshots to bench-out/screenshots/nav-*.png.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { browserRunnable, SHOTS } from "./browser.ts";
import { demoFixture } from "./fixture.ts";

const web = demoFixture("web-navfit", { therapists: 4 });

/** Signs in as the demo's `role` on a 1280 × 800 page, the header switched to `lang`. */
async function signIn(role: string, lang: "en" | "fr"): Promise<Page> {
  const page = await web.as(role, { context: { viewport: { width: 1280, height: 800 } } });
  await page.getByRole("button", { name: lang === "fr" ? "Français" : "English" }).click();
  await expect.poll(() => page.evaluate("document.documentElement.lang")).toBe(lang);
  return page;
}

/** The header's height, and how far the language switch's middle is from the brand's (0: one row). */
async function headerRow(page: Page): Promise<{ height: number; off: number; wide: number }> {
  return (await page.evaluate(`(() => {
    const mid = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return r.top + r.height / 2; };
    return {
      height: document.querySelector("header").getBoundingClientRect().height,
      off: Math.abs(mid(".staff-lang") - mid(".brand")),
      wide: document.documentElement.scrollWidth,
    };
  })()`)) as { height: number; off: number; wide: number };
}

describe.skipIf(!browserRunnable)("the staff header on a desktop (headless Chromium)", () => {
  for (const lang of ["en", "fr"] as const) {
    it(`a coordinator's links: their own row at 1280 px, behind Menu at 1024 px (${lang})`, async () => {
      const page = await signIn("coordinator", lang);
      const nav = page.getByRole("navigation");
      const menu = nav.getByRole("button", { name: "Menu" });
      const network = nav.getByRole("link", { name: lang === "fr" ? "Réseau" : "Network set-up" });
      const signOut = page.getByRole("button", { name: lang === "fr" ? "Se déconnecter" : "Sign out" });
      // 1280 px: the brand, name, sign-out and language switch in one row, every link in the next.
      await expect.poll(() => network.isVisible()).toBe(true);
      expect(await menu.isVisible()).toBe(false);
      let row = await headerRow(page);
      expect(row.off, `${lang} 1280: the language switch is on the brand's row`).toBeLessThan(8);
      expect(row.height, `${lang} 1280: two header rows`).toBeLessThan(130);
      expect(row.wide).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(SHOTS, `nav-${lang}-1280.png`) });
      // 1024 px: the links fold behind Menu; the header is one row, sign-out still in it.
      await page.setViewportSize({ width: 1024, height: 800 });
      await expect.poll(() => menu.isVisible()).toBe(true);
      // The resize is measured after the browser's next frame: wait for the one-row header.
      await expect.poll(async () => (await headerRow(page)).height).toBeLessThan(80);
      row = await headerRow(page);
      expect(row.off, `${lang} 1024: the language switch is on the brand's row`).toBeLessThan(8);
      expect(row.wide).toBeLessThanOrEqual(1024);
      expect(await network.isVisible()).toBe(false);
      expect(await signOut.isVisible()).toBe(true);
      // The menu opens as a panel, by click; Escape closes it and gives focus back to the button.
      await menu.click();
      await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("true");
      await network.waitFor();
      await page.screenshot({ path: join(SHOTS, `nav-${lang}-1024-open.png`) });
      await page.keyboard.press("Escape");
      await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
      await expect.poll(() => page.evaluate("document.activeElement.textContent.trim()")).toBe("Menu");
      // Choosing a link closes the menu and opens the page.
      await menu.click();
      await network.click();
      await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
      await expect.poll(() => page.url()).toMatch(/\/network$/);
      // Wider again, the links come back into their row.
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(() => network.isVisible()).toBe(true);
      expect(await menu.isVisible()).toBe(false);
      await page.close();
    }, 120_000);
  }

  it("a therapist's few links stay in the row at 1280 px in French", async () => {
    const page = await signIn("therapist", "fr");
    await expect
      .poll(() => page.getByRole("navigation").getByRole("link", { name: "File active" }).isVisible())
      .toBe(true);
    expect(await page.getByRole("navigation").getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    expect((await headerRow(page)).off).toBeLessThan(8);
    await page.screenshot({ path: join(SHOTS, "nav-fr-1280-therapist.png") });
    await page.close();
  }, 120_000);
});
