// The run page draws the report's own figures (headless Chromium, real built UI and server): after a
// congruence run, each figure is an <img> of the server's SVG whose title is the page's caption, whose dots
// are the rows of the numbers beside it, and which is the very SVG of the run's HTML report. A study whose
// name and arm names are markup shows them as text on the workspace, and nothing in them runs.
// Screenshots of the run page at 390 and 1280 px to bench-out/screenshots/research-figures-*.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { seedDemo, startServer, type RunningServer } from "@attune/server";
import { normaliseSvg } from "@attune/report";
import { browserRunnable, DESKTOP, launchBrowser, PHONE, ROOT, shoot, signIn, WEB_DIST } from "./browser.ts";

const PRN = join(ROOT, "fixtures/golden/prn_small.csv");
const HOSTILE_STUDY = "<b>bold</b> study";
const HOSTILE_ARMS = ["<script>window.__pwned = 1</script>", '"><img src=x onerror="window.__pwned = 2">'];

let server: RunningServer;
let browser: Browser;
let dir: string;
let researcher: { email: string; password: string };

describe.skipIf(!browserRunnable)("the run page's figures are the report's (headless Chromium)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "attune-figures-"));
    server = await startServer({ dataDir: join(dir, "db"), port: 0, webDir: WEB_DIST });
    const demo = await seedDemo(server.store);
    const coordinator = demo.users.find((u) => u.role === "coordinator")!;
    researcher = demo.users.find((u) => u.role === "researcher")!;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const as = (path: string, body: string, type: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": type },
        body,
      });
    const imp = await as("/api/import/long-csv?study=prn", readFileSync(PRN, "utf8"), "text/csv");
    expect(imp.status, await imp.clone().text()).toBe(200);
    const study = await as(
      "/api/studies",
      JSON.stringify({
        name: HOSTILE_STUDY,
        arms: HOSTILE_ARMS.map((name, i) => ({ code: `H${i}`, name })),
        schedule: [],
      }),
      "application/json",
    );
    expect(study.status, await study.clone().text()).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows hostile arm names as text, then the report's caterpillars beside their numbers", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, server.url, researcher.email, researcher.password);
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
    const src = new URL((await img.getAttribute("src"))!, server.url).href;
    const svg = await (await page.request.get(src)).text();
    expect(svg).toContain(`<title>${title}</title>`);
    const runId = (await page.getByTestId("run-id").textContent())!.trim();
    const report = await (await page.request.get(`${server.url}/api/runs/${runId}/report.html`)).text();
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
