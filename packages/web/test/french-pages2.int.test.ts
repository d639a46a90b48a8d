// The import, instruments and therapist-data pages (coordinator) and /my-profile (therapist) in French, in
// headless Chromium against the real built UI and server (the simulated demo network). As in
// french-pages.int.test.ts, each page must show none of its area's English phrases, taken from the area's
// English text table (test/englishLeft.ts), outside parts marked lang="en" (the server's messages, an
// instrument's own English title). A refused import shows its problem list in French around the server's
// English messages. Nothing may be wider than a phone; screenshots to bench-out/screenshots/fr2-*.png.
import { describe, expect, it } from "vitest";
import { browserRunnable } from "./browser.ts";
import { demoFixture } from "./fixture.ts";
import { englishOn, englishPhrases, frenchPageCheck } from "./englishLeft.ts";
import { IMPORT_EN, IMPORT_FR } from "../src/coordinator/importText.ts";
import { INSTRUMENTS_EN, INSTRUMENTS_FR } from "../src/coordinator/instrumentsText.ts";
import { THERAPIST_DATA_EN, THERAPIST_DATA_FR } from "../src/therapistData/therapistDataText.ts";

const web = demoFixture("web-frpages2", { therapists: 3 });

const allFrench = frenchPageCheck("fr2");

const BAD_CSV = [
  "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing",
  "X1,Q1,1,0,3,3,3",
  "X1,Q1,two,0,3,3,3",
].join("\n");

describe.skipIf(!browserRunnable)(
  "import, instruments and therapist-data pages in French (headless Chromium)",
  () => {
    it("the phrase lists come from the tables and catch the English import page", async () => {
      const phrases = englishPhrases(IMPORT_EN, IMPORT_FR);
      expect(phrases).toContain("Import data");
      expect(englishPhrases(INSTRUMENTS_EN, INSTRUMENTS_FR)).toContain("Import the wording");
      expect(englishPhrases(THERAPIST_DATA_EN, THERAPIST_DATA_FR)).toContain("Add attribute");
      const page = await web.as("coordinator");
      await page.goto(`${web.server.url}/import`);
      await page.getByRole("heading", { name: "Import data" }).waitFor();
      expect(await englishOn(page, phrases)).toContain("Import data");
      await page.close();
    }, 90_000);

    it("the coordinator's import (with a refused file), instruments and therapist-data pages", async () => {
      const page = await web.as("coordinator", { french: true });
      const importPhrases = englishPhrases(IMPORT_EN, IMPORT_FR);
      await page.goto(`${web.server.url}/import`);
      await page.getByRole("heading", { name: "Importer des données", level: 1 }).waitFor();
      await allFrench(page, importPhrases, "import");
      await page.getByLabel("Fichier CSV").setInputFiles({
        name: "mauvais.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(BAD_CSV),
      });
      await page.getByRole("button", { name: "Importer", exact: true }).click();
      await page
        .getByRole("heading", { name: "Non importé : rien de mauvais.csv n'a été enregistré" })
        .waitFor();
      const rejected = page.getByTestId("rejected");
      await expect(rejected.locator("thead th").allTextContents()).resolves.toEqual([
        "Ligne",
        "Colonne",
        "Problème",
      ]);
      await expect(rejected.locator("tbody tr").count()).resolves.toBe(1);
      // The server's message is English and said so to screen readers.
      await expect(rejected.locator("tbody td[lang=en]").last().textContent()).resolves.toMatch(/"two"/);
      await allFrench(page, importPhrases, "import-refused");

      await page.goto(`${web.server.url}/instruments`);
      await page.getByRole("heading", { name: "Importer un texte sous licence" }).waitFor();
      expect(await page.locator("main").getAttribute("lang")).toBeNull();
      await expect(page.getByRole("columnheader", { name: "Qui répond" }).count()).resolves.toBe(1);
      await allFrench(page, englishPhrases(INSTRUMENTS_EN, INSTRUMENTS_FR), "instruments");

      const tdPhrases = englishPhrases(THERAPIST_DATA_EN, THERAPIST_DATA_FR);
      await page.goto(`${web.server.url}/therapist-data`);
      await page.getByRole("heading", { name: "Données des thérapeutes", level: 1 }).waitFor();
      await page.getByLabel("Nom de la colonne").fill("annees_pratique");
      await page.getByLabel("Libellé", { exact: true }).fill("Années de pratique");
      await page.getByRole("button", { name: "Ajouter l'attribut" }).click();
      await page
        .getByRole("form", { name: /^Attributs de / })
        .first()
        .waitFor();
      await page.getByRole("button", { name: "Demander à chaque thérapeute" }).click();
      await page.getByText(/Questionnaires auxquels chaque thérapeute répond une fois/).waitFor();
      await allFrench(page, tdPhrases, "therapist-data");
      await page.close();
    }, 120_000);

    it("the therapist's /my-profile", async () => {
      const page = await web.as("therapist", { french: true });
      await page.goto(`${web.server.url}/my-profile`);
      await page.getByRole("heading", { name: "Mon profil", level: 1 }).waitFor();
      // The attribute and the once-only questionnaire the coordinator added in the test before.
      await page.getByLabel("Années de pratique").waitFor();
      await page.getByRole("heading", { name: "Questionnaires à remplir une fois" }).waitFor();
      await allFrench(page, englishPhrases(THERAPIST_DATA_EN, THERAPIST_DATA_FR), "my-profile");
      await page.close();
    }, 90_000);
  },
);
