// Study maintenance in headless Chromium against the real built UI and server on the demo network: a new
// study's arms and schedule are edited, then fixed once a therapist is allocated (the page says why); the
// demo study, with patients, says its set-up is fixed; a test study is archived after a confirmation and
// restored; a patient's contact details are saved and the patient is erased only after the code is typed;
// the audit log is filtered by who, action and record. axe-core on every page.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axe, browserRunnable, shoot } from "./browser.ts";
import { demoFixture } from "./fixture.ts";

const web = demoFixture("web-maint", { therapists: 4, sessions: 3 });
let page: Page;

const json = async <T>(path: string, method = "GET", body?: unknown): Promise<T> =>
  (await page.evaluate(`(async () => {
    const me = await fetch("/api/auth/me").then((r) => r.json());
    const r = await fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(method)}, headers: {
      "content-type": "application/json", "x-csrf-token": me.csrfToken },
      body: ${body === undefined ? "undefined" : JSON.stringify(JSON.stringify(body))} });
    return r.json();
  })()`)) as T;
const text = async (testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();

describe.skipIf(!browserRunnable)("study maintenance in the browser (headless Chromium)", () => {
  beforeAll(async () => {
    page = await web.as("coordinator");
  });

  it("edits a new study's arms and schedule, then says why they are fixed; archives and restores", async () => {
    const made = await json<{ id: string }>("/api/studies", "POST", {
      name: "Try-out",
      arms: [
        { code: "A", name: "first" },
        { code: "B", name: "second" },
      ],
      schedule: [
        {
          questionnaire: "https://attune.dev/fhir/Questionnaire/wellbeing",
          rater: "patient",
          sessions: "all",
        },
      ],
    });
    await page.goto(`${web.server.url}/studies/${made.id}`);
    await page.getByRole("link", { name: "Edit arms and schedule" }).click();
    await page.getByRole("heading", { name: /Edit arms and schedule/ }).waitFor();
    expect(await page.locator("#arm-code-0").inputValue()).toBe("A");
    await page.getByRole("button", { name: "Add an arm" }).click();
    // The typed values survive the redraw that adds the row.
    expect(await page.locator("#arm-name-1").inputValue()).toBe("second");
    await page.locator("#arm-code-2").fill("A");
    await page.locator("#arm-name-2").fill("third");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/Two arms have the same code/);
    await page.locator("#arm-code-2").fill("C");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByRole("heading", { name: "Study: Try-out" }).waitFor();
    const arms = await page.getByRole("region", { name: "Arms" }).locator("tbody th").allTextContents();
    expect(arms).toEqual(["A", "B", "C"]);
    await axe(page, "study page with its set-up card");

    // One therapist allocated by hand: the arms are fixed, the schedule can still change.
    const { users } = await json<{ users: { id: string; role: string }[] }>("/api/users");
    await json(`/api/studies/${made.id}/allocations`, "POST", {
      therapistId: users.find((u) => u.role === "therapist")!.id,
      armCode: "B",
    });
    await page.goto(`${web.server.url}/studies/${made.id}/edit`);
    await page.getByTestId("arms-locked").waitFor();
    expect(await text("arms-locked")).toMatch(
      /arms can no longer be changed: 1 therapist is already allocated/,
    );
    expect(await page.locator("#arm-code-0").isDisabled()).toBe(true);
    await axe(page, "edit page with fixed arms");
    await shoot(page, "maint-edit", ["desktop"]);

    // Archive only after the confirmation; cancel first.
    await page.goto(`${web.server.url}/studies/${made.id}`);
    await page.getByRole("button", { name: "Archive this study…" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(
      (await json<{ studies: { id: string; archivedAt: string | null }[] }>("/api/studies")).studies.find(
        (s) => s.id === made.id,
      )?.archivedAt,
    ).toBeNull();
    await page.getByRole("button", { name: "Archive this study…" }).click();
    await page.getByRole("button", { name: "Archive the study" }).click();
    await page.getByTestId("archived").waitFor();
    await page.goto(`${web.server.url}/studies`);
    await page.getByRole("heading", { name: "Archived studies" }).waitFor();
    expect(await page.getByRole("region", { name: "Archived studies" }).textContent()).toContain("Try-out");
    expect(await page.getByRole("region", { name: "Studies", exact: true }).textContent()).not.toContain(
      "Try-out",
    );
    await page.getByRole("link", { name: "Try-out" }).click();
    await page.getByRole("button", { name: "Restore this study" }).click();
    await page.getByRole("button", { name: "Archive this study…" }).waitFor();

    // The demo study has patients: its set-up is fixed, and the page says why.
    const { studies } = await json<{ studies: { id: string; name: string }[] }>("/api/studies");
    const seeded = studies.find((s) => s.id !== made.id)!;
    await page.goto(`${web.server.url}/studies/${seeded.id}`);
    await page.getByTestId("setup-fixed").waitFor();
    expect(await text("setup-fixed")).toMatch(
      /schedule can no longer be changed: 12 patients are already enrolled/,
    );
  });

  it("saves a patient's contact details, erases only after the code is typed, and filters the audit log", async () => {
    await page.goto(`${web.server.url}/patient-records`);
    await page.getByLabel("Find a patient").fill(web.demo.patientCode);
    await page.getByRole("link", { name: `Patient ${web.demo.patientCode}` }).click();
    await page.getByRole("heading", { name: `Patient ${web.demo.patientCode}` }).waitFor();
    await page.getByLabel("E-mail").fill("not an address");
    await page.getByRole("button", { name: "Save the contact details" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/not saved.*email/is);
    await page.getByLabel("E-mail").fill("patient@example.org");
    await page.getByLabel("Language of their messages").selectOption("fr");
    await page.getByRole("button", { name: "Save the contact details" }).click();
    await page.getByText("Contact details saved.").first().waitFor();
    await page.reload();
    await page.getByLabel("E-mail").waitFor();
    expect(await page.getByLabel("E-mail").inputValue()).toBe("patient@example.org");
    expect(await page.getByLabel("Language of their messages").inputValue()).toBe("fr");
    await axe(page, "patient record");
    await shoot(page, "maint-record", ["desktop"]);

    await page.getByLabel("Why (kept in the erasure record)").fill("the patient asked");
    await page.getByLabel(/Type the patient's code/).fill("wrong");
    await page.getByRole("button", { name: /Erase patient/ }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(
      /Nothing was erased.*type the patient's code exactly/s,
    );
    const before = await json<{ patients: unknown[] }>("/api/patients");
    await page.getByLabel(/Type the patient's code/).fill(web.demo.patientCode);
    await page.getByRole("button", { name: /Erase patient/ }).click();
    await page.getByTestId("erased").waitFor();
    expect(await text("erased")).toMatch(/Removed: \d+ answers, \d+ sessions, 1 courses of therapy/);
    expect((await json<{ patients: unknown[] }>("/api/patients")).patients.length).toBe(
      before.patients.length - 1,
    );

    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByTestId("audit").locator("tbody tr").first().waitFor();
    await page.getByLabel("Action").selectOption("erase");
    await page.getByRole("button", { name: "Show" }).click();
    // Polled from the test (the page's CSP forbids evaluating strings in it).
    await expect.poll(() => page.getByTestId("audit").locator("tbody tr").count()).toBe(1);
    expect(await page.getByTestId("audit").locator("tbody td").nth(1).textContent()).toBe("erase");
    await page.getByLabel("Action").selectOption("");
    await page.getByLabel("Record").selectOption("patient_contact");
    await page.getByRole("button", { name: "Show" }).click();
    await expect
      .poll(async () =>
        (await page.getByTestId("audit").locator("tbody tr td:nth-of-type(3)").allTextContents()).every(
          (t) => t.trim() === "patient contact",
        ),
      )
      .toBe(true);
    const actions = await page.getByTestId("audit").locator("tbody tr td:nth-of-type(2)").allTextContents();
    expect(actions).toContain("create");
    expect(actions).toContain("read");
    const today = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    await page.getByLabel("From").fill(today);
    await page.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => page.getByTestId("audit").locator("tbody tr").count()).toBe(0);
    expect(await text("audit-count")).toBe("0 entries shown.");
    await axe(page, "audit log");
  });
});
