import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "@attune/stats";
import { prnToCsv, simulatePrn, type SimulateOptions } from "@attune/core";

interface SimulateFlags {
  therapists: string;
  patientsPerTherapist: string;
  sessions: string;
  seed: string;
  trainedShare?: string;
  missing?: string;
  dropout?: string;
  endReasons?: boolean;
  bias?: string;
  force?: string;
  withinForce?: string;
  patients?: string;
  patientLevelArms?: boolean;
  a1?: string;
  a3?: string;
  a4?: string;
  between?: string;
  ruptureRate?: string;
  deteriorationRate?: string;
  outcomeName?: string;
  sessionNumbers?: string;
  armGrowth?: string;
  attribute?: string;
  attributeGrowth?: string;
  attributeSlope?: string;
  experience?: boolean;
  process2?: string;
  modality?: boolean;
  ruptureCodes?: boolean;
  out?: string;
}

function num(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new InputError(`--${flag} must be a number, got "${v}"`);
  return n;
}

function pair(flag: string, v: string): [number, number] {
  const parts = v.split(",");
  if (parts.length !== 2) throw new InputError(`--${flag} needs two numbers "control,trained", got "${v}"`);
  return [num(flag, parts[0] as string), num(flag, parts[1] as string)];
}

/**
 * Registers `attune simulate`: writes a simulated practice research network as CSV (stdout or --out).
 *
 * @example
 * registerSimulate(program); // attune simulate --therapists 40 --patients-per-therapist 3 --sessions 6 --seed 1
 */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("simulate a practice research network (patient and therapist alliance, well-being) as CSV")
    .option("--therapists <n>", "number of therapists", "40")
    .option("--patients-per-therapist <n>", "patients per therapist", "3")
    .option("--sessions <n>", "sessions per patient (before dropout)", "6")
    .option("--seed <n>", "PRNG seed", "1")
    .option("--trained-share <p>", "share of therapists in the trained arm (condition 1) [0.5]")
    .option("--missing <p>", "probability that a rating is missing [0.03]")
    .option("--dropout <p>", "per-session dropout hazard after session 2 [0.04]")
    .option("--end-reasons", "add each episode's end_reason (dropout when stopped early, else completed)")
    .option("--bias <c,t>", "directional bias, control and trained arm [-0.3,-0.25]")
    .option("--force <c,t>", "truth force, control and trained arm [0.3,0.6]")
    .option("--within-force <c,t>", "within-dyad (temporal) truth force per arm [= --force]")
    .option("--patients <n>", "total patients, spread over the therapists (e.g. 117 over 40)")
    .option("--patient-level-arms", "randomise each therapist's patients to the arms")
    .option("--a1 <v>", "surface slope along the line of congruence [0.2]")
    .option("--a3 <v>", "surface slope along the line of incongruence [-0.1]")
    .option("--a4 <v>", "surface curvature along the line of incongruence [-0.2]")
    .option("--between <v>", "extra between-patient alliance effect on well-being [0.15]")
    .option("--rupture-rate <p>", "probability of a rupture per session [0.06]")
    .option(
      "--deterioration-rate <p>",
      "share of patients whose well-being declines 0.15 per session (reliable deterioration) [0]",
    )
    .option("--outcome-name <col>", "name of the well-being column [wellbeing]")
    .option("--session-numbers <list>", "sessions the study measured, e.g. 3,12,20,40 [1..--sessions]")
    .option("--arm-growth <v>", "extra patient-rated alliance growth per session in the trained arm [0]")
    .option("--attribute <name>", "add a therapist attribute column (e.g. years), one value per therapist")
    .option("--attribute-growth <v>", "change of alliance growth per unit of the attribute [0.004]")
    .option(
      "--attribute-slope <v>",
      "change of the within-patient alliance → well-being slope per unit [0.02]",
    )
    .option("--experience", "add the therapist's in-session experience per session (column experience)")
    .option("--process2 <name>", "add a second process (e.g. confidence) lagged both ways with well-being")
    .option("--modality", "add session modality (in person / video / phone)")
    .option(
      "--rupture-codes",
      "add observer-coded rupture intensity (rupture_withdrawal_intensity, rupture_confrontation_intensity)",
    )
    .option("--out <file>", "write to a file instead of stdout")
    .action((f: SimulateFlags) => {
      const wellbeing: NonNullable<SimulateOptions["wellbeing"]> = {};
      if (f.a1 !== undefined) wellbeing.a1 = num("a1", f.a1);
      if (f.a3 !== undefined) wellbeing.a3 = num("a3", f.a3);
      if (f.a4 !== undefined) wellbeing.a4 = num("a4", f.a4);
      if (f.between !== undefined) wellbeing.between = num("between", f.between);
      const judgment: NonNullable<SimulateOptions["judgment"]> = {};
      if (f.bias !== undefined) judgment.bias = pair("bias", f.bias);
      if (f.force !== undefined) judgment.force = pair("force", f.force);
      if (f.withinForce !== undefined) judgment.withinForce = pair("within-force", f.withinForce);
      const options: SimulateOptions = {
        therapists: num("therapists", f.therapists),
        patientsPerTherapist: num("patients-per-therapist", f.patientsPerTherapist),
        sessions: num("sessions", f.sessions),
        seed: num("seed", f.seed),
        wellbeing,
        judgment,
        ...(f.trainedShare !== undefined && { trainedShare: num("trained-share", f.trainedShare) }),
        ...(f.missing !== undefined && { missingRate: num("missing", f.missing) }),
        ...(f.dropout !== undefined && { dropout: num("dropout", f.dropout) }),
        ...(f.endReasons && { endReasons: true }),
        ...(f.ruptureRate !== undefined && { ruptures: { rate: num("rupture-rate", f.ruptureRate) } }),
        ...(f.deteriorationRate !== undefined && {
          deterioration: { rate: num("deterioration-rate", f.deteriorationRate) },
        }),
        ...(f.outcomeName !== undefined && { outcomeName: f.outcomeName }),
        ...(f.patients !== undefined && { patients: num("patients", f.patients) }),
        ...(f.patientLevelArms && { patientLevelArms: true }),
        ...(f.sessionNumbers !== undefined && {
          sessionNumbers: f.sessionNumbers.split(",").map((v) => num("session-numbers", v)),
        }),
        ...(f.armGrowth !== undefined && { armGrowth: num("arm-growth", f.armGrowth) }),
        ...((f.attribute ?? f.attributeGrowth ?? f.attributeSlope) !== undefined && {
          therapistAttribute: {
            ...(f.attribute !== undefined && { name: f.attribute }),
            ...(f.attributeGrowth !== undefined && { growth: num("attribute-growth", f.attributeGrowth) }),
            ...(f.attributeSlope !== undefined && { slope: num("attribute-slope", f.attributeSlope) }),
          },
        }),
        ...(f.experience && { experience: {} }),
        ...(f.process2 !== undefined && { process2: { name: f.process2 } }),
        ...(f.modality && { modality: {} }),
        ...(f.ruptureCodes && { ruptureCodes: {} }),
      };
      const sim = simulatePrn(options);
      const csv = prnToCsv(sim.rows, sim.options.outcomeName);
      if (f.out) writeFileSync(f.out, csv);
      else process.stdout.write(csv);
    });
}
