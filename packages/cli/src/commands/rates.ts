// `attune rates`: the network's reliable improvement, no change, deterioration and dropout rates
// (core networkRates), overall and by arm, site or any column, from a long CSV.
import type { Command } from "commander";
import { InputError } from "@attune/stats";
import { networkRates, preparePrnData, resolveRoles, type GroupRates } from "@attune/core";
import { readCsvFile } from "../io/readCsv.ts";

interface RatesFlags {
  data: string;
  therapist: string;
  patient: string;
  session: string;
  condition: string;
  outcome?: string;
  outcomeHigherIsBetter?: boolean;
  outcomeLowerIsBetter?: boolean;
  by?: string;
  endReason: string;
  reliability?: string;
  rci?: string;
  json?: boolean;
}

/**
 * Registers `attune rates`.
 *
 * @example
 * registerRates(program); // attune rates --data prn.csv --outcome phq9 --outcome-lower-is-better --by condition,site --json
 */
export function registerRates(program: Command): void {
  program
    .command("rates")
    .description(
      "reliable improvement, no change, deterioration (Jacobson-Truax) and dropout (episode end reason) rates, overall and by group",
    )
    .requiredOption("--data <file>", "CSV file, one row per patient × session")
    .option("--therapist <col>", "therapist id column", "therapist")
    .option("--patient <col>", "patient id column", "patient")
    .option("--session <col>", "1-based session number column", "session")
    .option("--condition <col>", "arm column", "condition")
    .option(
      "--outcome <col>",
      'outcome column (default "outcome"; "wellbeing" if there is no "outcome" column)',
    )
    .option("--outcome-higher-is-better", "the outcome is better when higher (default: from the instrument)")
    .option("--outcome-lower-is-better", "the outcome is better when lower, e.g. a symptom scale")
    .option("--by <cols>", "group by these columns, comma-separated (e.g. condition,site)")
    .option("--end-reason <col>", "the episode end reason column", "end_reason")
    .option("--reliability <r>", "the outcome's reliability for the Jacobson-Truax RCI [0.8]")
    .option("--rci <points>", "the reliable-change threshold in raw points (instead of computing it)")
    .option("--json", "print one JSON object", false)
    .action((flags: RatesFlags) => rates(flags));
}

function rates(flags: RatesFlags): void {
  const df = readCsvFile(flags.data);
  const outcome =
    flags.outcome ?? (!df.columns.has("outcome") && df.columns.has("wellbeing") ? "wellbeing" : "outcome");
  if (flags.outcomeHigherIsBetter && flags.outcomeLowerIsBetter)
    throw new InputError("give one of --outcome-higher-is-better and --outcome-lower-is-better, not both");
  const outcomeDirection = flags.outcomeLowerIsBetter
    ? "lower-is-better"
    : flags.outcomeHigherIsBetter
      ? "higher-is-better"
      : undefined;
  const data = preparePrnData(
    df,
    resolveRoles({
      therapist: flags.therapist,
      patient: flags.patient,
      session: flags.session,
      condition: flags.condition,
      outcome,
    }),
    { outcomeDirection },
  );
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (text.trim() === "" || !Number.isFinite(v))
      throw new InputError(`${name} must be a number, got "${text}"`);
    return v;
  };
  const reliability = number("--reliability", flags.reliability);
  const rci = number("--rci", flags.rci);
  const r = networkRates(data, {
    by: flags.by
      ? flags.by
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    endReason: flags.endReason,
    ...(reliability !== undefined && { reliability }),
    ...(rci !== undefined && { rci }),
  });
  if (flags.json) {
    process.stdout.write(JSON.stringify({ outcome, ...r }) + "\n");
    return;
  }
  const pct = (v: number | null) => (v === null ? "—" : `${(100 * v).toFixed(1)}%`);
  const line = (g: GroupRates) =>
    [
      g.group.padEnd(14),
      String(g.patients).padStart(8),
      String(g.rated).padStart(6),
      `${pct(g.improvedRate)} (${g.improved})`.padStart(15),
      `${pct(g.noChangeRate)} (${g.noChange})`.padStart(15),
      `${pct(g.deterioratedRate)} (${g.deteriorated})`.padStart(15),
      String(g.ended).padStart(6),
      `${pct(g.dropoutRate)} (${g.dropout})`.padStart(15),
    ].join(" ");
  const head = [
    "group".padEnd(14),
    "patients".padStart(8),
    "rated".padStart(6),
    "improved".padStart(15),
    "no change".padStart(15),
    "deteriorated".padStart(15),
    "ended".padStart(6),
    "dropout".padStart(15),
  ].join(" ");
  const out = [`Outcome rates: ${outcome}`, "", head, line(r.overall)];
  for (const [column, groups] of Object.entries(r.by))
    out.push("", `by ${column}`, head, ...groups.map(line));
  out.push("", ...r.notes);
  process.stdout.write(out.join("\n") + "\n");
}
