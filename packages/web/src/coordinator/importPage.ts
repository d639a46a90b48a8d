// Import (/import): a long CSV, a REDCap export with its data dictionary, or a FHIR Bundle, read in the
// browser and sent to the import routes. Imports are all or nothing; the page shows the report, and for a
// rejected file every row problem and that nothing was stored.
import { html, nothing, type TemplateResult } from "lit-html";
import { IMPORT_COLUMNS, LONG_COLUMNS, SCORE_SCALES } from "@attune/core/records";
import type { ApiQuery } from "@attune/api";
import type { StaffContext } from "../context.ts";
import { rowProblem } from "./checks.ts";
import { call } from "./http.ts";
import type { ImportReport } from "./types.ts";
import { problemOf } from "./ui.ts";
import { importText } from "./importText.ts";

type Format = "long-csv" | "redcap" | "fhir";
const FORMATS: Format[] = ["long-csv", "redcap", "fhir"];

type Outcome =
  | { ok: true; file: string; report: ImportReport }
  | { ok: false; file: string; message: string; rows: { row: string; column: string; message: string }[] };

const readFile = (input: HTMLInputElement | null): Promise<{ name: string; text: string } | null> => {
  const f = input?.files?.[0];
  return f ? f.text().then((text) => ({ name: f.name, text })) : Promise.resolve(null);
};

/** The import page. */
export function importPage(ctx: StaffContext): Promise<void> {
  let format: Format = "long-csv";
  let outcome: Outcome | null = null;
  let formError = "";
  let busy = false;
  const w = importText(ctx.lang);
  ctx.setRefresh(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const study = String(f.get("study") ?? "").trim();
    const scale = (role: string) => String(f.get(`${role}-scale`) ?? "").trim();
    const q = (withScales: boolean): ApiQuery => {
      const p = new URLSearchParams();
      if (study) p.set("study", study);
      if (withScales) for (const s of SCORE_SCALES) if (scale(s)) p.set(`${s}_scale`, scale(s));
      const s = p.toString();
      return s ? `?${s}` : "";
    };
    formError = "";
    outcome = null;
    const main = await readFile(form.querySelector<HTMLInputElement>("#file"));
    if (!main) {
      formError = w.chooseFile;
      draw();
      form.querySelector<HTMLInputElement>("#file")?.focus();
      return;
    }
    busy = true;
    draw();
    try {
      let report: ImportReport;
      if (format === "long-csv")
        report = await call<ImportReport>(
          ctx,
          "POST",
          `/api/import/long-csv${q(true)}`,
          main.text,
          "text/csv",
        );
      else if (format === "fhir") {
        let bundle: unknown;
        try {
          bundle = JSON.parse(main.text);
        } catch (err) {
          throw new Error(`${w.notJson(main.name)} ${err instanceof Error ? err.message : String(err)}`);
        }
        report = await call<ImportReport>(ctx, "POST", `/api/import/fhir${q(false)}`, bundle);
      } else {
        const dict = await readFile(form.querySelector<HTMLInputElement>("#dictionary"));
        if (!dict) {
          busy = false;
          formError = w.chooseDictionary;
          draw();
          form.querySelector<HTMLInputElement>("#dictionary")?.focus();
          return;
        }
        const mapping = Object.fromEntries(
          IMPORT_COLUMNS.map((r) => [r, String(f.get(`map-${r}`) ?? "").trim()]).filter(([, v]) => v !== ""),
        );
        report = await call<ImportReport>(ctx, "POST", "/api/import/redcap", {
          records: main.text,
          dictionary: dict.text,
          mapping,
          ...(study ? { study } : {}),
          ...(SCORE_SCALES.some(scale)
            ? { scales: Object.fromEntries(SCORE_SCALES.filter(scale).map((r) => [r, scale(r)])) }
            : {}),
        });
      }
      outcome = { ok: true, file: main.name, report };
      ctx.announce(w.imported(report.rows, main.name));
    } catch (err) {
      const p = problemOf(err);
      outcome = { ok: false, file: main.name, message: p.message, rows: p.details.map(rowProblem) };
    }
    busy = false;
    draw();
    ctx.root.querySelector<HTMLElement>("#result-h")?.focus();
  };

  const result = (): TemplateResult | typeof nothing => {
    const o = outcome;
    if (!o) return nothing;
    if (o.ok)
      return html`<section class="ok-box result" aria-labelledby="result-h">
        <h2 id="result-h" tabindex="-1">${w.importedHeading(o.report.rows, o.file)}</h2>
        <p>
          ${w.createdLabel}
          ${
            Object.entries(o.report.created)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => {
                const [one, many] = w.created[k] ?? [k.replace(/s$/, ""), k];
                return `${n.toLocaleString(ctx.lang)} ${n === 1 ? one : many}`;
              })
              .join(", ") || w.nothingNew
          }.
        </p>
        ${
          o.report.warnings?.length
            ? html`<div class="warn-box" data-testid="import-warnings">
                <h3>${w.checkWarnings}</h3>
                <ul lang="en">
                  ${o.report.warnings.map((x) => html`<li>${x}</li>`)}
                </ul>
              </div>`
            : nothing
        }
      </section>`;
    return html`<section class="error-box result" role="alert" aria-labelledby="result-h">
      <h2 id="result-h" tabindex="-1">${w.refusedHeading(o.file)}</h2>
      <p>${w.refusedText(o.rows.length)}</p>
      <p class="small" lang="en">${o.message}</p>
      ${
        o.rows.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${w.rejectedRows}>
              <table data-testid="rejected">
                <thead>
                  <tr>
                    ${w.cols.map((c) => html`<th scope="col">${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${o.rows.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${r.row || "—"}</th>
                        <td>${r.column || "—"}</td>
                        <td class="wrap" lang="en">${r.message}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
    </section>`;
  };

  function draw(): void {
    ctx.shell(
      w.title,
      html`<div class="coord">
        <h1 tabindex="-1">${w.heading}</h1>
        <p class="lead">${w.lead}</p>
        <form class="stack-form card" @submit=${submit} novalidate>
          <fieldset class="group">
            <legend>${w.format}</legend>
            ${FORMATS.map(
              (k) =>
                html`<div class="radio">
                  <input
                    type="radio"
                    id=${`fmt-${k}`}
                    name="format"
                    value=${k}
                    ?checked=${format === k}
                    aria-describedby=${`fmt-${k}-hint`}
                    @change=${() => ((format = k), (outcome = null), draw())}
                  />
                  <label for=${`fmt-${k}`}>${w.formats[k][0]}</label>
                  <span id=${`fmt-${k}-hint`} class="muted small"
                    >—
                    ${w.formats[k][1]}${k === "long-csv" ? html` <code>${LONG_COLUMNS.join(", ")}</code>` : nothing}</span
                  >
                </div>`,
            )}
          </fieldset>
          ${formError ? html`<p class="error-box" role="alert">${formError}</p>` : nothing}
          <div class="field">
            <label for="file"
              >${format === "redcap" ? w.recordsFile : format === "fhir" ? w.bundleFile : w.csvFile}</label
            >
            <input
              id="file"
              name="file"
              type="file"
              accept=${format === "fhir" ? ".json,application/json,application/fhir+json" : ".csv,text/csv"}
            />
          </div>
          ${
            format === "redcap"
              ? html`<div class="field">
                    <label for="dictionary">${w.dictionary}</label>
                    <input id="dictionary" name="dictionary" type="file" accept=".csv,text/csv" />
                  </div>
                  <fieldset class="group">
                    <legend>${w.mapping}</legend>
                    <p class="muted small">${w.mappingHint}</p>
                    <div class="map-grid">
                      ${IMPORT_COLUMNS.map(
                        (r) =>
                          html`<div class="field">
                            <label for=${`map-${r}`}>${r.replace("_", " ")}</label>
                            <input
                              id=${`map-${r}`}
                              name=${`map-${r}`}
                              type="text"
                              value=${r === "patient" ? "record_id" : r === "session" ? "redcap_event_name" : ""}
                            />
                          </div>`,
                      )}
                    </div>
                  </fieldset>`
              : nothing
          }
          ${
            format === "fhir"
              ? nothing
              : html`<fieldset class="group">
                  <legend>${w.scalesLegend}</legend>
                  <p class="muted small" id="scale-hint">
                    ${w.scalesHint}${format === "redcap" ? w.scalesRedcap : ""}.
                  </p>
                  <div class="map-grid">
                    ${SCORE_SCALES.map(
                      (s) =>
                        html`<div class="field">
                          <label for=${`${s}-scale`}>${w.scales[s] ?? s}</label>
                          <input
                            id=${`${s}-scale`}
                            name=${`${s}-scale`}
                            type="text"
                            inputmode="decimal"
                            placeholder="1-5"
                            aria-describedby="scale-hint"
                          />
                        </div>`,
                    )}
                  </div>
                </fieldset>`
          }
          <div class="field">
            <label for="study">${w.study}</label>
            <input id="study" name="study" type="text" maxlength="200" aria-describedby="study-hint" />
            <p id="study-hint" class="muted small">
              ${w.studyHint} ${format === "fhir" ? "" : html`${w.studyArms} <code>condition</code>)`}.
              ${w.studyEmpty}
            </p>
          </div>
          <button class="primary" type="submit" ?disabled=${busy}>${busy ? w.importing : w.import}</button>
        </form>
        ${result()}
      </div>`,
      true,
    );
  }
  draw();
  return Promise.resolve();
}
