// The researcher workspace end to end in headless Chromium against the real built UI and server: the
// researcher picks a study, sees the server's message for an empty selection, runs congruence and the
// response surface, reads the tables in the page, downloads the data, R script and model data; the data's
// sha256 is the one the page shows, and (when R with lme4 + lmerTest is installed) lme4's fixed effects
// and REML criteria equal the numbers displayed in the page to their displayed precision; after a patient's
// erasure the run page says its data were redacted and the download matches the new fingerprint. axe-core on
// every page; desktop screenshots to bench-out/screenshots/research-*.png.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { LONG_COLUMNS } from "@attune/core";
import { coordinatorSession, importPrn } from "./apiSession.ts";
import { axe, browserRunnable, ROOT, shoot } from "./browser.ts";
import { smallDemoFixture } from "./fixture.ts";
import { hasLme4, runRScript } from "./lme4.ts";

const PRN = join(ROOT, "fixtures/golden/prn_small.csv");

// The coordinator imports a simulated network's long CSV into the study "prn" (the real import).
const web = smallDemoFixture("research", {
  dataSubdir: "db",
  thenSeed: async (server, demo) =>
    importPrn(await coordinatorSession(server.url, demo), readFileSync(PRN, "utf8")),
});
/** Largest |number in the page − lme4| over every fixed effect compared, for the log. */
let maxFixefDiff = 0;

/** The displayed fixed effects of one model: term → the estimate's text as shown. */
async function shownFixef(page: Page, model: string): Promise<Map<string, string>> {
  const rows = await page
    .locator(`[data-testid="fixef-${model}"] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector("th")?.textContent?.trim() ?? "",
        tr.querySelector('td[data-col="estimate"]')?.textContent?.trim() ?? "",
      ]),
    );
  return new Map(rows as [string, string][]);
}

const decimals = (s: string) => s.split(".")[1]?.length ?? 0;

/**
 * Runs the downloaded R script on the downloaded model data and compares lme4's fixed effects and REML
 * criterion with the page's numbers: |page − lme4| ≤ half a unit of the last displayed decimal, plus 1e-5
 * for R printing 6 significant digits and the engines' agreement (golden tests: far below that).
 */
async function compareWithR(page: Page, script: string, models: string): Promise<void> {
  const out = runRScript(web.dir, script, models);
  // One block per model from its "REML criterion" line (the closing "== name: largest …" line stays inside).
  const blocks = out.split(/\n== (?=\S+: REML criterion)/).slice(1);
  expect(blocks.length).toBeGreaterThan(0);
  for (const b of blocks) {
    const name = b.split(":")[0]!;
    const shown = await shownFixef(page, name);
    expect(shown.size, name).toBeGreaterThan(0);
    const crit = /REML criterion lme4 ([-\d.e+]+)/.exec(b)!;
    const critText = (await page.getByTestId(`reml-${name}`).textContent())!.trim();
    // R's cat() prints the criterion to 7 significant digits (3 decimals here).
    expect(Math.abs(Number(critText) - Number(crit[1]))).toBeLessThanOrEqual(
      0.5 * 10 ** -decimals(critText) + 1e-3,
    );
    for (const [term, text] of shown) {
      const row = b
        .split("\n")
        .map((l) => l.trim().split(/\s+/))
        .find((cells) => cells[1] === term);
      expect(row, `${name} ${term} in R's output`).toBeDefined();
      const diff = Math.abs(Number(text) - Number(row![2]));
      maxFixefDiff = Math.max(maxFixefDiff, diff);
      expect(diff, `${name} ${term}: page ${text}, lme4 ${row![2]}`).toBeLessThanOrEqual(
        0.5 * 10 ** -decimals(text) + 1e-5,
      );
    }
  }
}

describe.skipIf(!browserRunnable)("researcher workspace end to end (headless Chromium)", () => {
  it("picks a study, runs congruence and rsa, shows the tables, and the downloads reproduce them in R", async () => {
    const started = Date.now();
    // Every failed request or script error is a bug, except /api/auth/me's 401 before sign-in and the 400
    // this test provokes with an empty selection (its message is asserted in the page).
    const consoleErrors: string[] = [];
    const page = await web.as("researcher", {
      context: { acceptDownloads: true },
      beforeSignIn: (p) => {
        p.on("console", (m) => {
          if (m.type() === "error" && !/status of 40[01]/.test(m.text()))
            consoleErrors.push(`${p.url()}: ${m.text()}`);
        });
        p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
      },
    });
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/research");
    await page.getByLabel("Which data").selectOption({ label: "Study: prn" });
    await page.getByRole("group", { name: /Arms of/ }).waitFor();
    await axe(page, "workspace");
    await shoot(page, "research-workspace", ["desktop"]);

    // An empty selection: the server's message, in the page.
    await page.getByLabel("Sessions from").fill("2000-01-01");
    await page.getByLabel("to (inclusive)").fill("2000-01-31");
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page.getByRole("alert").filter({ hasText: "the chosen data has no sessions" }).waitFor();
    await axe(page, "workspace with error");
    await shoot(page, "research-empty", ["desktop"]);
    await page.getByLabel("Sessions from").fill("");
    await page.getByLabel("to (inclusive)").fill("");
    for (const arm of ["Arm 0", "Arm 1"]) await page.getByLabel(arm).uncheck();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page.getByRole("alert").filter({ hasText: "Tick at least one arm" }).waitFor();
    for (const arm of ["Arm 0", "Arm 1"]) await page.getByLabel(arm).check();

    // Congruence on the study.
    await page.getByLabel("Congruence (truth and bias)").check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page
      .getByRole("heading", { name: /Congruence \(truth and bias\): run/ })
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: join(web.dir, "fail.png"), fullPage: true });
        console.log(await page.locator("main").textContent());
        throw e;
      });
    await page.getByTestId("fixef-congruence").waitFor();
    // The run page opens at its top with its heading focused, not at the workspace's scroll position.
    await expect(page.evaluate("window.scrollY")).resolves.toBe(0);
    await expect(page.evaluate("document.activeElement && document.activeElement.tagName")).resolves.toBe(
      "H1",
    );
    await expect(page.getByTestId("selection").textContent()).resolves.toContain("study “prn”");
    await expect(page.getByTestId("rows").textContent()).resolves.toBe("657");
    const quantities = await page.getByTestId("quantities-congruence").textContent();
    expect(quantities).toMatch(/directional bias/);
    expect(quantities).toMatch(/truth force/);
    expect(await page.getByTestId("ranef-congruence").locator("tbody tr").count()).toBe(4);
    await axe(page, "congruence run page");
    await shoot(page, "research-run-congruence", ["desktop"]);

    const hash = (await page.getByTestId("sha256").textContent())!.trim();
    const csv = await web.download(page, /^Data analysed/, "cong-data.csv");
    expect(createHash("sha256").update(csv).digest("hex")).toBe(hash);
    // The run's data are the long table (columns declared once in core).
    expect(csv.split("\n")[0]).toBe(LONG_COLUMNS.join(","));
    const script = await web.download(page, /^R script/, "cong.R");
    expect(script).toContain("lmer(");
    await web.download(page, /^Model data/, "cong-models.csv");
    if (hasLme4) await compareWithR(page, "cong.R", "cong-models.csv");

    // The response surface on the same study.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspace" }).click();
    await page.getByRole("heading", { name: "Research workspace" }).waitFor();
    await page.getByLabel("Which data").selectOption({ label: "Study: prn" });
    await page.getByLabel("Response surface").check();
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await page.getByRole("heading", { name: /Response surface: run/ }).waitFor({ timeout: 60_000 });
    const surface = page.getByTestId("surface-rsa");
    await surface.waitFor();
    for (const a of ["a1", "a2", "a3", "a4", "a5"])
      await expect(surface.getByRole("rowheader", { name: a, exact: true }).count()).resolves.toBe(1);
    await axe(page, "rsa run page");
    await shoot(page, "research-run-rsa", ["desktop"]);
    const rsaHash = (await page.getByTestId("sha256").textContent())!.trim();
    const rsaCsv = await web.download(page, /^Data analysed/, "rsa-data.csv");
    expect(createHash("sha256").update(rsaCsv).digest("hex")).toBe(rsaHash);
    await web.download(page, /^R script/, "rsa.R");
    await web.download(page, /^Model data/, "rsa-models.csv");
    if (hasLme4) {
      await compareWithR(page, "rsa.R", "rsa-models.csv");
      console.log(`max |page − lme4| over the fixed effects shown: ${maxFixefDiff.toExponential(2)}`);
    }

    // The runs list: both runs, newest first, linking to their pages.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
    await page.getByRole("heading", { name: "Analysis runs" }).waitFor();
    const rows = page.getByTestId("runs").locator("tbody tr");
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toContain("Response surface");
    await expect(rows.nth(1).textContent()).resolves.toContain("Congruence");
    await axe(page, "runs list");
    await shoot(page, "research-runs", ["desktop"]);
    await rows.nth(1).getByRole("link").click();
    await page.getByTestId("fixef-congruence").waitFor();

    // A coordinator sees the same runs (the section is theirs too).
    const coord = await web.as("coordinator");
    await coord.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analyses" }).click();
    await coord.getByRole("heading", { name: "Research workspace" }).waitFor();
    await coord.getByRole("link", { name: "See all past runs" }).click();
    await coord.getByTestId("runs").waitFor();
    await expect(coord.getByTestId("runs").locator("tbody tr").count()).resolves.toBe(2);

    // The coordinator erases a patient of the study: the run page says its data were redacted, and the
    // data download (without the patient's rows) has the fingerprint the banner shows.
    const erased = await web.server.store.db
      .selectFrom("patients")
      .select("id")
      .where("code", "=", "P00001")
      .executeTakeFirstOrThrow();
    const asCoord = await coordinatorSession(web.server.url, web.demo);
    const er = await asCoord.send(
      "POST",
      `/api/patients/${erased.id}/erasure`,
      JSON.stringify({ reason: "patient asked" }),
      "application/json",
    );
    expect(er.status, await er.clone().text()).toBe(200);
    expect(((await er.json()) as { runsRedacted: number }).runsRedacted).toBe(2);
    await page.reload();
    const banner = page.getByTestId("redacted");
    await banner.waitFor();
    await expect(banner.getByRole("heading").textContent()).resolves.toBe("Data redacted after erasure");
    expect((await banner.textContent())!.replace(/\s+/g, " ")).toMatch(
      /may differ slightly from the recorded ones/,
    );
    await expect(page.getByTestId("sha256").textContent()).resolves.toBe(hash);
    const now = (await page.getByTestId("sha256-now").textContent())!.trim();
    const redacted = await web.download(page, /^Data analysed/, "cong-data-redacted.csv");
    expect(createHash("sha256").update(redacted).digest("hex")).toBe(now);
    expect(redacted).not.toMatch(/^[^,\n]*,P00001,/m);
    await axe(page, "redacted run page");
    await shoot(page, "research-run-redacted", ["desktop"]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
    await page.getByTestId("run-redacted").first().waitFor();
    await expect(page.getByTestId("run-redacted").count()).resolves.toBe(2);

    // Pseudonymous codes only: no contact detail of the seeded patients or staff on any page seen.
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).not.toMatch(/@demo\.attune\.dev|Demo patient/);
    expect(consoleErrors).toEqual([]);
    console.log(`researcher workflow in the browser: ${Date.now() - started} ms`);
    // Two runs and two R refits: under a loaded machine's R (about 30 s a refit) 90 s was not enough.
  }, 180_000);
});
