// The columns a recipe reads, by role; the defaults are the long table's own column names.
import { KEY_COLUMNS, SCALE_ALLIANCE, scoreColumnOf, type KeyColumn } from "../records/longTable.ts";

/** The long table's key columns that are recipe roles (its `site` is a grouping column, not a role). */
const KEY_ROLES = ["therapist", "patient", "session", "condition"] as const satisfies readonly KeyColumn[];

/** The columns a recipe reads, by role. */
export interface Roles {
  /** Therapist id ["therapist"]. */
  therapist: string;
  /** Patient id ["patient"]; each patient is seen by one therapist. */
  patient: string;
  /** 1-based treatment session number ["session"]. */
  session: string;
  /** Therapist-level arm, numeric 0/1 or categorical ["condition"]. */
  condition: string;
  /** Patient-rated alliance ["alliance_patient"]. */
  alliance_patient: string;
  /** Therapist-rated alliance ["alliance_therapist"]. */
  alliance_therapist: string;
  /** Outcome, e.g. well-being ["outcome"]. */
  outcome: string;
}

export type RoleName = keyof Roles;

/** The long table's column a rater's alliance score fills (declared in records/longTable.ts). */
function allianceColumn(rater: "patient" | "therapist"): string {
  const column = scoreColumnOf(SCALE_ALLIANCE, rater);
  if (!column) throw new Error(`the long table declares no ${rater}-rated alliance column`);
  return column;
}

/**
 * Each role's default column: the long table's key columns and alliance columns under their own names
 * (records/longTable.ts), and "outcome" (the long table's outcome is one of several a recipe may take).
 */
export const DEFAULT_ROLES: Readonly<Roles> = Object.freeze({
  ...(Object.fromEntries(KEY_ROLES.filter((c) => KEY_COLUMNS.includes(c)).map((c) => [c, c])) as Record<
    (typeof KEY_ROLES)[number],
    string
  >),
  alliance_patient: allianceColumn("patient"),
  alliance_therapist: allianceColumn("therapist"),
  outcome: "outcome",
});

export const ROLE_NAMES = Object.keys(DEFAULT_ROLES) as RoleName[];

/**
 * Fills unmapped roles with their default column names.
 *
 * @example
 * resolveRoles({ outcome: "wellbeing" }).outcome; // "wellbeing"
 */
export function resolveRoles(partial: Partial<Roles> = {}): Roles {
  const out = { ...DEFAULT_ROLES };
  for (const role of ROLE_NAMES) {
    const v = partial[role];
    if (v !== undefined && v !== "") out[role] = v;
  }
  return out;
}
