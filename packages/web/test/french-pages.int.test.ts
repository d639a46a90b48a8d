// The coordinator's, researcher's and coder's pages in French, in headless Chromium against the real built UI
// and server (the simulated demo network): each page is signed into in French and must show none of its
// area's English phrases, taken from the area's English text table (test/englishLeft.ts), not typed here.
// An instrument's own wording is exempt only where the page marks it as English (lang="en"). Screenshots at
// 390 and 1280 px to bench-out/screenshots/fr-*.png; nothing may be wider than the phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { seedSimulatedDemo, startServer, type RunningServer } from "@attune/server";
import { browserRunnable, DESKTOP, launchBrowser, PHONE, shoot, WEB_DIST } from "./browser.ts";
import { englishOn, englishPhrases } from "./englishLeft.ts";
import { CODER_EN, CODER_FR } from "../src/coder/words.ts";
import { STUDY_EN, STUDY_FR } from "../src/coordinator/studyText.ts";
import { COMPLETION_EN, COMPLETION_FR } from "../src/coordinator/completionText.ts";
import { NETWORK_EN, NETWORK_FR } from "../src/coordinator/networkText.ts";
import { SETUP_EN, SETUP_FR } from "../src/coordinator/setupText.ts";
import { RANDOMISE_EN, RANDOMISE_FR } from "../src/coordinator/randomiseText.ts";
import { ENROL_EN, ENROL_FR } from "../src/coordinator/enrolText.ts";
import { CODING_EN, CODING_FR } from "../src/coordinator/codingText.ts";
import { MESSAGES_EN, MESSAGES_FR } from "../src/coordinator/messagesText.ts";
import { AUDIT_EN, AUDIT_FR } from "../src/coordinator/auditText.ts";
import { PROGRESS_SETTING_EN, PROGRESS_SETTING_FR } from "../src/patient/progressSettingText.ts";

let server: RunningServer;
let browser: Browser;
let dir: string;
let demo: Awaited<ReturnType<typeof seedSimulatedDemo>>;

/** Signs in as the demo's `role` with the sign-in page switched to French. */
async function signInFrench(role: string): Promise<Page> {
  const page = await browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
  await page.goto(`${server.url}/`);
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByLabel("Adresse e-mail").fill(demo.users.find((u) => u.role === role)!.email);
  await page.getByLabel("Mot de passe").fill("attune-demo-password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  // The account's own language wins at sign-in (an earlier English sign-in stored "en"): switch again.
  await page.getByRole("navigation").waitFor();
  await page.getByRole("button", { name: "Français" }).click();
  await expect.poll(() => page.evaluate("document.documentElement.lang"), { timeout: 10_000 }).toBe("fr");
  return page;
}

/** No English phrase of the area on the page; nothing wider than a phone; screenshots at both widths. */
async function allFrench(page: Page, phrases: readonly string[], name: string): Promise<void> {
  expect(phrases.length).toBeGreaterThan(5);
  expect(await englishOn(page, phrases), `${name} shows English`).toEqual([]);
  await page.setViewportSize(PHONE);
  const wide = (await page.evaluate("document.documentElement.scrollWidth")) as number;
  expect(wide, `${name} is ${wide}px wide on a phone`).toBeLessThanOrEqual(PHONE.width);
  await shoot(page, `fr-${name}`);
  await page.setViewportSize(DESKTOP);
}

describe.skipIf(!browserRunnable)(
  "coordinator, researcher and coder pages in French (headless Chromium)",
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "attune-web-frpages-"));
      server = await startServer({ dataDir: dir, port: 0, webDir: WEB_DIST });
      demo = await seedSimulatedDemo(server.store, { therapists: 6 });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("the phrase list comes from the table and catches an English page", async () => {
      const phrases = englishPhrases(CODER_EN, CODER_FR);
      expect(phrases).toContain("Correct the coding");
      expect(phrases).toContain("Sessions to code");
      // Words the languages share are not counted as English.
      expect(phrases).not.toContain("Patient");
      const page = await browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
      await page.goto(`${server.url}/`);
      await page.getByLabel("Email").fill(demo.users.find((u) => u.role === "coder")!.email);
      await page.getByLabel("Password").fill("attune-demo-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Sessions to code" }).waitFor();
      // An English page: the check names what it found (the page is not marked French, so main has no lang).
      expect(await englishOn(page, phrases)).toContain("Sessions to code");
      await page.close();
    });

    it("the coder's list and coding page", async () => {
      const phrases = englishPhrases(CODER_EN, CODER_FR);
      const page = await signInFrench("coder");
      await page.getByRole("heading", { name: "Séances à coder" }).waitFor();
      await allFrench(page, phrases, "coder-list");
      await page
        .getByRole("link", { name: /^Coder/ })
        .first()
        .click();
      await page.getByRole("heading", { name: /^Codage/ }).waitFor();
      await page.getByRole("button", { name: "Enregistrer le codage" }).waitFor();
      await allFrench(page, phrases, "coder-session");
      await page.close();
    });

    it("the coordinator's studies, study, create and edit pages", async () => {
      // The study page's own cards and its four sections (set-up, randomisation, enrolment, coding).
      const phrases = englishPhrases(
        { STUDY_EN, SETUP_EN, RANDOMISE_EN, ENROL_EN, CODING_EN },
        { STUDY_FR, SETUP_FR, RANDOMISE_FR, ENROL_FR, CODING_FR },
      );
      expect(phrases).toContain("Enrol and make the link");
      expect(phrases).toContain("Randomise now");
      const page = await signInFrench("coordinator");
      await page.goto(`${server.url}/studies`);
      await page.getByRole("heading", { name: "Études", level: 1 }).waitFor();
      await allFrench(page, phrases, "coordinator-studies");
      await page.getByRole("main").locator("tbody a").first().click();
      await page.getByRole("heading", { name: "Calendrier des mesures" }).waitFor();
      await page.getByRole("heading", { name: "Inclure un patient" }).waitFor();
      await page.getByRole("heading", { name: "Codage par un observateur" }).waitFor();
      // A refused enrolment shows its message in French too.
      await page.getByRole("button", { name: "Inclure et créer le lien" }).click();
      await page.getByText("Tapez le code pseudonyme du patient").waitFor();
      await allFrench(page, phrases, "coordinator-study");
      // The edit page of a study with enrolled patients: why arms and schedule are fixed.
      await page.goto(`${page.url()}/edit`);
      await page.getByTestId("edit-locked").getByText("Le calendrier ne peut plus changer").waitFor();
      await allFrench(page, phrases, "coordinator-study-edit");
      // The create form with its arm and schedule fields, and a problem list from a bare submit.
      await page.goto(`${server.url}/studies/new`);
      await page.getByRole("button", { name: "Ajouter un bras" }).waitFor();
      await page.getByRole("button", { name: "Créer l'étude" }).click();
      await page.getByText("L'étude doit avoir un nom.").waitFor();
      await allFrench(page, phrases, "coordinator-study-new");
      await page.close();
    });

    it("the coordinator's completion monitor and network set-up", async () => {
      const page = await signInFrench("coordinator");
      await page.goto(`${server.url}/studies`);
      await page.getByRole("main").locator("tbody a").first().click();
      // The completion monitor, with its reminder list made (links, copy buttons, how each left).
      const monitor = englishPhrases(COMPLETION_EN, COMPLETION_FR);
      await page.getByRole("link", { name: "suivi des questionnaires" }).click();
      await page.getByRole("heading", { name: "Chaque questionnaire dû" }).waitFor();
      await page.getByRole("button", { name: "Établir la liste des rappels" }).click();
      await page.locator("#rem-list-h").waitFor();
      await page.getByLabel("Afficher").selectOption("late");
      await allFrench(page, monitor, "coordinator-completion");
      // Network set-up, after inviting a member (the invitation card with its link). The browser's stored
      // language says English (as after an earlier English sign-in on this browser): the page's language wins.
      await page.evaluate(`localStorage.setItem("attune.staffLang", "en")`);
      await page.getByRole("link", { name: "Réseau" }).click();
      await page.getByRole("heading", { name: "Évolution montrée aux patients" }).waitFor();
      await page.getByRole("heading", { name: "Inviter un membre du personnel" }).waitFor();
      await page.getByLabel("Nom", { exact: true }).fill("Zoé Test");
      await page.getByLabel("Adresse e-mail (pour se connecter)").fill("zoe@frpages.test");
      await page.getByLabel(/^Code \(pseudonyme/).fill("T99");
      await page.getByRole("button", { name: "Créer le compte et le lien d'invitation" }).click();
      await page.getByRole("heading", { name: /^Lien d'invitation pour Zoé Test/ }).waitFor();
      await allFrench(
        page,
        englishPhrases({ NETWORK_EN, PROGRESS_SETTING_EN }, { NETWORK_FR, PROGRESS_SETTING_FR }),
        "coordinator-network",
      );
      await page.close();
    });

    it("the coordinator's messages and audit log", async () => {
      const page = await signInFrench("coordinator");
      await page.goto(`${server.url}/messages`);
      await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
      await allFrench(page, englishPhrases(MESSAGES_EN, MESSAGES_FR), "coordinator-messages");
      await page.goto(`${server.url}/audit`);
      await page.getByRole("heading", { name: "Journal d'audit", level: 1 }).waitFor();
      await page.getByTestId("audit").locator("tbody tr").first().waitFor();
      await allFrench(page, englishPhrases(AUDIT_EN, AUDIT_FR), "coordinator-audit");
      await page.close();
    });
  },
);
