// The run page draws the report's own figures (headless Chromium, real built UI and server): after a
// congruence run, each figure is an <img> of the server's SVG whose title is the page's caption, whose dots
// are the rows of the numbers beside it, and which is the very SVG of the run's HTML report. A study whose
// name and arm names are markup shows them as text on the workspace, and nothing in them runs.
// Screenshots of the run page at 390 and 1280 px to bench-out/screenshots/research-figures-*.png.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normaliseSvg } from "@attune/report";
import { coordinatorSession, importPrn } from "./apiSession.ts";
import { browserRunnable, PHONE, ROOT, shoot } from "./browser.ts";
import { smallDemoFixture } from "./fixture.ts";

const PRN = join(ROOT, "fixtures/golden/prn_small.csv");
const HOSTILE_STUDY = "<b>bold</b> study";
const HOSTILE_ARMS = ["<script>window.__pwned = 1</script>", '"><img src=x onerror="window.__pwned = 2">'];

const web = smallDemoFixture("figures", {
  dataSubdir: "db",
  thenSeed: async (server, demo) => {
    const coordinator = await coordinatorSession(server.url, demo);
    await importPrn(coordinator, readFileSync(PRN, "utf8"));
    const study = await coordinator.send(
      "POST",
      "/api/studies",
      JSON.stringify({
        name: HOSTILE_STUDY,
        arms: HOSTILE_ARMS.map((name, i) => ({ code: `H${i}`, name })),
        schedule: [],
      }),
      "application/json",
    );
    expect(study.status, await study.clone().text()).toBe(201);
  },
});

describe.skipIf(!browserRunnable)("the run page's figures are the report's (headless Chromium)", () => {
  it("shows hostile arm names as text, then the report's caterpillars beside their numbers", async () => {
    const page = await web.as("researcher");
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Which data").selectOption({ label: `Study: ${HOSTILE_STUDY}` });
    const arms = page.getByRole("group", { name: `Arms of “${HOSTILE_STUDY}”` });
    await arms.waitFor();
    for (const name of HOSTILE_ARMS) await expect(arms.getByLabel(name).isChecked()).resolves.toBe(true);
    expect(await page.locator("main img, main script, main b").count()).toBe(0);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();

    await page.getByLabel("Which data").selectOption({ label: "Study: prn" });
    await page.getByLabel("Congruence (truth and bias)").check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    const fig = page.locator('[data-kind="caterpillar"]').first();
    await fig.waitFor({ timeout: 60_000 });
    const img = fig.locator("img");
    // Figures load when scrolled to (loading="lazy").
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const title = (await fig.locator("figcaption").textContent())!.trim();
    expect(title).toBe("Each therapist's directional bias");
    expect(await img.getAttribute("alt")).toMatch(/^Each therapist's directional bias/);

    // The image is the server's SVG: its own title is the page's, and the HTML report draws the same SVG.
    const src = new URL((await img.getAttribute("src"))!, web.server.url).href;
    const svg = await (await page.request.get(src)).text();
    expect(svg).toContain(`<title>${title}</title>`);
    const runId = (await page.getByTestId("run-id").textContent())!.trim();
    const report = await (await page.request.get(`${web.server.url}/api/runs/${runId}/report.html`)).text();
    expect(normaliseSvg(report)).toContain(normaliseSvg(svg));

    // The numbers beside it: one row per dot, therapists lowest first, as the SVG lists them.
    const id = await fig.getAttribute("data-testid");
    await page.locator(`[data-testid="${id}"] + details summary`).click();
    const rows = page.getByTestId(`${id}-numbers`).locator("tbody tr");
    expect(await rows.count()).toBe(svg.match(/<circle/g)?.length);
    const codes = await rows.locator("th").allTextContents();
    expect(codes.length).toBeGreaterThan(3);
    for (const c of codes) expect(svg).toContain(`>${c.trim()}<`);
    await page.setViewportSize(PHONE);
    const wide = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(wide).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, "research-figures");
    await page.close();
  }, 120_000);
});
