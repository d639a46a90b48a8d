// The coordinator's, researcher's and coder's pages in French, in headless Chromium against the real built UI
// and server (the simulated demo network): each page is signed into in French and must show none of its
// area's English phrases, taken from the area's English text table (test/englishLeft.ts), not typed here.
// An instrument's own wording is exempt only where the page marks it as English (lang="en"). Screenshots at
// 390 and 1280 px to bench-out/screenshots/fr-*.png; nothing may be wider than the phone.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserRunnable, DESKTOP } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";
import { englishOn, englishPhrases, frenchPageCheck } from "./englishLeft.ts";
import { CODER_EN, CODER_FR } from "../src/coder/words.ts";
import { STUDY_EN, STUDY_FR } from "../src/coordinator/studyText.ts";
import { COMPLETION_EN, COMPLETION_FR } from "../src/coordinator/completionText.ts";
import { NETWORK_EN, NETWORK_FR } from "../src/coordinator/networkText.ts";
import { SETUP_EN, SETUP_FR } from "../src/coordinator/setupText.ts";
import { RANDOMISE_EN, RANDOMISE_FR } from "../src/coordinator/randomiseText.ts";
import { ENROL_EN, ENROL_FR } from "../src/coordinator/enrolText.ts";
import { CODING_EN, CODING_FR } from "../src/coordinator/codingText.ts";
import { RESEARCH_EN, RESEARCH_FR } from "../src/researcher/words.ts";
import { RUN_EN, RUN_FR } from "../src/researcher/runWords.ts";
import { WORKSPACE_EN, WORKSPACE_FR } from "../src/researcher/workspaceWords.ts";
import { MESSAGES_EN, MESSAGES_FR } from "../src/coordinator/messagesText.ts";
import { AUDIT_EN, AUDIT_FR } from "../src/coordinator/auditText.ts";
import { CALIBRATION_EN, CALIBRATION_FR } from "../src/coordinator/calibrationText.ts";
import { RECORDS_EN, RECORDS_FR } from "../src/coordinator/recordsText.ts";
import { PROGRESS_SETTING_EN, PROGRESS_SETTING_FR } from "../src/patient/progressSettingText.ts";

const web = demoFixture("web-frpages", { therapists: 6 });
const allFrench = frenchPageCheck("fr");

/** Signs in as the demo's `role` with the sign-in page switched to French. */
const signInFrench = (role: string): Promise<Page> => web.as(role, { french: true });

describe.skipIf(!browserRunnable)(
  "coordinator, researcher and coder pages in French (headless Chromium)",
  () => {
    it("the phrase list comes from the table and catches an English page", async () => {
      const phrases = englishPhrases(CODER_EN, CODER_FR);
      expect(phrases).toContain("Correct the coding");
      expect(phrases).toContain("Sessions to code");
      // Words the languages share are not counted as English.
      expect(phrases).not.toContain("Patient");
      const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
      await page.goto(`${web.server.url}/`);
      await page.getByLabel("Email").fill(web.demo.users.find((u) => u.role === "coder")!.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
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
      await page.goto(`${web.server.url}/studies`);
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
      await page.goto(`${web.server.url}/studies/new`);
      await page.getByRole("button", { name: "Ajouter un bras" }).waitFor();
      await page.getByRole("button", { name: "Créer l'étude" }).click();
      await page.getByText("L'étude doit avoir un nom.").waitFor();
      await allFrench(page, phrases, "coordinator-study-new");
      await page.close();
    });

    it("the coordinator's completion monitor and network set-up", async () => {
      const page = await signInFrench("coordinator");
      await page.goto(`${web.server.url}/studies`);
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

    it("the coordinator's messages, audit log, alert calibration and patient records", async () => {
      const page = await signInFrench("coordinator");
      await page.goto(`${web.server.url}/messages`);
      await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
      await allFrench(page, englishPhrases(MESSAGES_EN, MESSAGES_FR), "coordinator-messages");
      await page.goto(`${web.server.url}/audit`);
      await page.getByRole("heading", { name: "Journal d'audit", level: 1 }).waitFor();
      await page.getByTestId("audit").locator("tbody tr").first().waitFor();
      await allFrench(page, englishPhrases(AUDIT_EN, AUDIT_FR), "coordinator-audit");
      await page.goto(`${web.server.url}/alerts-calibration`);
      await page.getByRole("heading", { name: "Calibrage des alertes", level: 1 }).waitFor();
      await allFrench(page, englishPhrases(CALIBRATION_EN, CALIBRATION_FR), "coordinator-calibration");
      // Patient records: the list, and one patient's contact details and erasure (a wrong code refused).
      const records = englishPhrases(RECORDS_EN, RECORDS_FR);
      await page.goto(`${web.server.url}/patient-records`);
      await page.getByRole("heading", { name: "Dossiers patients", level: 1 }).waitFor();
      await allFrench(page, records, "coordinator-records");
      await page
        .getByRole("main")
        .getByRole("link", { name: /^Patient / })
        .first()
        .click();
      await page.getByRole("heading", { name: "Coordonnées" }).waitFor();
      await page.getByLabel(/^Tapez le code du patient/).fill("nope");
      await page.getByRole("button", { name: /^Effacer le patient/ }).click();
      await page.getByText("Pour confirmer, tapez exactement le code du patient").waitFor();
      await allFrench(page, records, "coordinator-record");
      await page.close();
    });

    describe("the researcher's pages", researcherPages);
  },
);

// The researcher's pages: the workspace (with the custom model's and lagged's options shown), a run page
// with the report's figures and one figure's numbers open, and the runs list (on the same server, a
// describe block of their own inside the one above).
function researcherPages(): void {
  const words = (...tables: Record<string, unknown>[]) => Object.fromEntries(tables.map((t, i) => [i, t]));
  const workspace = englishPhrases(words(RESEARCH_EN, WORKSPACE_EN), words(RESEARCH_FR, WORKSPACE_FR));
  const run = englishPhrases(words(RESEARCH_EN, RUN_EN), words(RESEARCH_FR, RUN_FR));
  it("the workspace, a run page with its figures, and the runs list", async () => {
    expect(workspace).toContain("Run the analysis");
    expect(run).toContain("Headline quantities");
    const page = await signInFrench("researcher");
    await page.getByRole("heading", { name: "Espace de recherche", level: 1 }).waitFor();
    await page.getByLabel("Modèle personnalisé").check();
    await page.getByText("Colonnes utilisables dans une formule").click();
    await allFrench(page, workspace, "researcher-workspace-custom");
    await page.getByLabel("Intra- et inter-patients").check();
    await page.getByRole("group", { name: "Prédicteurs au niveau de la séance" }).waitFor();
    await allFrench(page, workspace, "researcher-workspace");

    await page.getByLabel("Congruence (vérité et biais)").check();
    await page.getByRole("button", { name: "Lancer l'analyse" }).click();
    await page
      .getByRole("heading", { name: /^Congruence \(vérité et biais\).*analyse/ })
      .waitFor({ timeout: 60_000 });
    const fig = page.locator('[data-kind="caterpillar"]').first();
    await fig.waitFor({ timeout: 60_000 });
    await expect(fig.locator("figcaption").textContent()).resolves.toBe(
      "Biais directionnel de chaque thérapeute",
    );
    // The figure itself, drawn by the report for this page's language: its axis is French too.
    const src = (await fig.locator("img").getAttribute("src")) ?? "";
    const svg = await page.evaluate(async (u) => (await fetch(u)).text(), src);
    expect(svg).toMatch(/<text[^>]*>[^<]*biais directionnel/);
    expect(svg).not.toMatch(/<text[^>]*>[^<]*directional bias/);
    await page.locator(`[data-testid="${await fig.getAttribute("data-testid")}"] + details summary`).click();
    // Numbers in French: a decimal comma, the standard names of the columns.
    await expect(page.getByTestId("reml-congruence").textContent()).resolves.toMatch(/^\d+,\d\d$/);
    const head = await page.getByTestId("fixef-congruence").locator("thead th").allTextContents();
    expect(head).toEqual(["Terme", "Estimation", "Erreur type", "ddl", "t", "p", "IC à 95\u00a0%"]);
    await allFrench(page, run, "researcher-run");

    await page.getByRole("navigation").getByRole("link", { name: "Analyses faites" }).click();
    await page.getByRole("heading", { name: "Analyses faites", level: 1 }).waitFor();
    await expect(page.getByTestId("runs").locator("tbody tr").count()).resolves.toBe(1);
    await allFrench(page, workspace, "researcher-runs");
    await page.close();
  }, 150_000);
}
