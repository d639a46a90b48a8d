// What the analysis worker computes: a run's models fitted on its tidy CSV and the outputs that need the
// fitted models (the recipes' JSON + derived numbers, the HTML report and its figures, the R script and its
// model CSV).
// Jobs and outputs are plain data so they cross the thread boundary as they are.
import { createHash } from "node:crypto";
import { analyseTable, reportHtml } from "@attune/report";
import { dataFrameFromRows } from "@attune/stats";
import { fitItemRupture, type DyadHistory } from "@attune/core";
import type { Selection } from "@attune/api";
import { ApiError } from "../errors.ts";
import { parseCsv } from "../io/csv.ts";
import { derivedOf } from "./derived.ts";

/** The options a run records (its selection's `options`). */
export type RunOptions = Selection["options"];

interface JobBase {
  /** The run's tidy long CSV, as recorded (less redacted rows). */
  csv: string;
  recipe: string;
  options: RunOptions;
}

/** One piece of work for the analysis worker. */
export type AnalysisJob =
  | (JobBase & { kind: "results" })
  | (JobBase & { kind: "report"; title: string; subtitle: string })
  | (JobBase & { kind: "figures"; /** Language of the words inside the figures [en]. */ lang?: "en" | "fr" })
  | (JobBase & { kind: "rScript"; csvName: string; command: string; notes?: string[] })
  /** A network's item-level rupture rule (dashboard/itemCalibration.ts): seconds to minutes of fitting. */
  | { kind: "itemRupture"; dyads: DyadHistory[]; itemScale: { min: number; max: number } };

/** What a job gives back: strings only. */
export type AnalysisOutput =
  | { kind: "results"; /** JSON: the recipes' contract plus `derived`. */ json: string }
  | { kind: "report"; html: string }
  | { kind: "figures"; /** The report's figures (packages/report Figure[]), as JSON. */ json: string }
  | { kind: "rScript"; script: string; csv: string }
  | {
      kind: "itemRupture";
      /** JSON: core's ItemRuptureFit, or null when the network is too small. */ json: string;
    };

/** The output of a job kind. */
export type OutputOf<K extends AnalysisJob["kind"]> = Extract<AnalysisOutput, { kind: K }>;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The last few fits, so a run's report, R script and model data do not refit every model each time. */
const recent = new Map<string, ReturnType<typeof fitNow>>();

function fit(csv: string, recipe: string, options: RunOptions) {
  const key = `${sha256(csv)} ${recipe} ${JSON.stringify(options)}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const out = fitNow(csv, recipe, options);
  recent.set(key, out);
  if (recent.size > 8) recent.delete(recent.keys().next().value as string);
  return out;
}

/** The recipes of a run, on the tidy CSV it recorded (deterministic: the same numbers every time). */
function fitNow(csv: string, recipe: string, options: RunOptions) {
  const { table } = parseCsv(csv, "run data");
  if (!table) throw new ApiError("internal", "the run's data cannot be read");
  const df = dataFrameFromRows(
    table.header,
    table.records.map((r) => r.cells),
  );
  // The outcome's direction follows from its name (core's LONG_MEASURES: phq9 is better low).
  return analyseTable(df, { recipe, roles: { outcome: options.outcome ?? "wellbeing" }, options });
}

/**
 * Does one job on this thread (the worker calls it; so can a test).
 *
 * @example
 * const out = computeAnalysis({ kind: "results", csv, recipe: "all", options });
 * JSON.parse(out.json).derived; // per-model intervals and headline quantities
 */
export function computeAnalysis<K extends AnalysisJob["kind"]>(
  job: Extract<AnalysisJob, { kind: K }>,
): OutputOf<K> {
  const j: AnalysisJob = job;
  if (j.kind === "itemRupture")
    return { kind: "itemRupture", json: JSON.stringify(fitItemRupture(j.dyads, j.itemScale)) } as OutputOf<K>;
  const analysis = fit(j.csv, j.recipe, j.options);
  // A generic parameter does not narrow, hence the plain union inside and the casts on the way out.
  switch (j.kind) {
    case "results": {
      // The contract with the outcome analysed and its direction, plus what the researcher's page shows.
      const json = JSON.stringify({ ...analysis.contract(true), derived: derivedOf(analysis.results) });
      return { kind: "results", json } as OutputOf<K>;
    }
    case "report": {
      const report = analysis.report({ title: j.title, subtitle: j.subtitle });
      return { kind: "report", html: reportHtml(report) } as OutputOf<K>;
    }
    case "figures": {
      // The report's own figures, in its order: the run page shows exactly what the download draws.
      const report = analysis.report({ title: "", subtitle: "", ...(j.lang ? { figureLang: j.lang } : {}) });
      const figures = report.sections.flatMap((s) =>
        s.blocks.flatMap((b) => (b.kind === "figures" ? b.figures : [])),
      );
      return { kind: "figures", json: JSON.stringify(figures) } as OutputOf<K>;
    }
    case "rScript": {
      const { script, csv } = analysis.rScript({
        csvName: j.csvName,
        command: j.command,
        ...(j.notes ? { notes: j.notes } : {}),
      });
      return { kind: "rScript", script, csv } as OutputOf<K>;
    }
  }
  throw new Error(`unknown analysis job ${(j as { kind: string }).kind}`);
}
