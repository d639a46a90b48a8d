// Shared by the browser tests: the built UI, headless Chromium, axe-core checks and screenshots.
import { expect } from "vitest";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const WEB_DIST = join(ROOT, "packages/web/dist");
export const SHOTS = join(ROOT, "bench-out/screenshots");
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
// Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Without Chromium the browser tests are skipped locally; in CI (CI=true, .ci/run installs it) they must run. */
export const browserRunnable = existsSync(CHROMIUM) || process.env["CI"] === "true";

/** Build the UI if needed and launch headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(WEB_DIST, "index.html")))
    execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "packages/web"], {
      cwd: ROOT,
    });
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
  });
}

/** axe-core on the current page: no serious or critical violation. */
export async function axe(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      where: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) })))`,
  )) as { id: string; impact: string; help: string; where: string[] }[];
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${label}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

/** Full-page screenshots to bench-out/screenshots/<name>-<size>.png (phone and desktop, or the sizes given). */
export async function shoot(
  page: Page,
  name: string,
  sizes: readonly ("phone" | "desktop")[] = ["phone", "desktop"],
): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size === "phone" ? PHONE : DESKTOP);
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
  }
}

/** Opens the sign-in page at `baseUrl` and signs in (waits for nothing: callers wait for their page). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
