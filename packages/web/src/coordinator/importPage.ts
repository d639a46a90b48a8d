// Import (/import): a long CSV, a REDCap export with its data dictionary, or a FHIR Bundle, read in the
// browser and sent to the import routes. Imports are all or nothing; the page shows the report, and for a
// rejected file every row problem and that nothing was stored.
import { html, nothing, type TemplateResult } from "lit-html";
import { IMPORT_COLUMNS, LONG_COLUMNS, SCORE_SCALES, type ScoreScale } from "@attune/core/records";
import type { StaffContext } from "../context.ts";
import { rowProblem } from "./checks.ts";
import { call } from "./http.ts";
import type { ImportReport } from "./types.ts";
import { problemOf } from "./ui.ts";

type Format = "long-csv" | "redcap" | "fhir";
const FORMATS: [Format, string, string][] = [
  ["long-csv", "Long CSV", `one row per patient × session: ${LONG_COLUMNS.join(", ")}`],
  ["redcap", "REDCap", "a records export (CSV, raw values) and its data dictionary (CSV)"],
  [
    "fhir",
    "FHIR Bundle",
    "a JSON Bundle of QuestionnaireResponses with their patients, episodes and encounters",
  ],
];
/** How the page names each stored scale's declared-scale field. */
const SCALE_LABEL: Record<ScoreScale, string> = {
  alliance: "Alliance (both views)",
  wellbeing: "Well-being",
};

type Outcome =
  | { ok: true; file: string; report: ImportReport }
  | { ok: false; file: string; message: string; rows: { row: string; column: string; message: string }[] };

const readFile = (input: HTMLInputElement | null): Promise<{ name: string; text: string } | null> => {
  const f = input?.files?.[0];
  return f ? f.text().then((text) => ({ name: f.name, text })) : Promise.resolve(null);
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The import page. */
export function importPage(ctx: StaffContext): Promise<void> {
  let format: Format = "long-csv";
  let outcome: Outcome | null = null;
  let formError = "";
  let busy = false;
  ctx.setRefresh(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const study = String(f.get("study") ?? "").trim();
    const scale = (role: string) => String(f.get(`${role}-scale`) ?? "").trim();
    const q = (withScales: boolean) => {
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
      formError = "Choose the file to import.";
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
          throw new Error(`${main.name} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
        }
        report = await call<ImportReport>(ctx, "POST", `/api/import/fhir${q(false)}`, bundle);
      } else {
        const dict = await readFile(form.querySelector<HTMLInputElement>("#dictionary"));
        if (!dict) {
          busy = false;
          formError = "Choose the REDCap data dictionary file as well.";
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
      ctx.announce(`Imported ${report.rows} rows from ${main.name}.`);
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
        <h2 id="result-h" tabindex="-1">Imported: ${plural(o.report.rows, "row")} from ${o.file}</h2>
        <p>
          Created:
          ${
            Object.entries(o.report.created)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => (n === 1 ? `1 ${k.replace(/s$/, "")}` : `${n} ${k}`))
              .join(", ") || "nothing new (everything was already there)"
          }.
        </p>
        ${
          o.report.warnings?.length
            ? html`<div class="warn-box" data-testid="import-warnings">
                <h3>Stored, but please check</h3>
                <ul>
                  ${o.report.warnings.map((w) => html`<li>${w}</li>`)}
                </ul>
              </div>`
            : nothing
        }
      </section>`;
    return html`<section class="error-box result" role="alert" aria-labelledby="result-h">
      <h2 id="result-h" tabindex="-1">Not imported: nothing from ${o.file} was stored</h2>
      <p>
        An import is all or nothing: because of the problem${o.rows.length === 1 ? "" : "s"} below the whole
        file was refused and the database is unchanged. Correct the file and import it again.
      </p>
      <p class="small">${o.message}</p>
      ${
        o.rows.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Rejected rows">
              <table data-testid="rejected">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  ${o.rows.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${r.row || "—"}</th>
                        <td>${r.column || "—"}</td>
                        <td class="wrap">${r.message}</td>
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
      "Import",
      html`<div class="coord">
        <h1 tabindex="-1">Import data</h1>
        <p class="lead">
          Bring answers collected elsewhere (a spreadsheet, REDCap, another FHIR system) into the network. The
          file is checked row by row first: if any row has a problem, <strong>nothing</strong> is stored and
          every problem is listed with its row number. Imports never overwrite answers already stored.
        </p>
        <form class="stack-form card" @submit=${submit} novalidate>
          <fieldset class="group">
            <legend>Format</legend>
            ${FORMATS.map(
              ([k, label, hint]) =>
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
                  <label for=${`fmt-${k}`}>${label}</label>
                  <span id=${`fmt-${k}-hint`} class="muted small">— ${hint}</span>
                </div>`,
            )}
          </fieldset>
          ${formError ? html`<p class="error-box" role="alert">${formError}</p>` : nothing}
          <div class="field">
            <label for="file"
              >${format === "redcap" ? "Records file (CSV)" : format === "fhir" ? "Bundle file (JSON)" : "CSV file"}</label
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
                    <label for="dictionary">Data dictionary (CSV)</label>
                    <input id="dictionary" name="dictionary" type="file" accept=".csv,text/csv" />
                  </div>
                  <fieldset class="group">
                    <legend>Which REDCap field holds what</legend>
                    <p class="muted small">
                      Therapist, patient and session are required; leave the others empty if the export has no
                      such field. The session may be "redcap_event_name" (its first number is used).
                    </p>
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
                  <legend>Scales of the scores (optional)</legend>
                  <p class="muted small" id="scale-hint">
                    The range each score can take, as min-max: e.g. 1-7 for a 7-point item mean, 0-27 for a
                    PHQ-9 total. The dashboard puts scores on 0–100 with it, and a value outside it is
                    refused. Empty: item means on 1–5 are
                    assumed${format === "redcap" ? " (REDCap: the data dictionary's validation range)" : ""}.
                  </p>
                  <div class="map-grid">
                    ${SCORE_SCALES.map(
                      (s) =>
                        html`<div class="field">
                          <label for=${`${s}-scale`}>${SCALE_LABEL[s]}</label>
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
            <label for="study">Study name (optional)</label>
            <input id="study" name="study" type="text" maxlength="200" aria-describedby="study-hint" />
            <p id="study-hint" class="muted small">
              The study the imported episodes belong to; it is created if it does not exist
              ${format === "fhir" ? "" : html`(arms from the <code>condition</code> column)`}. Empty:
              "imported".
            </p>
          </div>
          <button class="primary" type="submit" ?disabled=${busy}>${busy ? "Importing…" : "Import"}</button>
        </form>
        ${result()}
      </div>`,
    );
  }
  draw();
  return Promise.resolve();
}
