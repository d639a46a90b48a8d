// The therapist's pages in French, end to end in headless Chromium against the real built UI and server: the
// switch on the sign-in page, the caseload, a patient page whose alert shows core's French message, the
// rating form (the demo therapist form in French), the attunement page, the not-found page; the choice
// survives a reload and a sign-in of another staff member on the same browser; a coordinator page not yet
// translated stays English and says so (lang="en"). axe-core on every page; nothing wider than a phone;
// screenshots bench-out/screenshots/staff-fr-*.png.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axe, browserRunnable, DESKTOP, PHONE, shoot } from "./browser.ts";
import { DEMO_PASSWORD, demoFixture } from "./fixture.ts";

const web = demoFixture("web-fr", { therapists: 12 });

/** The page is no wider than a phone (French words are longer: nothing may push it sideways). */
async function fitsPhone(page: Page, label: string): Promise<void> {
  await page.setViewportSize(PHONE);
  const wide = (await page.evaluate("document.documentElement.scrollWidth")) as number;
  expect(wide, `${label} is ${wide}px wide on a phone`).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
}

/** axe, the phone width and screenshots of one page. */
async function check(page: Page, name: string): Promise<void> {
  await axe(page, name);
  await fitsPhone(page, name);
  await shoot(page, `staff-fr-${name}`);
  await page.setViewportSize(DESKTOP);
}

describe.skipIf(!browserRunnable)("staff pages in French (headless Chromium)", () => {
  it(
    "a therapist works in French: caseload, alert, rating form, attunement; the choice is kept",
    { timeout: 120_000 },
    async () => {
      // The patient of the demo link answers (over HTTP), so the therapist has a session to rate.
      const token = web.demo.patientLink.split("/").at(-1)!;
      const form = (await (await fetch(`${web.server.url}/api/r/${token}`)).json()) as {
        questionnaires: { url: string; item: { linkId: string }[] }[];
      };
      const submitted = await fetch(`${web.server.url}/api/r/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          responses: form.questionnaires.map((q) => ({
            resourceType: "QuestionnaireResponse",
            questionnaire: q.url,
            status: "completed",
            item: q.item.map((i) => ({ linkId: i.linkId, answer: [{ valueInteger: 1 }] })),
          })),
        }),
      });
      expect(submitted.status).toBeLessThan(300);

      const page = await web.browser.newPage({ viewport: DESKTOP, locale: "en-GB" });
      await page.goto(`${web.server.url}/`);
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await page.getByRole("button", { name: "Français" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("fr");
      await expect(page.getByRole("button", { name: "Français" }).getAttribute("aria-pressed")).resolves.toBe(
        "true",
      );
      await page.getByLabel("Adresse e-mail").fill(web.user("therapist").email);
      await page.getByLabel("Mot de passe").fill("not-the-password");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: "Adresse e-mail ou mot de passe incorrect." })
        .waitFor();
      await check(page, "signin");
      await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();

      // The caseload.
      await page.getByRole("heading", { name: /^File active de / }).waitFor();
      const lead = await page.locator(".lead").textContent();
      expect(lead).toMatch(/\d+ patients ; \d+ demandent de l'attention\. Les plus urgents d'abord\./);
      await page.getByRole("list", { name: "Patients, les plus urgents d'abord" }).waitFor();
      await page.getByText("Alliance (patient)").first().waitFor();
      await page.getByText("Bien-être").first().waitFor();
      await page.getByText("Votre évaluation est attendue").first().waitFor();
      await expect(page.locator(".badges").allTextContents()).resolves.toContainEqual(
        expect.stringMatching(/Rupture|Hors trajectoire|Points de vue différents/),
      );
      await page.getByText(/s'appuie sur le modèle de rétablissement attendu/).waitFor();
      const nav = page.getByRole("navigation", { name: "Principal" });
      await nav.getByRole("link", { name: "File active" }).waitFor();
      await nav.getByRole("link", { name: "Mon accordage" }).waitFor();
      await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
      expect(await page.title()).toBe("File active — attune");
      await check(page, "caseload");

      // The most urgent patient: the alert cards are core's French texts.
      await page.locator(".case-link").first().click();
      await page.getByRole("heading", { name: "Avant la prochaine séance" }).waitFor();
      const episode = new URL(page.url()).pathname.split("/").at(-1)!;
      const dyad = (await page.evaluate(
        (id) => fetch(`/api/dashboard/episodes/${id}`).then((r) => r.json()),
        episode,
      )) as { openAlerts: { message: { fr: string; en: string }; suggestion: { fr: string } }[] };
      expect(dyad.openAlerts.length).toBeGreaterThan(0);
      const card = page.locator("article.alert").first();
      await expect(card.textContent()).resolves.toContain(dyad.openAlerts[0]!.message.fr);
      await expect(card.textContent()).resolves.toContain(dyad.openAlerts[0]!.suggestion.fr);
      await expect(card.textContent()).resolves.not.toContain(dyad.openAlerts[0]!.message.en);
      await card.getByText("Ce qui aide").waitFor();
      await card.getByText("Pourquoi cette alerte").click();
      // The numbers the rule compared, with a decimal comma (and none with a point).
      const why = await card.locator(".why").textContent();
      expect(why).toMatch(/\d,\d/);
      expect(why).not.toMatch(/\d\.\d/);
      await page
        .getByRole("heading", { name: "Alliance : votre point de vue et celui de votre patient" })
        .waitFor();
      await page.locator(".legend").getByText("Point de vue du patient").waitFor();
      await page.locator(".legend").getByText("Plage attendue").waitFor();
      await page.getByRole("img", { name: /^Alliance de travail du patient / }).waitFor();
      await page.getByRole("columnheader", { name: "Écart (vous − patient)" }).waitFor();
      await page.getByRole("heading", { name: "Prochaine séance", exact: true }).waitFor();
      await page.getByRole("button", { name: "Nouvelle séance et lien patient" }).waitFor();
      await expect(page.getByTestId("congruence").textContent()).resolves.toMatch(
        /Congruence, séance \d+\u00a0:/,
      );
      await check(page, "patient-alert");

      // The patient who just answered: the therapist's rating form is French (the demo form has French).
      await page.getByRole("link", { name: "← File active" }).click();
      await page.getByRole("link", { name: `Patient ${web.demo.patientCode}` }).click();
      await page.getByRole("heading", { name: /^Votre évaluation de la séance \d+$/ }).waitFor();
      await page
        .getByText(
          "Aujourd'hui, nous avons travaillé sur ce qui compte le plus pour le patient ou la patiente.",
        )
        .waitFor();
      await page.locator("form.rate").getByText("Pas du tout").first().waitFor();
      await page.getByRole("button", { name: "Enregistrer mon évaluation" }).click();
      await page.getByRole("alert").filter({ hasText: "Merci de répondre aux 4 questions" }).waitFor();
      await check(page, "rating");
      const sets = page.locator("form.rate fieldset");
      for (let i = 0; i < (await sets.count()); i++) await sets.nth(i).locator('input[value="5"]').check();
      await page.getByRole("button", { name: "Enregistrer mon évaluation" }).click();
      await page.getByText(/^Votre évaluation de la séance \d+ est enregistrée\.$/).waitFor();
      await expect(page.getByTestId("congruence").textContent()).resolves.toMatch(
        /vous évaluez 100 points plus haut que votre patient/,
      );

      // A reload keeps French (localStorage), and so does a page opened later in this web.browser.
      await page.reload();
      await page.getByRole("heading", { name: "Avant la prochaine séance" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("fr");

      // The attunement page: decimal commas in the estimates.
      await page.getByRole("link", { name: "Mon accordage" }).click();
      await page.getByRole("heading", { name: "Mon accordage" }).waitFor();
      await page.getByRole("heading", { name: "Biais directionnel" }).waitFor();
      await page.getByRole("heading", { name: "Force de vérité" }).waitFor();
      await expect(page.locator(".big-num").nth(1).textContent()).resolves.toMatch(/^-?\d+,\d\d$/);
      await page.getByText(/intervalle à 95\u202f% de -?\d+,\d à -?\d+,\d/).waitFor();
      await check(page, "attunement");

      await page.goto(`${web.server.url}/nowhere`);
      await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
      await page.getByRole("link", { name: "Aller à la page d'accueil" }).waitFor();
      await check(page, "not-found");

      // Back to English: the same pages read as before.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      // The keyboard stays on the switch.
      await expect(page.evaluate("document.activeElement.textContent.trim()")).resolves.toBe("English");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.getByRole("link", { name: "Caseload" }).click();
      await page.getByRole("heading", { name: /^Caseload of / }).waitFor();
      await page.getByRole("button", { name: "Français" }).click();
      await page.getByRole("heading", { name: /^File active de / }).waitFor();

      // The coordinator on the same browser: French is kept; the studies page, the instruments page (its
      // instruments' own English titles marked lang="en") and the caseload read French.
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.getByRole("heading", { name: "Connexion" }).waitFor();
      await page.getByLabel("Adresse e-mail").fill(web.user("coordinator").email);
      await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("heading", { name: "Études", level: 1 }).waitFor();
      expect(await page.locator("main").getAttribute("lang")).toBeNull();
      await axe(page, "coordinator home in French");
      await shoot(page, "staff-fr-coordinator", ["desktop"]);
      await page.getByRole("link", { name: "Instruments" }).click();
      await page.getByRole("heading", { name: "Importer un texte sous licence" }).waitFor();
      expect(await page.locator("main").getAttribute("lang")).toBeNull();
      await page.getByRole("link", { name: "File active" }).click();
      await page.getByRole("heading", { name: "Tous les patients" }).waitFor();
      expect(await page.locator("main").getAttribute("lang")).toBeNull();
      await page.close();

      // Another browser (English, nothing remembered): the therapist's pages are French at once, because the
      // choice is kept with the account.
      const elsewhere = await web.browser.newContext({ viewport: DESKTOP, locale: "en-GB" });
      const other = await elsewhere.newPage();
      await other.goto(`${web.server.url}/`);
      await other.getByRole("heading", { name: "Sign in" }).waitFor();
      await other.getByLabel("Email").fill(web.user("therapist").email);
      await other.getByLabel("Password").fill(DEMO_PASSWORD);
      await other.getByRole("button", { name: "Sign in" }).click();
      await other.getByRole("heading", { name: /^File active de / }).waitFor();
      expect(await other.getAttribute("html", "lang")).toBe("fr");
      await elsewhere.close();
    },
  );
});
