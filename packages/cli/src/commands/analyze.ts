import { writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Command } from "commander";
import { InputError } from "@attune/stats";
import { RECIPE_NAMES, type RecipeOptions, type Roles } from "@attune/core";
import { analyseTable, reportHtml, reportMarkdown, reportText } from "@attune/report";
import { readCsvFile } from "../io/readCsv.ts";

interface AnalyzeFlags {
  data: string;
  therapist?: string;
  patient?: string;
  session?: string;
  condition?: string;
  alliancePatient?: string;
  allianceTherapist?: string;
  outcome?: string;
  by?: string;
  rater?: string;
  detrend?: boolean;
  moderator?: string;
  predictors?: string;
  time?: string;
  nextObserved?: boolean;
  betweenTherapist?: boolean;
  process2?: string;
  crossLaggedModel?: string;
  ruptures?: string;
  modality?: string;
  reliability?: string;
  rci?: string;
  plannedSessions?: string;
  formula?: string;
  family?: string;
  link?: string;
  nagq?: string;
  outcomeHigherIsBetter?: boolean;
  outcomeLowerIsBetter?: boolean;
  json?: boolean;
  report?: string;
  markdown?: string;
  rScript?: string;
}

/**
 * Registers `attune analyze <recipe>`: runs an analysis recipe (or all of them) on a long-format CSV and
 * prints lme4-like tables, the JSON contract (`--json`), an HTML/markdown report and an R script.
 *
 * @example
 * registerAnalyze(program); // attune analyze rsa --data prn.csv --outcome wellbeing --json
 */
export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description(`run an analysis recipe: ${[...RECIPE_NAMES, "all"].join(", ")}`)
    .argument("<recipe>", `one of ${[...RECIPE_NAMES, "all"].join(", ")}`)
    .requiredOption("--data <file>", "CSV file, one row per patient × session")
    .option("--therapist <col>", "therapist id column", "therapist")
    .option("--patient <col>", "patient id column", "patient")
    .option("--session <col>", "1-based session number column", "session")
    .option("--condition <col>", "therapist-level arm column (0/1 or categories)", "condition")
    .option("--alliance-patient <col>", "patient-rated alliance column", "alliance_patient")
    .option("--alliance-therapist <col>", "therapist-rated alliance column", "alliance_therapist")
    .option(
      "--outcome <col>",
      'outcome column (default "outcome"; "wellbeing" if there is no "outcome" column)',
    )
    .option("--outcome-higher-is-better", "the outcome is better when higher (default: from the instrument)")
    .option("--outcome-lower-is-better", "the outcome is better when lower, e.g. a symptom scale")
    .option("--by <variable>", "rsa: also fit each arm (only 'condition')")
    .option("--rater <rater>", "lagged/therapist-slopes: patient or therapist alliance", "patient")
    .option("--detrend", "lagged/therapist-slopes: detrend the within-patient alliance", false)
    .option(
      "--moderator <cols>",
      "therapist-slopes: a numeric therapist-level moderator; growth/lagged: therapist attributes (comma-separated) moderating the time / alliance_wp slope",
    )
    .option(
      "--predictors <cols>",
      "growth/lagged: session-, patient- or therapist-level predictors (comma-separated), split into within-patient, between-patient and between-therapist parts",
    )
    .option("--time <col>", "growth/lagged: numeric or date column as time [session − 1]")
    .option(
      "--next-observed",
      "lagged/therapist-slopes: outcome at the next observed session, not session + 1",
    )
    .option(
      "--between-therapist",
      "lagged: split the patient mean of alliance into between-patient and between-therapist parts",
    )
    .option("--process2 <col>", "cross-lagged: the second process, lagged both ways with the outcome")
    .option(
      "--cross-lagged-model <model>",
      "cross-lagged: stacked (one model, correlated random intercepts) or separate (two equations)",
      "stacked",
    )
    .option(
      "--ruptures <cols>",
      "ruptures: rupture intensity columns, comma-separated [columns named rupture*]",
    )
    .option("--modality <col>", "modality: the session modality column [modality]")
    .option("--reliability <r>", "deterioration: the outcome's reliability for the Jacobson-Truax RCI [0.8]")
    .option(
      "--rci <points>",
      "deterioration: the reliable-change threshold in raw points (instead of computing it)",
    )
    .option(
      "--planned-sessions <n>",
      "deterioration: planned number of sessions; a patient with none at or after it dropped out [largest session]",
    )
    .option(
      "--formula <formula>",
      "custom: an lme4 formula over the prepared table (therapist, patient, condition, session, time, alliance_patient, alliance_therapist, outcome, outcome_next, alliance_pm, alliance_wp, forms_missed, and the data's other columns)",
    )
    .option("--family <family>", "custom: gaussian (lmer, default), binomial or poisson (glmer)")
    .option("--link <link>", "custom: logit (default), probit or cloglog for binomial; log for poisson")
    .option("--nagq <n>", "custom: glmer's nAGQ (1 = Laplace, default; 2-25 adaptive Gauss-Hermite; 0)")
    .option("--json", "print one JSON object", false)
    .option("--report <file>", "write a report: HTML (or markdown if the name ends in .md)")
    .option("--markdown <file>", "also write the report as markdown")
    .option(
      "--r-script <file>",
      "write an R script (and <name>-models.csv beside it) reproducing every model",
    )
    .action((recipe: string, flags: AnalyzeFlags) => analyze(recipe, flags, process.argv.slice(2).join(" ")));
}

function analyze(recipe: string, flags: AnalyzeFlags, command: string): void {
  if (recipe !== "all" && !(RECIPE_NAMES as readonly string[]).includes(recipe)) {
    throw new InputError(`unknown recipe "${recipe}"; choose one of: ${[...RECIPE_NAMES, "all"].join(", ")}`);
  }
  if (flags.by !== undefined && flags.by !== "condition") {
    throw new InputError(`--by supports only "condition", got "${flags.by}"`);
  }
  if (flags.crossLaggedModel !== "stacked" && flags.crossLaggedModel !== "separate") {
    throw new InputError(
      `--cross-lagged-model must be "stacked" or "separate", got "${flags.crossLaggedModel}"`,
    );
  }
  if (flags.rater !== "patient" && flags.rater !== "therapist") {
    throw new InputError(`--rater must be "patient" or "therapist", got "${flags.rater}"`);
  }
  const df = readCsvFile(flags.data);
  const outcome =
    flags.outcome ?? (!df.columns.has("outcome") && df.columns.has("wellbeing") ? "wellbeing" : "outcome");
  const roles: Partial<Roles> = {
    therapist: flags.therapist,
    patient: flags.patient,
    session: flags.session,
    condition: flags.condition,
    alliance_patient: flags.alliancePatient,
    alliance_therapist: flags.allianceTherapist,
    outcome,
  };
  if (flags.outcomeHigherIsBetter && flags.outcomeLowerIsBetter) {
    throw new InputError("give one of --outcome-higher-is-better and --outcome-lower-is-better, not both");
  }
  const outcomeDirection = flags.outcomeLowerIsBetter
    ? "lower-is-better"
    : flags.outcomeHigherIsBetter
      ? "higher-is-better"
      : undefined;
  const options: Omit<RecipeOptions, "fit"> = {
    byCondition: flags.by === "condition",
    rater: flags.rater as "patient" | "therapist",
    detrend: flags.detrend ?? false,
    moderator: flags.moderator,
    ...(flags.moderator !== undefined && { moderators: list(flags.moderator) }),
    ...(flags.predictors !== undefined && { predictors: list(flags.predictors) }),
    ...(flags.time !== undefined && { time: flags.time }),
    ...(flags.nextObserved && { nextObserved: true }),
    ...(flags.betweenTherapist && { betweenTherapist: true }),
    ...(flags.process2 !== undefined && { process2: flags.process2 }),
    crossLaggedModel: flags.crossLaggedModel,
    ...(flags.ruptures !== undefined && {
      ruptureColumns: list(flags.ruptures),
    }),
    ...(flags.modality !== undefined && { modality: flags.modality }),
    ...(flags.reliability !== undefined && { reliability: numberFlag("--reliability", flags.reliability) }),
    ...(flags.rci !== undefined && { rci: numberFlag("--rci", flags.rci) }),
    ...(flags.plannedSessions !== undefined && {
      plannedSessions: numberFlag("--planned-sessions", flags.plannedSessions),
    }),
    ...(flags.formula !== undefined && { formula: flags.formula }),
    ...(flags.family !== undefined && { family: flags.family as RecipeOptions["family"] }),
    ...(flags.link !== undefined && { link: flags.link }),
    ...(flags.nagq !== undefined && { nAGQ: numberFlag("--nagq", flags.nagq) }),
  };
  const customOnly = ["formula", "family", "link", "nagq"].filter(
    (k) => flags[k as keyof AnalyzeFlags] !== undefined,
  );
  if (customOnly.length && recipe !== "custom")
    throw new InputError(`--${customOnly[0]} is an option of the custom recipe, not of ${recipe}`);
  const analysis = analyseTable(df, { recipe, roles, outcomeDirection, options });
  const report = analysis.report({
    title: recipe === "all" ? "attune analysis" : `attune analysis: ${recipe}`,
    subtitle: `${basename(flags.data)} — attune ${command}`,
  });
  if (flags.report) {
    writeFileSync(flags.report, flags.report.endsWith(".md") ? reportMarkdown(report) : reportHtml(report));
  }
  if (flags.markdown) writeFileSync(flags.markdown, reportMarkdown(report));
  if (flags.rScript) {
    const base = basename(flags.rScript, extname(flags.rScript));
    const csvName = `${base}-models.csv`;
    const { script, csv } = analysis.rScript({ csvName, command: `attune ${command}` });
    writeFileSync(flags.rScript, script);
    writeFileSync(join(dirname(flags.rScript), csvName), csv);
  }
  process.stdout.write(flags.json ? JSON.stringify(analysis.contract(true)) + "\n" : reportText(report));
}

function numberFlag(name: string, text: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v))
    throw new InputError(`${name} must be a number, got "${text}"`);
  return v;
}

function list(v: string): string[] {
  return v
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
}
