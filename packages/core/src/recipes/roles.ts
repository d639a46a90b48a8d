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

export const DEFAULT_ROLES: Readonly<Roles> = {
  therapist: "therapist",
  patient: "patient",
  session: "session",
  condition: "condition",
  alliance_patient: "alliance_patient",
  alliance_therapist: "alliance_therapist",
  outcome: "outcome",
};

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
