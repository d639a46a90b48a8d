// The coordinator's pages end to end in headless Chromium against the real built UI and server: set up
// sites and therapists (one invitee sets a password at /invite/<token> and signs in), create a study,
// randomise (the page's allocation equals core's randomiseTherapists re-run from the recorded seed and
// says "reproduced"), enrol patients, patients answer or decline, the completion monitor shows what is
// missing, a reminder link opens the form; import a bad CSV (nothing stored) and a good one. axe-core on
// every page; desktop screenshots to bench-out/screenshots/coord-*.png.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { randomiseTherapists } from "@attune/core";
import { WELLBEING } from "@attune/core";
import { ensureBootstrap } from "@attune/server";
import { axe, browserRunnable, DESKTOP, PHONE, shoot } from "./browser.ts";
import { webFixture } from "./fixture.ts";

const EMAIL = "coordinator@prn.test";
const PASSWORD = "coordinator-password";
const LONG_HEADER = "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing";

const web = webFixture({
  name: "coord",
  knownPort: true,
  seed: async (server) => {
    await ensureBootstrap(server.store, { network: "Test network", email: EMAIL, password: PASSWORD });
  },
});

/** YYYY-MM-DD `days` ago (local, as the page's date inputs). */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
const pathOf = (url: string) => new URL(url).pathname;
const count = async (table: "patients" | "responses" | "therapy_sessions") =>
  Number(
    (
      await web.server.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function check(page: Page, name: string): Promise<void> {
  await axe(page, name);
  await shoot(page, `coord-${name}`, ["desktop"]);
}

describe.skipIf(!browserRunnable)("coordinator pages end to end (headless Chromium)", () => {
  it(
    "sets up a network and a study, randomises, enrols, monitors completion, reminds, imports",
    { timeout: 180_000 },
    async () => {
      const started = Date.now();
      const page = await web.signedIn(EMAIL, PASSWORD);
      // The coordinator's home is the studies page.
      await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/studies");
      await check(page, "studies-empty");

      // ---- network set-up: two sites, four therapists ----
      await page.getByRole("link", { name: "Network set-up" }).click();
      await page.getByRole("heading", { name: "Network set-up" }).waitFor();
      await page.getByRole("button", { name: "Add site" }).click();
      await page.getByRole("alert").filter({ hasText: "Type the site's name" }).waitFor();
      for (const name of ["North clinic", "South clinic"]) {
        await page.getByLabel("New site's name").fill(name);
        await page.getByRole("button", { name: "Add site" }).click();
        await page.getByRole("rowheader", { name }).waitFor();
      }
      const invitations: Record<string, string> = {};
      for (const [code, site] of [
        ["T1", "North clinic"],
        ["T2", "North clinic"],
        ["T3", "South clinic"],
        ["T4", ""],
      ] as const) {
        await page.getByLabel("Name", { exact: true }).fill(`Therapist ${code}`);
        await page.getByLabel("Email (they sign in with it)").fill(`${code.toLowerCase()}@prn.test`);
        await page.getByLabel(/^Code/).fill(code);
        // By id: the staff list's filters have "Role" and "Site" too.
        await page.locator("#inv-role").selectOption("therapist");
        await page.locator("#inv-site").selectOption({ label: site || "No site" });
        await page.getByRole("button", { name: "Create account and invitation link" }).click();
        await page
          .getByRole("heading", { name: `Invitation link for Therapist ${code} (${code})` })
          .waitFor();
        invitations[code] = await page.locator("#invitation-url").inputValue();
        expect(invitations[code]).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
      }
      await expect(page.locator(".invitation").textContent()).resolves.toMatch(/works once.*expires on/s);
      // The same email twice in this network: the server names the staff member who signs in with it.
      await page.getByLabel("Name", { exact: true }).fill("Someone");
      await page.getByLabel("Email (they sign in with it)").fill("t1@prn.test");
      await page.getByLabel(/^Code/).fill("T9");
      await page.getByRole("button", { name: "Create account and invitation link" }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: "this e-mail address already signs in as T1 in your network" })
        .waitFor();
      // T4 gets a site afterwards.
      await page.getByLabel("Site of T4").selectOption({ label: "South clinic" });
      await page.getByRole("button", { name: "Save site of T4" }).click();
      await page.locator("main").getByText("T4 now works at South clinic.").waitFor();
      // A new invitation for T2 replaces the lost one.
      await page.getByRole("button", { name: "New invitation link for T2" }).click();
      await page.getByRole("heading", { name: "New invitation link for Therapist T2 (T2)" }).waitFor();
      expect(await page.locator("#invitation-url").inputValue()).not.toBe(invitations["T2"]);
      await check(page, "network");
      // On a phone the page fits the screen: wide tables scroll inside their own box.
      await page.setViewportSize(PHONE);
      await expect(
        page.evaluate<number>("document.documentElement.scrollWidth"),
      ).resolves.toBeLessThanOrEqual(PHONE.width);
      await shoot(page, "coord-network", ["phone"]);
      await page.setViewportSize(DESKTOP);

      // ---- T1 accepts the invitation in their own browser and signs in ----
      const t1 = await web.browser.newContext({ viewport: DESKTOP });
      const inv = await t1.newPage();
      await inv.goto(`${web.server.url}${pathOf(invitations["T1"]!)}`);
      await inv.getByRole("heading", { name: "Set your password" }).waitFor();
      await check(inv, "invite");
      await inv.getByLabel("New password").fill("short");
      await inv.getByRole("button", { name: "Set my password" }).click();
      await inv.getByText("The password needs at least 10 characters").waitFor();
      await inv.getByLabel("New password").fill("therapist one password");
      await inv.getByLabel("The same password again").fill("therapist one passw0rd");
      await inv.getByRole("button", { name: "Set my password" }).click();
      await inv.getByText("The two passwords are not the same").waitFor();
      await inv.getByLabel("The same password again").fill("therapist one password");
      await inv.getByRole("button", { name: "Set my password" }).click();
      await inv.getByRole("heading", { name: "Your password is set" }).waitFor();
      await check(inv, "invite-done");
      await inv.getByRole("link", { name: "Go to sign-in" }).click();
      await inv.getByLabel("Email").fill("t1@prn.test");
      await inv.getByLabel("Password").fill("therapist one password");
      await inv.getByRole("button", { name: "Sign in" }).click();
      await inv.getByRole("heading", { name: "Caseload of Therapist T1" }).waitFor();
      // The link again: already used; a made-up one: not valid.
      await inv.goto(`${web.server.url}${pathOf(invitations["T1"]!)}`);
      await inv.getByLabel("New password").fill("another long password");
      await inv.getByLabel("The same password again").fill("another long password");
      await inv.getByRole("button", { name: "Set my password" }).click();
      await inv.getByRole("alert").filter({ hasText: "already used" }).waitFor();
      await check(inv, "invite-used");
      await inv.goto(`${web.server.url}/invite/${"x".repeat(43)}`);
      await inv.getByLabel("New password").fill("another long password");
      await inv.getByLabel("The same password again").fill("another long password");
      await inv.getByRole("button", { name: "Set my password" }).click();
      await inv.getByRole("alert").filter({ hasText: "does not work" }).waitFor();
      await t1.close();

      // ---- a study with two arms and a schedule ----
      await page.getByRole("link", { name: "Studies", exact: true }).click();
      await page.getByRole("link", { name: "Create a study" }).click();
      await page.getByRole("heading", { name: "Create a study" }).waitFor();
      await page.getByRole("button", { name: "Create the study" }).click();
      const problems = page.getByRole("alert").filter({ hasText: "The study was not created" });
      await problems.waitFor();
      await expect(problems.textContent()).resolves.toMatch(/needs a name.*Arm 1: the code/s);
      await page.getByLabel("Study name").fill("Feedback trial");
      await page.getByLabel("Arm 1 code").fill("0");
      await page.getByLabel("Arm 1 label").fill("usual care");
      await page.getByLabel("Arm 2 code").fill("1");
      await page.getByLabel("Arm 2 label").fill("alliance feedback");
      // Who answers each form comes from the instrument library (not guessed from the title).
      await expect(
        page.getByLabel(/^Who answers Working Alliance Inventory.*therapist/).inputValue(),
      ).resolves.toBe("therapist");
      await expect(page.getByLabel(/^Who answers attune rupture coding/).inputValue()).resolves.toBe(
        "observer",
      );
      // Its title names the therapist, but the patient answers it.
      await expect(page.getByLabel(/^Who answers attune confidence in therapist/).inputValue()).resolves.toBe(
        "patient",
      );
      await check(page, "study-new");
      await page.getByRole("button", { name: "Create the study" }).click();
      await page.getByRole("heading", { name: "Study: Feedback trial" }).waitFor();
      const schedule = page.locator("section", {
        has: page.getByRole("heading", { name: "Measurement schedule" }),
      });
      await expect(schedule.locator("tbody tr").count()).resolves.toBe(3);

      // ---- randomisation ----
      await page.getByLabel(/^Block size/).fill("3");
      await page.getByRole("button", { name: "Randomise now" }).click();
      await page.getByText("must be a multiple of the number of arms (2)").waitFor();
      await check(page, "study-randomise-error");
      expect(await web.server.store.db.selectFrom("randomisations").selectAll().execute()).toEqual([]);
      await page.getByLabel(/^Block size/).fill("2");
      await page.getByRole("button", { name: "Randomise now" }).click();
      // Randomisation cannot be undone: the first click only asks. Cancel stores nothing.
      await page.getByText("Randomise 4 therapists in blocks of 2?").waitFor();
      await check(page, "study-randomise-confirm");
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect(page.getByText("Randomise 4 therapists in blocks of 2?").count()).resolves.toBe(0);
      expect(await web.server.store.db.selectFrom("randomisations").selectAll().execute()).toEqual([]);
      await page.getByRole("button", { name: "Randomise now" }).click();
      await page.getByRole("button", { name: "Yes, randomise" }).click();
      await page.locator("article.randomisation h3").waitFor();
      await expect(page.getByTestId("reproduced").textContent()).resolves.toBe("yes");
      const shown = new Map<string, string>();
      for (const row of await page.locator("table.allocation tbody tr").all())
        shown.set(
          (await row.locator("th").textContent())!.trim(),
          (await row.locator("td[data-arm]").getAttribute("data-arm"))!,
        );
      expect(shown.size).toBe(4);
      const rec = await web.server.store.db
        .selectFrom("randomisations")
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(Number((await page.getByTestId("seed").textContent())!.trim())).toBe(Number(rec.seed));
      const users = new Map(
        (await web.server.store.db.selectFrom("users").select(["id", "code"]).execute()).map((u) => [
          u.id,
          u.code,
        ]),
      );
      const again = randomiseTherapists({
        ...(JSON.parse(rec.input) as { therapists: { id: string; site: string }[]; arms: string[] }),
        blockSize: Number(rec.block_size),
        seed: Number(rec.seed),
      });
      expect(new Map(again.map((a) => [users.get(a.therapistId)!, a.arm]))).toEqual(shown);
      // Blocks of two within each site: North (T1, T2) gets one of each arm.
      expect(new Set([shown.get("T1"), shown.get("T2")])).toEqual(new Set(["0", "1"]));
      await page.getByText("Every therapist of the network is allocated in this study.").waitFor();

      // ---- enrol three patients: today, 5 days ago (late), 20 days ago (missed) ----
      const links: Record<string, string> = {};
      for (const [code, therapist, date] of [
        ["P01", "T1", daysAgo(0)],
        ["P02", "T3", daysAgo(5)],
        ["P03", "T2", daysAgo(20)],
      ] as const) {
        await page.getByLabel("Patient code").fill(code);
        const option = page.locator("#therapist option", { hasText: `${therapist} —` });
        await page.locator("#therapist").selectOption((await option.getAttribute("value"))!);
        await page.getByLabel("Date of the first session").fill(date);
        await page.getByRole("button", { name: "Enrol and make the link" }).click();
        await page.getByText(`Patient ${code} enrolled with ${therapist}`).waitFor();
        links[code] = await page.locator("#patient-link").inputValue();
      }
      // ---- patients: P01 answers session 1 (before its next session is made: an unanswered session of the
      // same day would get a new link instead of a second session), P03 declines well-being ----
      const phone = await web.browser.newContext({ viewport: PHONE });
      const form = await phone.newPage();
      await form.goto(`${web.server.url}${pathOf(links["P01"]!)}`);
      await form.getByRole("heading", { name: "After your session" }).waitFor();
      const sets = form.locator("fieldset");
      for (let i = 0; i < (await sets.count()); i++) await sets.nth(i).locator('input[value="3"]').check();
      await form.getByRole("button", { name: "Send my answers" }).click();
      await form.getByRole("heading", { name: "Thank you!" }).waitFor();
      // A second session for P01, with its link.
      await page.locator("#session-patient").selectOption({ label: "P01 (T1)" });
      await page.getByRole("button", { name: "Record the next session and make its link" }).click();
      await page.getByText(/Patient P01, session 2/).waitFor();
      const p01s2 = await page.locator("#patient-link").inputValue();
      expect(p01s2).not.toBe(links["P01"]);
      expect(await count("therapy_sessions")).toBe(4);
      await check(page, "study");

      const declined = await form.request.post(
        `${web.server.url}/api/r/${pathOf(links["P03"]!).split("/").at(-1)}/decline`,
        { data: { forms: [WELLBEING] } },
      );
      expect(declined.status()).toBe(200);

      // ---- completion monitor ----
      await page.getByRole("link", { name: "completion monitor" }).click();
      await page.getByRole("heading", { name: "Completion monitor: Feedback trial" }).waitFor();
      // Session 1 of each patient makes three forms due (P01's session 2, today, also three): P01 two done
      // + therapist's open, + three open at session 2; P02 three late; P03 one declined, two missed.
      const total = async (k: string) =>
        Number(await page.getByTestId("totals").locator(`dd[data-count="${k}"]`).textContent());
      await expect.poll(() => total("due")).toBe(12);
      expect(await total("done")).toBe(2);
      expect(await total("declined")).toBe(1);
      expect(await total("open")).toBe(4);
      expect(await total("late")).toBe(3);
      expect(await total("missed")).toBe(2);
      await expect(
        page.getByTestId("totals").locator('dd[data-count="done rate"]').textContent(),
      ).resolves.toBe("17%");
      const statuses = async (p: string) =>
        page
          .locator(`[data-testid="forms"] tr[data-patient="${p}"] [data-status]`)
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
      expect((await statuses("P02")).sort()).toEqual(["late", "late", "late"]);
      expect((await statuses("P03")).sort()).toEqual(["declined", "missed", "missed"]);
      const bySite = page.getByTestId("sites-h");
      await expect(
        bySite
          .getByRole("row", { name: /South clinic/ })
          .locator("td")
          .nth(0)
          .textContent(),
      ).resolves.toBe("3");
      await check(page, "completion");

      // ---- finding forms: "late only", by therapist, by patient code; the totals stay whole ----
      const allStatuses = () =>
        page
          .locator('[data-testid="forms"] [data-status]')
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
      expect((await allStatuses()).length).toBe(12);
      await page.getByLabel("Show").selectOption("late");
      await expect.poll(async () => (await allStatuses()).join()).toBe("late,late,late");
      await expect(page.locator('[data-testid="pat-h"] tbody th').allTextContents()).resolves.toEqual([
        "P02",
      ]);
      expect(await total("due")).toBe(12);
      await page.getByLabel("Show").selectOption("pending");
      await expect.poll(async () => (await allStatuses()).length).toBe(9);
      await page.getByLabel("Patient code contains").fill("p03");
      await expect.poll(async () => (await allStatuses()).sort().join()).toBe("missed,missed");
      await page.getByLabel("Show").selectOption("done");
      await page.getByTestId("forms-none").waitFor();
      await page.getByLabel("Show").selectOption("all");
      await page.getByLabel("Patient code contains").fill("");
      await expect.poll(async () => (await allStatuses()).length).toBe(12);

      // ---- reminders: P01 session 2 (open) and P02 session 1 (late), each with a working link ----
      await page.getByRole("button", { name: "Make the reminder list" }).click();
      await page.getByRole("heading", { name: "2 reminders" }).waitFor();
      const rows = page.getByTestId("reminders").locator("tbody tr");
      const p02 = rows.filter({ has: page.getByRole("rowheader", { name: "P02" }) });
      await expect(p02.locator("td").nth(4).textContent()).resolves.toMatch(/late/);
      const reminderLink = await p02.locator("input").inputValue();
      expect(reminderLink).toMatch(/\/r\/[A-Za-z0-9_-]{40,}$/);
      await check(page, "completion-reminders");
      await form.goto(`${web.server.url}${pathOf(reminderLink)}`);
      await form.getByRole("heading", { name: "After your session" }).waitFor();
      await expect(form.locator("fieldset").count()).resolves.toBeGreaterThan(0);
      await phone.close();

      // ---- import: a bad row stores nothing, then a good file ----
      await page.getByRole("link", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Import data" }).waitFor();
      await check(page, "import");
      const before = { patients: await count("patients"), responses: await count("responses") };
      await page.getByLabel("CSV file").setInputFiles({
        name: "bad.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${LONG_HEADER}\nX1,Q1,1,0,3,3,3\nX1,Q1,two,0,3,3,3\nX1,Q2,1,0,3,3,3\n`),
      });
      await page.getByLabel("Study name (optional)").fill("Archive 2024");
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Not imported: nothing from bad.csv was stored" }).waitFor();
      const rejected = page.getByTestId("rejected").locator("tbody tr");
      await expect(rejected.count()).resolves.toBe(1);
      await expect(rejected.first().locator("th").textContent()).resolves.toBe("3");
      await expect(rejected.first().textContent()).resolves.toMatch(/session.*"two"/);
      expect({ patients: await count("patients"), responses: await count("responses") }).toEqual(before);
      await check(page, "import-rejected");
      await page.getByLabel("CSV file").setInputFiles({
        name: "good.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${LONG_HEADER}\nX1,Q1,1,0,3,3,3\nX1,Q1,2,0,4,3,4\nX1,Q2,1,0,3,3,3\n`),
      });
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Imported: 3 rows from good.csv" }).waitFor();
      expect(await count("patients")).toBe(before.patients + 2);
      await check(page, "import-done");
      // A spreadsheet saved in a French locale: ";" between fields, decimal commas. Read as meant, with a note.
      await page.getByLabel("CSV file").setInputFiles({
        name: "francais.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${LONG_HEADER.replace(/,/g, ";")}\nX1;Q5;1;0;3,5;3;4,25\n`),
      });
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Imported: 1 row from francais.csv" }).waitFor();
      await expect(page.getByTestId("import-warnings").textContent()).resolves.toMatch(/decimal commas/);
      // Scores on another scale: undeclared → stored with a warning; declared → a value beyond it is refused.
      await page.getByLabel("CSV file").setInputFiles({
        name: "seven.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${LONG_HEADER}\nX1,Q3,1,0,6,7,3\n`),
      });
      await page.getByRole("button", { name: "Import" }).click();
      await page.getByRole("heading", { name: "Imported: 1 row from seven.csv" }).waitFor();
      await expect(page.getByTestId("import-warnings").textContent()).resolves.toMatch(
        /no scale declared for alliance_patient and alliance_therapist.*2 of 2 values/,
      );
      await check(page, "import-warning");
      await page.getByLabel("CSV file").setInputFiles({
        name: "seven-declared.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`${LONG_HEADER}\nX1,Q4,1,0,6,8,3\n`),
      });
      await page.getByLabel("Alliance (both views)").fill("1-7");
      await page.getByRole("button", { name: "Import" }).click();
      await page
        .getByRole("heading", { name: "Not imported: nothing from seven-declared.csv was stored" })
        .waitFor();
      await expect(page.getByTestId("rejected").textContent()).resolves.toMatch(
        /8 is outside the declared scale 1–7/,
      );

      await page.getByRole("link", { name: "Studies", exact: true }).click();
      await page.getByRole("link", { name: "Archive 2024" }).waitFor();
      await check(page, "studies");
      console.log(`coordinator end to end: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
});
