// Instruments (/instruments): the questionnaire library as this network sees it — what each form measures,
// who answers it, its licence, and whether its wording is shipped, imported by this network, or missing —
// and the import of a licensed-text file (read in the browser, sent with the coordinator's attestation)
// or its withdrawal.
import { html, nothing, type TemplateResult } from "lit-html";
// One instrument as `GET /api/instruments` lists it, and what an import answers.
import type { InstrumentOut as InstrumentRow, LicensedTextOut as Imported } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { call } from "./http.ts";
import { errorBox, focusError, when } from "./ui.ts";

const RATER: Record<string, string> = {
  patient: "patient",
  therapist: "therapist",
  observer: "observer (coder)",
};

const LICENCE: Record<string, string> = {
  "free-no-permission": "free, no permission needed",
  proprietary: "proprietary — licence needed",
  MIT: "MIT (attune's own)",
  "CC-BY-NC-ND-4.0": "CC BY-NC-ND 4.0 (free, unchanged, non-commercial)",
};

const langList = (l: string[]): string => (l.length ? l.join(", ") : "—");

/** The Instruments page. */
export async function instrumentsPage(ctx: StaffContext): Promise<void> {
  let rows: InstrumentRow[] = [];
  let loadError: unknown = null;
  let importError: unknown = null;
  let imported: (Imported & { file: string }) | null = null;
  let withdrawn: string | null = null;
  let confirming: string | null = null;
  let chosen = "";
  let busy = false;
  ctx.setRefresh(null);

  const load = async () => {
    try {
      rows = (await call<{ instruments: InstrumentRow[] }>(ctx, "GET", "/api/instruments")).instruments;
      loadError = null;
    } catch (e) {
      loadError = e;
    }
  };
  await load();
  chosen ||= rows.find((r) => !r.textShipped)?.id ?? rows[0]?.id ?? "";

  const short = (id: string) => rows.find((r) => r.id === id)?.shortTitle ?? id;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    imported = null;
    withdrawn = null;
    const problems: string[] = [];
    const input = form.querySelector<HTMLInputElement>("#lt-file");
    const file = input?.files?.[0];
    let parsed: unknown = undefined;
    if (!file) problems.push("Choose the licensed-text file (JSON).");
    else {
      try {
        parsed = JSON.parse(await file.text());
      } catch (err) {
        problems.push(`${file.name} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const holds = f.get("holds") === "on";
    const statement = String(f.get("statement") ?? "").trim();
    if (!holds) problems.push("Tick the box to confirm that the network holds a licence for this wording.");
    if (statement.length < 10)
      problems.push(
        `Name the licence (who granted it, its number or date), at least 10 characters; got "${statement}".`,
      );
    if (problems.length) {
      importError = new Error(problems.join(" "));
      draw();
      focusError(ctx);
      return;
    }
    busy = true;
    importError = null;
    draw();
    try {
      const out = await call<Imported>(
        ctx,
        "POST",
        `/api/instruments/${encodeURIComponent(chosen)}/licensed-text`,
        {
          file: parsed,
          attestation: { holdsLicence: true, statement },
          ...(f.get("replace") === "on" ? { replace: true } : {}),
        },
      );
      imported = { ...out, file: file!.name };
      form.reset();
      await load();
      ctx.announce(`Imported the ${short(out.instrument)} wording (${out.language}).`);
    } catch (err) {
      importError = err;
    }
    busy = false;
    draw();
    if (importError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#lt-result")?.focus();
  };

  const withdraw = async (id: string) => {
    imported = null;
    importError = null;
    try {
      await call(ctx, "DELETE", `/api/instruments/${encodeURIComponent(id)}/licensed-text`);
      withdrawn = id;
      confirming = null;
      await load();
      ctx.announce(`The ${short(id)} wording was withdrawn.`);
    } catch (err) {
      importError = err;
    }
    draw();
    if (importError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#lt-result")?.focus();
  };

  const wording = (r: InstrumentRow): TemplateResult => {
    if (r.textShipped) return html`<span class="status done">shipped with attune</span>`;
    const lt = r.licensedText;
    if (r.textAvailable && lt)
      return html`<span class="status done">imported for this network</span><br />
        <span class="muted small"
          >revision ${lt.revision},
          ${when(lt.importedAt)}${lt.sha256 ? html`, sha256 ${lt.sha256.slice(0, 12)}…` : ""}</span
        >`;
    if (lt && !lt.fitsShell)
      return html`<span class="status missed">import again</span><br />
        <span class="muted small">the form changed since the wording was imported</span>`;
    return html`<span class="status missed">not available</span><br />
      <span class="muted small">import your licensed copy; no patient links until then</span>`;
  };

  const actions = (r: InstrumentRow): TemplateResult | typeof nothing => {
    if (!r.licensedText || !r.textAvailable) return nothing;
    if (confirming === r.id)
      return html`<div class="row-actions">
        <button type="button" class="small-btn danger" @click=${() => void withdraw(r.id)}>
          Yes, withdraw the ${r.shortTitle} wording
        </button>
        <button type="button" class="small-btn secondary" @click=${() => ((confirming = null), draw())}>
          Cancel
        </button>
      </div>`;
    return html`<button
      type="button"
      class="small-btn secondary"
      aria-label=${`Withdraw the ${r.shortTitle} wording`}
      @click=${() => ((confirming = r.id), draw())}
    >
      Withdraw…
    </button>`;
  };

  const result = (): TemplateResult | typeof nothing => {
    if (imported)
      return html`<section class="ok-box result" aria-labelledby="lt-result">
        <h2 id="lt-result" tabindex="-1">
          Imported: ${short(imported.instrument)} wording in "${imported.language}" from ${imported.file}
        </h2>
        <p>
          ${imported.items.length}
          questions${
            imported.answerScales.length
              ? html` and the answer labels of ${imported.answerScales.join(", ")}`
              : ""
          }
          merged into the form
          (${
            imported.action === "add-language"
              ? "added as a further language"
              : imported.action === "replace"
                ? "replacing the wording imported before"
                : "first import"
          }).
          The form now has: ${langList(imported.languages)}. Revision ${imported.revision}; file sha256
          ${imported.sha256}.
        </p>
        <p>
          From now on your network's patient links and staff get the full form; other networks still see the
          form without wording.
        </p>
      </section>`;
    if (withdrawn)
      return html`<section class="ok-box result" aria-labelledby="lt-result">
        <h2 id="lt-result" tabindex="-1">Withdrawn: the ${short(withdrawn)} wording</h2>
        <p>
          Your network gets the form without wording again, so no new patient links can include it. The
          wording stays on record with the answers collected with it.
        </p>
      </section>`;
    return nothing;
  };

  function draw(): void {
    ctx.shell(
      "Instruments",
      html`<div class="coord">
        <h1 tabindex="-1">Instruments</h1>
        <p class="lead">
          The questionnaires attune can collect. Some are free to use and attune ships their wording: the
          PHQ-9, GAD-7, WHO-5 and CORE-10 (whose copyright line is shown with the form), and attune's own
          forms. Others belong to their authors — the WAI-SR, the Session Alliance Inventory, the SRS and the
          ORS — and may only be given to patients under a licence your network obtains from the rights holder.
          For these attune ships only a <strong>shell</strong>: the numbered questions, answer scale and
          scoring, but not the wording, because publishing it in open-source software would break the licence.
        </p>
        <p>
          If your network holds a licence, import the wording from your licensed copy below. It is kept for
          your network only: other networks never see it and data exports carry the shell. Until it is
          imported, patient links cannot include the form — patients would see blank questions.
        </p>
        ${errorBox(loadError, "The instruments could not be loaded.")} ${result()}
        <div class="table-wrap" tabindex="0" role="region" aria-label="The instrument library">
          <table data-testid="instruments" class="instr-table">
            <caption>
              The library, as your network sees it
            </caption>
            <thead>
              <tr>
                <th scope="col">Instrument</th>
                <th scope="col">Measures</th>
                <th scope="col">Who answers</th>
                <th scope="col">Questions</th>
                <th scope="col">Licence</th>
                <th scope="col">Wording (languages)</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr data-instrument=${r.id}>
                    <th scope="row">
                      ${r.shortTitle}<br /><span class="muted small">${r.title}</span>
                      ${r.validated ? nothing : html`<br /><span class="small">not validated</span>`}
                    </th>
                    <td>${r.construct}</td>
                    <td>${RATER[r.rater] ?? r.rater}</td>
                    <td>${r.items}</td>
                    <td>
                      ${LICENCE[r.licence] ?? r.licence}<br /><span class="muted small"
                        >${r.licenceHolder}</span
                      >
                    </td>
                    <td data-testid="wording">
                      ${wording(r)}
                      ${r.textAvailable ? html`<br /><span class="small">${langList(r.languages)}</span>` : nothing}
                    </td>
                    <td>${actions(r)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>

        <h2>Import licensed wording</h2>
        <p>
          The file is JSON with the wording of one instrument in one language, keyed by the shell's question
          ids (<code>npx attune instruments template wai-sr</code> prints an empty one). It is checked against
          the shell first: a file with a missing, extra or misnumbered question, or answer labels that do not
          match, is refused with every mismatch listed, and nothing is stored. A second file in another
          language is added to the form.
        </p>
        ${errorBox(importError, "The wording was not imported.")}
        <form class="stack-form card" novalidate @submit=${submit}>
          <div class="field">
            <label for="lt-instrument">Instrument</label>
            <select
              id="lt-instrument"
              name="instrument"
              @change=${(e: Event) => (chosen = (e.target as HTMLSelectElement).value)}
            >
              ${rows.map(
                (r) =>
                  html`<option value=${r.id} ?selected=${r.id === chosen}>
                    ${r.shortTitle}${r.textShipped ? " (wording shipped: add a translation)" : ""}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="lt-file">Licensed-text file (JSON)</label>
            <input id="lt-file" name="file" type="file" accept=".json,application/json" />
          </div>
          <fieldset class="group">
            <legend>Licence</legend>
            <div class="field">
              <input type="checkbox" id="lt-holds" name="holds" />
              <label for="lt-holds"
                >I confirm that our network holds a licence to use this wording with patients</label
              >
            </div>
            <div class="field">
              <label for="lt-statement">The licence: who granted it, its number or date (recorded)</label>
              <input
                id="lt-statement"
                name="statement"
                type="text"
                maxlength="2000"
                placeholder="e.g. Licence no. 42 from the rights holder, 2026-01-10, all sites"
              />
            </div>
          </fieldset>
          <div class="field">
            <input type="checkbox" id="lt-replace" name="replace" />
            <label for="lt-replace"
              >Replace the wording imported so far (e.g. a corrected copy) instead of adding a language</label
            >
          </div>
          <button class="primary" type="submit" ?disabled=${busy}>
            ${busy ? "Importing…" : "Import the wording"}
          </button>
        </form>
      </div>`,
    );
  }
  draw();
}
