// The researcher workspace's predictors by level, end to end in headless Chromium against the built UI and
// server: a network whose sessions carry a modality and whose therapists carry a declared attribute
// (years_practice, imported as a long-CSV column), a growth run with the session modality as a predictor
// and years of practice as a moderator. The run page's fixed-effects table shows the modality's
// within-patient part and the cross-level interaction time × years, the downloaded R script fits the same
// formula, and (when R with lme4 is installed) lme4 refits it to within 0.002 SE. A lagged run with the
// between-patient part split by therapist (alliance_pb + alliance_tm) likewise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { prnToCsv, simulatePrn } from "@attune/core";
import { seedDemo, startServer, type RunningServer } from "@attune/server";
import { browserRunnable, DESKTOP, launchBrowser, WEB_DIST, signIn } from "./browser.ts";

const hasLme4 =
  spawnSync("Rscript", ["-e", "suppressPackageStartupMessages({library(lme4); library(lmerTest)})"], {
    encoding: "utf8",
  }).status === 0;

let server: RunningServer;
let browser: Browser;
let dir: string;
let researcher: { email: string; password: string };

async function download(page: Page, name: RegExp, to: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const path = join(dir, to);
  await dl.saveAs(path);
  return readFileSync(path, "utf8");
}

describe.skipIf(!browserRunnable)("researcher workspace: session-level predictors and moderators", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "attune-predictors-"));
    server = await startServer({ dataDir: join(dir, "db"), port: 0, webDir: WEB_DIST });
    const demo = await seedDemo(server.store);
    const coordinator = demo.users.find((u) => u.role === "coordinator")!;
    const r = demo.users.find((u) => u.role === "researcher")!;
    researcher = { email: r.email, password: r.password };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const post = (path: string, type: string, body: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": type },
        body,
      });
    // The attribute is declared first, so the long file's years_practice column is read as its values.
    const attr = await post(
      "/api/therapist-attributes",
      "application/json",
      JSON.stringify({ code: "years_practice", label: "Years of practice", kind: "numeric" }),
    );
    expect(attr.status, await attr.clone().text()).toBe(201);
    const sim = simulatePrn({
      therapists: 10,
      patients: 30,
      sessions: 5,
      seed: 13,
      modality: {},
      therapistAttribute: { name: "years_practice", growth: 0.005 },
    });
    const imp = await post("/api/import/long-csv?study=prn", "text/csv", prnToCsv(sim.rows));
    expect(imp.status, await imp.clone().text()).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs growth with the session modality and a therapist moderator; the page and R agree", async () => {
    const page = await browser.newPage({ viewport: DESKTOP, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, server.url, researcher.email, researcher.password);
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Growth", { exact: true }).check();
    // The alliance ratings are growth's outcome, so they are not offered as its predictors.
    const offered = await page
      .locator('input[id^="pred-"]')
      .evaluateAll((xs) => xs.map((x) => x.id.slice("pred-".length)));
    expect(offered).toContain("modality");
    expect(offered).not.toContain("alliance_patient");
    await page.getByLabel(/session modality/).check();
    await page.getByLabel(/Years of practice/).check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page.getByRole("heading", { name: /Growth: run/ }).waitFor({ timeout: 60_000 });
    const terms = await page
      .locator('[data-testid="fixef-growth_patient"] tbody tr th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    // modality's categories against in person, each split by level; years centred over therapists.
    for (const t of ["modality_video_wp", "modality_phone_wp", "years_practice_tm", "time:years_practice_tm"])
      expect(terms, t).toContain(t);
    const script = await download(page, /^R script/, "growth.R");
    expect(script).toMatch(
      /growth_patient[\s\S]*lmer\(alliance ~ [^\n]*modality_video_wp[^\n]*time:years_practice_tm/,
    );
    await download(page, /^Model data/, "growth-models.csv");
    if (hasLme4) {
      const out = spawnSync("Rscript", [join(dir, "growth.R"), join(dir, "growth-models.csv")], {
        encoding: "utf8",
      });
      expect(out.status, out.stderr).toBe(0);
      const worst = [...out.stdout.matchAll(/== (\S+): largest \|lme4 - attune\| \/ SE ([-\d.e+]+)/g)];
      expect(worst.map((m) => m[1])).toContain("growth_patient");
      for (const m of worst) expect(Number(m[2]), m[1]).toBeLessThan(0.002);
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it("runs lagged with the between-patient part split by therapist; the run records it and R agrees", async () => {
    const page = await browser.newPage({ viewport: DESKTOP, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, server.url, researcher.email, researcher.password);
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Growth", { exact: true }).check();
    await expect(page.locator("#between-therapist").count()).resolves.toBe(0);
    await page.getByLabel("Within and between patients", { exact: true }).check();
    await page.getByLabel(/Split the between-patient part/).check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page
      .getByRole("heading", { name: /Within and between patients: run/ })
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(/between part split by therapist/)
      .first()
      .waitFor();
    const terms = await page
      .locator('[data-testid="fixef-lagged"] tbody tr th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    expect(terms).toEqual(expect.arrayContaining(["alliance_wp", "alliance_pb", "alliance_tm"]));
    expect(terms).not.toContain("alliance_pm");
    const script = await download(page, /^R script/, "lagged.R");
    expect(script).toMatch(/lmer\([^\n]*alliance_pb[^\n]*alliance_tm/);
    await download(page, /^Model data/, "lagged-models.csv");
    if (hasLme4) {
      const out = spawnSync("Rscript", [join(dir, "lagged.R"), join(dir, "lagged-models.csv")], {
        encoding: "utf8",
      });
      expect(out.status, out.stderr).toBe(0);
      const worst = [...out.stdout.matchAll(/== (\S+): largest \|lme4 - attune\| \/ SE ([-\d.e+]+)/g)];
      expect(worst.map((m) => m[1])).toEqual(["lagged"]);
      for (const m of worst) expect(Number(m[2]), m[1]).toBeLessThan(0.002);
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
