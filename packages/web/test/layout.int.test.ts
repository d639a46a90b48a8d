// Every page of the demo network at a 390 px phone and a 1280 px desktop, in headless Chromium against the
// real built UI and server: the page never scrolls sideways (document scrollWidth ≤ clientWidth); at
// 1280 px nothing is cut (no container scrolls sideways); on a phone only tables scroll, inside their own
// container (.table-wrap: keyboard-focusable, with a visible scroll shadow); printed (print media at an A4
// text width) every table's columns all fit; axe-core finds no serious or critical violation. Full-page
// screenshots of every page go to bench-out/screenshots/layout-*.png.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { axe, browserRunnable, DESKTOP, PHONE, SHOTS } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-layout", { therapists: 8 });
let runId = "";
const PASSWORD = DEMO_PASSWORD;
/** A4 at 96 px per inch less 2 cm margins each side: the width a printed page gives the content. */
const PRINT = { width: 643, height: 1000 };

/** What is cut or overflows on the page now (empty when all fits). */
async function overflow(page: Page, phone: boolean): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const de = document.documentElement;
    if (de.scrollWidth > de.clientWidth) out.push("page scrolls sideways: " + de.scrollWidth + " > " + de.clientWidth);
    for (const el of document.querySelectorAll("body *")) {
      const cs = getComputedStyle(el);
      if (cs.display === "none" || !(el.scrollWidth > el.clientWidth + 1)) continue;
      if (!["auto", "scroll", "hidden", "clip"].includes(cs.overflowX)) continue;
      if (el.closest(".sr-only") || el.classList.contains("sr-only")) continue;
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      // Form controls scroll their own text (a long link in a read-only field): not cut content.
      if (["input", "textarea", "select"].includes(el.tagName.toLowerCase())) continue;
      const scrollable = el.classList.contains("table-wrap") && el.tabIndex === 0 && ["auto", "scroll"].includes(cs.overflowX);
      if (!${phone} || !scrollable) out.push(name + " cuts " + el.scrollWidth + " px to " + el.clientWidth);
    }
    return out;
  })()`);
}

/** Tables whose columns do not all fit the printed page. */
async function printCut(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const w = document.documentElement.clientWidth;
    for (const t of document.querySelectorAll("table")) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1) out.push("table in " + (t.closest("section,article,div")?.className || "page") + " ends at " + Math.round(r.right) + " > " + w);
    }
    if (document.documentElement.scrollWidth > w) out.push("printed page wider than the paper: " + document.documentElement.scrollWidth);
    return out;
  })()`);
}

describe.skipIf(!browserRunnable)(
  "every page fits a phone and a desktop, and prints (headless Chromium)",
  () => {
    async function visitAll(role: string, paths: (page: Page) => Promise<string[]>): Promise<string[]> {
      const user = web.demo.users.find((u) => u.role === role)!;
      const page = await web.signedIn(user.email, PASSWORD);
      await page.getByRole("navigation").waitFor();
      const problems: string[] = [];
      for (const path of await paths(page)) {
        for (const [size, viewport] of [
          ["phone", PHONE],
          ["desktop", DESKTOP],
        ] as const) {
          await page.setViewportSize(viewport);
          await page.goto(`${web.server.url}${path}`);
          await page.locator("main h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          const name = `${role}${path.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-+$/, "");
          await page.screenshot({ path: join(SHOTS, `layout-${name}-${size}.png`), fullPage: true });
          for (const p of await overflow(page, size === "phone")) problems.push(`${path} at ${size}: ${p}`);
          if (size === "desktop") await axe(page, `${role} ${path}`);
        }
        await page.emulateMedia({ media: "print" });
        await page.setViewportSize(PRINT);
        for (const p of await printCut(page)) problems.push(`${path} printed: ${p}`);
        await page.emulateMedia({ media: "screen" });
      }
      await page.close();
      return problems;
    }

    const json = async <T>(page: Page, path: string): Promise<T> =>
      (await page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.json())`)) as T;

    it("the therapist's pages", { timeout: 300_000 }, async () => {
      const problems = await visitAll("therapist", async (page) => {
        const c = await json<{ patients: { episodeId: string }[] }>(page, "/api/dashboard/caseload");
        // The demo patient has the most sessions and alerts (the widest sessions table).
        const p = await json<{ patients: { episodeId: string; patientCode: string }[] }>(
          page,
          "/api/dashboard/caseload",
        );
        const demoPatient = p.patients.find((x) => x.patientCode === web.demo.patientCode) ?? p.patients[0]!;
        return [
          "/patients",
          `/patients/${c.patients[0]!.episodeId}`,
          `/patients/${demoPatient.episodeId}`,
          `/patients/${demoPatient.episodeId}/report`,
          "/attunement",
          "/glossary",
          "/nowhere",
        ];
      });
      expect(problems).toEqual([]);
    });

    it("the coordinator's pages", { timeout: 300_000 }, async () => {
      const problems = await visitAll("coordinator", async (page) => {
        const s = await json<{ studies: { id: string }[] }>(page, "/api/studies");
        const c = await json<{ patients: { episodeId: string }[] }>(page, "/api/dashboard/caseload");
        const study = s.studies[0]!.id;
        const pts = await json<{ patients: { id: string }[] }>(page, "/api/patients");
        return [
          "/studies",
          "/studies/new",
          `/studies/${study}`,
          `/studies/${study}/edit`,
          "/patient-records",
          `/patient-records/${pts.patients[0]!.id}`,
          "/audit",
          `/studies/${study}/completion`,
          "/network",
          "/import",
          "/instruments",
          "/alerts-calibration",
          "/patients",
          `/patients/${c.patients[0]!.episodeId}`,
        ];
      });
      expect(problems).toEqual([]);
    });

    it("the researcher's pages, a run and its downloaded report", { timeout: 300_000 }, async () => {
      const problems = await visitAll("researcher", async (page) => {
        const made = (await page.evaluate(`(async () => {
        const me = await fetch("/api/auth/me").then((r) => r.json());
        const r = await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json",
          "x-csrf-token": me.csrfToken }, body: JSON.stringify({ recipe: "congruence" }) });
        return r.json();
      })()`)) as { id: string };
        runId = made.id;
        return ["/research", "/runs", `/runs/${made.id}`];
      });
      expect(problems).toEqual([]);
    });

    it("the downloaded report of that run fits a phone and a desktop", { timeout: 300_000 }, async () => {
      const user = web.demo.users.find((u) => u.role === "researcher")!;
      const page = await web.signedIn(user.email, PASSWORD, { context: { viewport: PHONE } });
      await page.getByRole("navigation").waitFor();
      const problems: string[] = [];
      for (const [size, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${web.server.url}/api/runs/${runId}/report.html`);
        await page.locator("h1").first().waitFor();
        await page.screenshot({ path: join(SHOTS, `layout-report-${size}.png`), fullPage: true });
        for (const p of await overflow(page, size === "phone")) problems.push(`report at ${size}: ${p}`);
      }
      expect(problems).toEqual([]);
    });

    it("the coder's pages", { timeout: 300_000 }, async () => {
      const problems = await visitAll("coder", async (page) => {
        const s = await json<{ sessions: { sessionId: string }[] }>(page, "/api/coding/sessions");
        return ["/coding", `/coding/${s.sessions[0]!.sessionId}`];
      });
      expect(problems).toEqual([]);
    });
  },
);
