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
import { instrumentsText } from "./instrumentsText.ts";

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
  const w = instrumentsText(ctx.lang);
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
    if (!file) problems.push(w.chooseFile);
    else {
      try {
        parsed = JSON.parse(await file.text());
      } catch (err) {
        problems.push(`${w.notJson(file.name)} ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const holds = f.get("holds") === "on";
    const statement = String(f.get("statement") ?? "").trim();
    if (!holds) problems.push(w.tick);
    if (statement.length < 10) problems.push(w.nameLicence(statement));
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
      ctx.announce(w.importedSaid(short(out.instrument), out.language));
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
      ctx.announce(w.withdrawnSaid(short(id)));
    } catch (err) {
      importError = err;
    }
    draw();
    if (importError) focusError(ctx);
    else ctx.root.querySelector<HTMLElement>("#lt-result")?.focus();
  };

  const wording = (r: InstrumentRow): TemplateResult => {
    if (r.textShipped) return html`<span class="status done">${w.shipped}</span>`;
    const lt = r.licensedText;
    if (r.textAvailable && lt)
      return html`<span class="status done">${w.importedHere}</span><br />
        <span class="muted small"
          >${w.revision(lt.revision, when(lt.importedAt, ctx.lang))}${lt.sha256 ? html`, sha256 ${lt.sha256.slice(0, 12)}…` : ""}</span
        >`;
    if (lt && !lt.fitsShell)
      return html`<span class="status missed">${w.importAgain}</span><br />
        <span class="muted small">${w.formChanged}</span>`;
    return html`<span class="status missed">${w.notAvailable}</span><br />
      <span class="muted small">${w.importYours}</span>`;
  };

  const actions = (r: InstrumentRow): TemplateResult | typeof nothing => {
    if (!r.licensedText || !r.textAvailable) return nothing;
    if (confirming === r.id)
      return html`<div class="row-actions">
        <button type="button" class="small-btn danger" @click=${() => void withdraw(r.id)}>
          ${w.yesWithdraw(r.shortTitle)}
        </button>
        <button type="button" class="small-btn secondary" @click=${() => ((confirming = null), draw())}>
          ${w.cancel}
        </button>
      </div>`;
    return html`<button
      type="button"
      class="small-btn secondary"
      aria-label=${w.withdrawLabel(r.shortTitle)}
      @click=${() => ((confirming = r.id), draw())}
    >
      ${w.withdraw}
    </button>`;
  };

  const result = (): TemplateResult | typeof nothing => {
    if (imported)
      return html`<section class="ok-box result" aria-labelledby="lt-result">
        <h2 id="lt-result" tabindex="-1">
          ${w.importedHeading(short(imported.instrument), imported.language, imported.file)}
        </h2>
        <p>
          ${w.questions(imported.items.length)}${
            imported.answerScales.length ? w.answerLabels(imported.answerScales.join(", ")) : ""
          }
          ${w.merged} (${w.action[imported.action] ?? w.action.first}).
          ${w.formHas(langList(imported.languages), imported.revision)} ${imported.sha256}.
        </p>
        <p>${w.fromNow}</p>
      </section>`;
    if (withdrawn)
      return html`<section class="ok-box result" aria-labelledby="lt-result">
        <h2 id="lt-result" tabindex="-1">${w.withdrawnHeading(short(withdrawn))}</h2>
        <p>${w.withdrawnText}</p>
      </section>`;
    return nothing;
  };

  function draw(): void {
    ctx.shell(
      w.title,
      html`<div class="coord">
        <h1 tabindex="-1">${w.title}</h1>
        <p class="lead">${w.lead1}</p>
        <p>${w.lead2}</p>
        ${errorBox(loadError, w.notLoaded)} ${result()}
        <div class="table-wrap" tabindex="0" role="region" aria-label=${w.library}>
          <table data-testid="instruments" class="instr-table">
            <caption>
              ${w.caption}
            </caption>
            <thead>
              <tr>
                ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                <th scope="col"><span class="sr-only">${w.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr data-instrument=${r.id}>
                    <th scope="row">
                      ${r.shortTitle}<br /><span class="muted small" lang="en">${r.title}</span>
                      ${r.validated ? nothing : html`<br /><span class="small">${w.notValidated}</span>`}
                    </th>
                    <td lang="en">${r.construct}</td>
                    <td>${w.rater[r.rater] ?? r.rater}</td>
                    <td>${r.items}</td>
                    <td>
                      ${w.licence[r.licence] ?? r.licence}<br /><span class="muted small" lang="en"
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

        <h2>${w.importHeading}</h2>
        <p>
          ${w.importHelp1} (<code>npx attune instruments template wai-sr</code> ${w.importHelp2}).
          ${w.importHelp3}
        </p>
        ${errorBox(importError, w.notImported)}
        <form class="stack-form card" novalidate @submit=${submit}>
          <div class="field">
            <label for="lt-instrument">${w.instrument}</label>
            <select
              id="lt-instrument"
              name="instrument"
              @change=${(e: Event) => (chosen = (e.target as HTMLSelectElement).value)}
            >
              ${rows.map(
                (r) =>
                  html`<option value=${r.id} ?selected=${r.id === chosen}>
                    ${r.shortTitle}${r.textShipped ? w.addTranslation : ""}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="lt-file">${w.file}</label>
            <input id="lt-file" name="file" type="file" accept=".json,application/json" />
          </div>
          <fieldset class="group">
            <legend>${w.licenceLegend}</legend>
            <div class="field">
              <input type="checkbox" id="lt-holds" name="holds" />
              <label for="lt-holds">${w.holds}</label>
            </div>
            <div class="field">
              <label for="lt-statement">${w.statement}</label>
              <input
                id="lt-statement"
                name="statement"
                type="text"
                maxlength="2000"
                placeholder=${w.statementExample}
              />
            </div>
          </fieldset>
          <div class="field">
            <input type="checkbox" id="lt-replace" name="replace" />
            <label for="lt-replace">${w.replace}</label>
          </div>
          <button class="primary" type="submit" ?disabled=${busy}>
            ${busy ? w.importing : w.importWording}
          </button>
        </form>
      </div>`,
      true,
    );
  }
  draw();
}
