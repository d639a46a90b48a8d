import { InputError } from "@attune/stats";
import type { DataFrame } from "./engine.ts";

/** A data row (0-based index) as a person finds it: data row n, line n + 1 of the CSV file. */
export const rowRef = (i: number): string => `row ${i + 1} (line ${i + 2} of the file)`;
import { DEFAULT_ROLES, type RoleName, type Roles } from "./roles.ts";
import { outcomeDirection, type OutcomeDirection } from "./outcomeDirection.ts";

/** The role columns of a validated long-format data set (one row per patient × session). */
export interface PrnData {
  /** The data frame the roles were read from (for extra columns such as a moderator). */
  readonly source: DataFrame;
  readonly nrow: number;
  readonly roles: Roles;
  readonly therapist: readonly string[];
  readonly patient: readonly string[];
  readonly session: Float64Array;
  /** Numeric arm codes, or category labels (null = missing). */
  readonly condition: Float64Array | ReadonlyArray<string | null>;
  readonly alliance_patient: Float64Array;
  readonly alliance_therapist: Float64Array;
  readonly outcome: Float64Array;
  /**
   * Roles whose column the data lack (only alliance_therapist, outcome and condition may be absent, and
   * only under their default names): recipes that need one say so; the others run (patient-only
   * alliance data, no outcome, one arm).
   */
  readonly absent: ReadonlySet<RoleName>;
  /** Which way the outcome is good (given, or known from the instrument the column names). */
  readonly outcomeDirection: OutcomeDirection;
}

const OPTIONAL_ROLES: readonly RoleName[] = ["alliance_therapist", "outcome", "condition"];

/**
 * Throws a clear error when a recipe needs a role the data lack.
 *
 * @example
 * requireRole(data, "alliance_therapist", "congruence");
 */
export function requireRole(data: PrnData, role: RoleName, recipe: string): void {
  if (!data.absent.has(role)) return;
  throw new InputError(
    `${recipe} needs the ${role} column ("${data.roles[role]}"), which the data do not have; the data have columns: ${data.source.names.join(", ")}` +
      (role === "outcome" ? " (choose the outcome column with --outcome)" : ""),
  );
}

const NUMERIC_ROLES = ["session", "alliance_patient", "alliance_therapist", "outcome"] as const;

function columnOf(df: DataFrame, roles: Roles, role: RoleName) {
  const name = roles[role];
  const col = df.columns.get(name);
  if (!col && OPTIONAL_ROLES.includes(role) && name === DEFAULT_ROLES[role]) {
    return role === "condition"
      ? ({ type: "categorical", values: new Array<string>(df.nrow).fill("all") } as const)
      : ({ type: "numeric", values: new Float64Array(df.nrow).fill(Number.NaN) } as const);
  }
  if (!col) {
    throw new InputError(
      `column "${name}" (role ${role}) not found; the data has columns: ${df.names.join(", ")}` +
        (role === "outcome" ? ` (choose the outcome column with --outcome)` : ""),
    );
  }
  return col;
}

function numericRole(df: DataFrame, roles: Roles, role: RoleName): Float64Array {
  const col = columnOf(df, roles, role);
  if (col.type === "numeric") return col.values;
  const i = col.values.findIndex((v) => v !== null && !Number.isFinite(Number(v)));
  throw new InputError(
    `column "${roles[role]}" (role ${role}) must be numeric, but ${rowRef(i)} has "${col.values[i] ?? ""}"`,
  );
}

function idRole(df: DataFrame, roles: Roles, role: RoleName): string[] {
  const col = columnOf(df, roles, role);
  const out: string[] = [];
  for (let i = 0; i < df.nrow; i++) {
    const v = col.type === "numeric" ? col.values[i] : col.values[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new InputError(`column "${roles[role]}" (role ${role}) is missing at ${rowRef(i)}`);
    }
    out.push(String(v));
  }
  return out;
}

/**
 * Reads and checks the role columns: every role present, numeric roles numeric, ids and session numbers
 * present, sessions positive integers, each patient with one therapist, no duplicate patient × session
 * rows, and the condition constant within each patient (it may vary within a therapist: patient-level
 * randomisation). The therapist's alliance, the outcome and the condition may be absent under their
 * default names (see `absent`). Errors name the column, row (1-based data row) and value.
 *
 * @example
 * const data = preparePrnData(df, resolveRoles({ outcome: "wellbeing" }));
 * data.patient.length === df.nrow; // true
 */
export function preparePrnData(
  df: DataFrame,
  roles: Roles,
  options: { outcomeDirection?: OutcomeDirection } = {},
): PrnData {
  const [session, alliance_patient, alliance_therapist, outcome] = NUMERIC_ROLES.map((r) =>
    numericRole(df, roles, r),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const therapist = idRole(df, roles, "therapist");
  const patient = idRole(df, roles, "patient");
  const condCol = columnOf(df, roles, "condition");
  const condition = condCol.values;
  for (let i = 0; i < df.nrow; i++) {
    const s = session[i] as number;
    if (!Number.isInteger(s) || s < 1) {
      throw new InputError(
        `column "${roles.session}" (role session) must hold 1-based session numbers, but ${rowRef(i)} has ${Number.isNaN(s) ? "a missing value" : s}`,
      );
    }
  }
  const therapistOf = new Map<string, { therapist: string; row: number }>();
  const seen = new Map<string, number>();
  const armOf = new Map<string, { arm: string; row: number }>();
  const absent = new Set(OPTIONAL_ROLES.filter((r) => !df.columns.has(roles[r])));
  for (let i = 0; i < df.nrow; i++) {
    const p = patient[i] as string;
    const t = therapist[i] as string;
    const first = therapistOf.get(p);
    if (!first) therapistOf.set(p, { therapist: t, row: i });
    else if (first.therapist !== t) {
      throw new InputError(
        `patient "${p}" is seen by two therapists: "${first.therapist}" (${rowRef(first.row)}) and "${t}" (${rowRef(i)}); each patient must belong to one therapist`,
      );
    }
    const key = `${p}\u0000${session[i]}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      throw new InputError(
        `duplicate rows for patient "${p}" session ${session[i]}: ${rowRef(dup)} and ${rowRef(i)}; the data must have one row per patient × session`,
      );
    }
    seen.set(key, i);
    const c = condition[i];
    if (c === null || c === undefined || (typeof c === "number" && Number.isNaN(c))) continue;
    const arm = String(c);
    const prev = armOf.get(p);
    if (!prev) armOf.set(p, { arm, row: i });
    else if (prev.arm !== arm) {
      throw new InputError(
        `column "${roles.condition}" (role condition) must be constant within a patient, but patient "${p}" has ${prev.arm} (${rowRef(prev.row)}) and ${arm} (${rowRef(i)})`,
      );
    }
  }
  return {
    source: df,
    nrow: df.nrow,
    roles,
    therapist,
    patient,
    session,
    condition,
    alliance_patient,
    alliance_therapist,
    outcome,
    absent,
    outcomeDirection: outcomeDirection(roles.outcome, options.outcomeDirection),
  };
}
