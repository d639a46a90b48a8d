// `attune feedback`: replays the alert rules on a network's long CSV (the same core code the server runs).
import type { Command } from "commander";
import { parse } from "csv-parse/sync";
import { InputError } from "@attune/stats";
import {
  declaredScale,
  parseDeclaredRange,
  replayFeedback,
  replayHistories,
  type ReplayResult,
} from "@attune/core";
import { readTextFile } from "../io/readText.ts";

interface FeedbackFlags {
  data: string;
  allianceScale: string;
  therapistAllianceScale: string;
  outcomeScale: string;
  outcomeHigherIsBetter?: boolean;
  outcomeLowerIsBetter?: boolean;
  budget?: string;
  ruptureStatistic?: string;
  json?: boolean;
}

/**
 * Registers `attune feedback`: calibrates the alerts on the file's network and replays them.
 *
 * @example
 * registerFeedback(program); // attune feedback --data sessions.csv --alliance-scale 1-7 ... --json
 */
export function registerFeedback(program: Command): void {
  program
    .command("feedback")
    .description("replay the alert rules (rupture, not on track, incongruence) on a long CSV of sessions")
    .requiredOption(
      "--data <file>",
      "CSV: therapist,patient,session,alliance_patient,alliance_therapist,outcome",
    )
    .requiredOption("--alliance-scale <min-max>", "item scale of the patient's alliance form, e.g. 1-7")
    .requiredOption("--therapist-alliance-scale <min-max>", "item scale of the therapist's alliance form")
    .requiredOption("--outcome-scale <min-max>", "item scale of the outcome form")
    .option("--outcome-higher-is-better", "higher outcome = better (well-being; the default)")
    .option("--outcome-lower-is-better", "lower outcome = better (symptom scales)")
    .option("--budget <n>", "false rupture alerts the network accepts per 100 sessions", "5")
    .option(
      "--rupture-statistic <mean|items>",
      "rupture statistic: the form's mean (default) or the item answers' ordinal model (needs alliance_patient_item* columns)",
      "mean",
    )
    .option("--json", "print one JSON object", false)
    .action((flags: FeedbackFlags) => runFeedback(flags));
}

function runFeedback(flags: FeedbackFlags): void {
  if (flags.outcomeHigherIsBetter && flags.outcomeLowerIsBetter) {
    throw new InputError("give --outcome-higher-is-better or --outcome-lower-is-better, not both");
  }
  const budget = Number(flags.budget);
  if (!(budget > 0 && budget < 50)) {
    throw new InputError(
      `--budget: "${flags.budget}" is not a number of alerts per 100 sessions between 0 and 50`,
    );
  }
  const statistic = flags.ruptureStatistic ?? "mean";
  if (statistic !== "mean" && statistic !== "items") {
    throw new InputError(`--rupture-statistic: "${statistic}" is neither "mean" nor "items"`);
  }
  const ap = parseDeclaredRange(flags.allianceScale, "--alliance-scale");
  const at = parseDeclaredRange(flags.therapistAllianceScale, "--therapist-alliance-scale");
  const out = parseDeclaredRange(flags.outcomeScale, "--outcome-scale");
  const text = readTextFile(flags.data, "data file");
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new InputError(`${flags.data}: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError(`${flags.data}: empty file (a header row is needed)`);
  const dyads = replayHistories(header, rows, {
    alliance_patient: { ...ap, from: "--alliance-scale" },
    alliance_therapist: { ...at, from: "--therapist-alliance-scale" },
    outcome: { ...out, from: "--outcome-scale" },
  });
  const result = replayFeedback(
    dyads,
    {
      patientAlliance: declaredScale("alliance_patient", ap.min, ap.max, true),
      therapistAlliance: declaredScale("alliance_therapist", at.min, at.max, true),
      outcome: declaredScale("outcome", out.min, out.max, !flags.outcomeLowerIsBetter),
    },
    { falseRupturesPer100Sessions: budget, ruptureStatistic: statistic },
  );
  process.stdout.write(flags.json ? JSON.stringify(result) + "\n" : feedbackText(result));
}

/**
 * The replay as tables a person reads: the calibration, then one table of alerts per therapist.
 *
 * @example
 * feedbackText(replayFeedback(dyads, scales));
 */
export function feedbackText(r: ReplayResult): string {
  const c = r.calibration;
  const lines: string[] = [];
  lines.push(
    `Calibration on ${c.sessions} sessions of ${c.patients} patients and ${c.therapists} therapists (${c.therapistWeeks} therapist-weeks)`,
    `  rupture (${c.rupture.status}): z ≥ ${c.rupture.zThreshold} (probability of a true fall ≥ ${c.rupture.probabilityBar}), budget ${c.budget.falseRupturesPer100Sessions} false alerts / 100 sessions`,
    `  noise of the patient's alliance by recent level (0–100): ${c.rupture.noiseByLevel.map((b) => `≤${b.upTo}: ${b.sd}`).join(", ")}`,
    `  not on track (${c.notOnTrack.status}): ${c.notOnTrack.persistence} sessions below mean − ${c.notOnTrack.z}·SD of the expected band (${c.notOnTrack.model.source} model), target ${Math.round(c.notOnTrack.episodeFpr * 100)}% of on-course patients per ${c.notOnTrack.episodeLength}-session episode${c.notOnTrack.shortEpisodes ? " (short treatments' target)" : ""}, band centred on the network's median course`,
    `  implied: ${c.implied.rupturePer100Sessions} rupture, ${c.implied.notOnTrackPer100Sessions} not-on-track, ${c.implied.incongruencePer100Sessions} incongruence alerts / 100 sessions; ${c.implied.warningsPerTherapistWeek} warnings per therapist-week`,
    "",
  );
  const by = new Map<string, ReplayResult["alerts"]>();
  for (const a of r.alerts) by.set(a.therapist, [...(by.get(a.therapist) ?? []), a]);
  if (by.size === 0) lines.push("No alerts.");
  for (const [therapist, list] of by) {
    lines.push(`Therapist ${therapist}: ${list.length} alert${list.length === 1 ? "" : "s"}`);
    const rows = list.map((a) => [
      a.patient,
      String(a.session),
      a.date ?? "",
      a.kind,
      a.severity,
      a.clearedSession !== undefined ? `cleared at session ${a.clearedSession}` : "",
      a.message,
    ]);
    const head = ["patient", "session", "date", "kind", "severity", "status", "why"];
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((x) => (x[i] as string).length)));
    const fmt = (x: string[]) =>
      "  " +
      x
        .map((v, i) => (i === x.length - 1 ? v : v.padEnd(width[i] as number)))
        .join("  ")
        .trimEnd();
    lines.push(fmt(head), ...rows.map(fmt), "");
  }
  return lines.join("\n") + "\n";
}
