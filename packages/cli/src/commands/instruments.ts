import { writeFileSync } from "node:fs";
import { readTextFile } from "../io/readText.ts";
import type { Command } from "commander";
import {
  findInstrument,
  licensedTextTemplate,
  listInstruments,
  localizeQuestionnaire,
  mergeLicensedText,
  scoreResponse,
  toQuestionnaire,
  type Instrument,
  type Questionnaire,
  type Score,
} from "@attune/core";
import { InputError } from "@attune/stats";
import { readCsvFile } from "../io/readCsv.ts";
import { outcomeText, signIn } from "../io/serverClient.ts";

/**
 * Registers `attune instruments list|show|template|import|score`: the instrument library, licensed-text
 * import into shells, and scoring of answers or CSV files through the one scoring path in @attune/core.
 *
 * @example
 * registerInstruments(new Command("attune"));
 * // attune instruments import wai-sr.en.json --out wai-sr.questionnaire.json
 */
export function registerInstruments(program: Command): void {
  const cmd = program
    .command("instruments")
    .description("instrument library: list, show as FHIR, import licensed wording, score answers");

  cmd
    .command("list")
    .description("list every instrument: rater, items, range, whether its wording is shipped, licence")
    .option("--json", "print JSON", false)
    .action((opts: { json: boolean }) => {
      const rows = listInstruments();
      if (opts.json) return print(JSON.stringify(rows, null, 2));
      const table = rows.map((r) => [
        r.id,
        r.rater,
        String(r.items),
        r.range ? `${r.range.min}–${r.range.max}` : r.subscales.length > 0 ? "subscales" : "codes",
        r.textShipped ? "yes" : "no (shell)",
        r.validated ? "yes" : "NO",
        r.licence,
      ]);
      print(formatTable(["id", "rater", "items", "range", "wording", "validated", "licence"], table));
    });

  cmd
    .command("show <id>")
    .description("print an instrument as a FHIR R4 Questionnaire (or its scoring definition)")
    .option("--lang <code>", "show the wording in this language where a translation exists")
    .option("--scoring", "print attune's scoring and licence definition instead", false)
    .action((id: string, opts: { lang?: string; scoring: boolean }) => {
      const instrument = known(id);
      if (opts.scoring) return print(JSON.stringify(instrument, null, 2));
      const q = toQuestionnaire(instrument);
      print(JSON.stringify(opts.lang ? localizeQuestionnaire(q, opts.lang) : q, null, 2));
    });

  cmd
    .command("template <id>")
    .description("print an empty licensed-text file for an instrument, to fill in from your licensed copy")
    .option("--lang <code>", "language of the wording you will fill in", "en")
    .action((id: string, opts: { lang: string }) => {
      print(JSON.stringify(licensedTextTemplate(toQuestionnaire(known(id)), opts.lang), null, 2));
    });

  cmd
    .command("import <file>")
    .description(
      "merge a licensed wording file into its shell and print the full FHIR Questionnaire, or (--server) " +
        "store it for your network on an attune server",
    )
    .option("--into <questionnaire>", "add the wording to this Questionnaire JSON (e.g. a second language)")
    .option("--out <file>", "write the Questionnaire here instead of printing it")
    .option(
      "--server <url>",
      "import into your network on this attune server (sign-in: --email or ATTUNE_EMAIL, password in ATTUNE_PASSWORD)",
    )
    .option("--email <email>", "coordinator's sign-in for --server (default ATTUNE_EMAIL)")
    .option(
      "--attest <statement>",
      "with --server: the licence your network holds (who granted it, number, date)",
    )
    .option("--replace", "with --server: start again from the shell instead of adding a language", false)
    .action(async (file: string, opts: ImportOptions) => {
      const text = readJson(file);
      if (opts.server) return uploadLicensedText(file, text, opts.server, opts);
      const shell = opts.into ? (readJson(opts.into) as Questionnaire) : shellFor(text, file);
      if (shell.resourceType !== "Questionnaire") {
        throw new InputError(
          `${opts.into}: not a FHIR Questionnaire (resourceType ${String(shell.resourceType)})`,
        );
      }
      const merged = mergeLicensedText(shell, text);
      if (!merged.ok) {
        const list = merged.issues.map((i) => `  - ${i.message}`).join("\n");
        throw new InputError(`${file} does not match the ${shell.id} shell:\n${list}`);
      }
      const json = `${JSON.stringify(merged.questionnaire, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, json);
        process.stderr.write(
          `attune: wrote ${merged.questionnaire.id} (${merged.language}) to ${opts.out}\n`,
        );
      } else {
        process.stdout.write(json);
      }
    });

  cmd
    .command("score <id>")
    .description("score answers: one JSON object of linkId → value, or a CSV file with one column per item")
    .option("--answers <json>", 'answers as JSON, e.g. \'{"phq9-1": 2, "phq9-2": null}\'')
    .option("--data <file>", "CSV file, one response per row, item linkIds as column names")
    .action((id: string, opts: { answers?: string; data?: string }) => {
      const instrument = known(id);
      if (!!opts.answers === !!opts.data) throw new InputError("give either --answers or --data");
      if (opts.answers) return print(JSON.stringify(scoreOne(instrument, opts.answers), null, 2));
      print(scoreCsv(instrument, opts.data ?? ""));
    });
}

interface ImportOptions {
  into?: string;
  out?: string;
  server?: string;
  email?: string;
  attest?: string;
  replace: boolean;
}

/** `import --server`: POST /api/instruments/{id}/licensed-text as the signed-in coordinator. */
async function uploadLicensedText(
  path: string,
  file: unknown,
  server: string,
  o: ImportOptions,
): Promise<void> {
  if (o.into || o.out)
    throw new InputError("--server stores the wording on the server; drop --into and --out");
  const email = o.email ?? process.env["ATTUNE_EMAIL"];
  const password = process.env["ATTUNE_PASSWORD"];
  if (!email) throw new InputError("--server needs the coordinator's sign-in: --email or ATTUNE_EMAIL");
  if (!password)
    throw new InputError("--server needs the password in the ATTUNE_PASSWORD environment variable");
  if (!o.attest)
    throw new InputError(
      '--server needs --attest "<the licence your network holds: who granted it, number, date>"',
    );
  const id = (file as { instrument?: unknown } | null)?.instrument;
  if (typeof id !== "string" || !/^[a-z0-9-]{1,64}$/.test(id))
    throw new InputError(
      `${path}: "instrument" must name the instrument, e.g. "wai-sr" (got ${JSON.stringify(id)})`,
    );
  const session = await signIn(server, email, password);
  const res = await session.post(`/api/instruments/${id}/licensed-text`, {
    file,
    attestation: { holdsLicence: true, statement: o.attest },
    ...(o.replace ? { replace: true } : {}),
  });
  if (res.status !== 201)
    throw new InputError(`${path} was not imported (${res.status}): ${outcomeText(res.body)}`);
  const r = res.body as {
    instrument: string;
    revision: number;
    language: string;
    languages: string[];
    items: string[];
  };
  process.stdout.write(
    `imported ${r.items.length} items of ${r.instrument} (${r.language}); your network's form now has ${r.languages.join(", ")} (revision ${r.revision})\n`,
  );
}

function known(id: string): Instrument {
  const found = findInstrument(id);
  if (!found) {
    throw new InputError(
      `unknown instrument "${id}"; known: ${listInstruments()
        .map((i) => i.id)
        .join(", ")}`,
    );
  }
  return found;
}

function shellFor(file: unknown, path: string): Questionnaire {
  const id = (file as { instrument?: unknown } | null)?.instrument;
  if (typeof id !== "string")
    throw new InputError(`${path}: "instrument" must name the instrument, e.g. "wai-sr"`);
  return toQuestionnaire(known(id));
}

function readJson(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

function scoreOne(instrument: Instrument, json: string): Score {
  let answers: unknown;
  try {
    answers = JSON.parse(json);
  } catch (err) {
    throw new InputError(`--answers: not valid JSON (${(err as Error).message})`);
  }
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    throw new InputError("--answers must be one JSON object of linkId → number or null");
  }
  const r = scoreResponse(instrument, answers as Record<string, number | null>);
  if (!r.ok)
    throw new InputError(
      `answers to ${instrument.id} refused:\n${r.issues.map((i) => `  - ${i.message}`).join("\n")}`,
    );
  return r;
}

/** Scores every row of a CSV file; unknown columns are carried through, bad answers name row and column. */
function scoreCsv(instrument: Instrument, path: string): string {
  const df = readCsvFile(path);
  const itemIds = new Set(instrument.items.map((i) => i.linkId));
  const itemCols = df.names.filter((n) => itemIds.has(n));
  if (itemCols.length === 0) {
    throw new InputError(
      `${path}: no column is an item of ${instrument.id} (expected ${[...itemIds].join(", ")})`,
    );
  }
  const carried = df.names.filter((n) => !itemIds.has(n));
  for (const name of itemCols) {
    const col = df.columns.get(name);
    if (col?.type === "categorical") {
      const row = col.values.findIndex((v) => v !== null);
      throw new InputError(
        `${path}: column "${name}", row ${row + 2}: "${col.values[row]}" is not a number`,
        {
          column: name,
          row: row + 2,
        },
      );
    }
  }
  const scaleIds = [
    ...(instrument.scoring.total ? [instrument.scoring.total.id] : []),
    ...instrument.scoring.subscales.map((s) => s.id),
  ];
  const header = [...carried, ...scaleIds.flatMap((s) => [s, `${s}_pct`]), "prorated", "reasons"];
  const lines = [header.map(csvField).join(",")];
  const problems: string[] = [];
  for (let r = 0; r < df.nrow; r++) {
    const answers: Record<string, number | null> = {};
    for (const name of itemCols) {
      const col = df.columns.get(name);
      const v = col?.type === "numeric" ? col.values[r] : undefined;
      answers[name] = v === undefined || Number.isNaN(v) ? null : v;
    }
    const score = scoreResponse(instrument, answers);
    if (!score.ok) {
      for (const i of score.issues) problems.push(`row ${r + 2}, column "${i.linkId ?? "?"}": ${i.message}`);
      continue;
    }
    const byId = new Map(score.scales.map((s) => [s.id, s]));
    const cells = carried.map((name) => {
      const col = df.columns.get(name);
      if (!col) return "";
      const v = col.values[r];
      return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v);
    });
    for (const s of scaleIds) {
      const sc = byId.get(s);
      cells.push(num(sc?.score ?? null), num(sc?.percentOfMax ?? null));
    }
    cells.push(score.prorated ? "1" : "0", score.reasons.join(" | "));
    lines.push(cells.map(csvField).join(","));
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  ... and ${problems.length - 20} more`);
    throw new InputError(`${path}: answers that ${instrument.id} cannot score:\n${shown.join("\n")}`);
  }
  return lines.join("\n");
}

function num(v: number | null): string {
  return v === null ? "" : String(Math.round(v * 1e6) / 1e6);
}

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => c.padEnd(widths[j] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
