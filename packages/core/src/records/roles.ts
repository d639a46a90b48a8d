// Staff roles and raters: the closed lists every path in checks against.

export type StaffRole = "coordinator" | "therapist" | "researcher" | "coder";
export const STAFF_ROLES: readonly StaffRole[] = ["coordinator", "therapist", "researcher", "coder"];
export type RaterKind = "patient" | "therapist" | "observer";
export const RATER_KINDS: readonly RaterKind[] = ["patient", "therapist", "observer"];

/**
 * Checks that a staff member may be an episode's therapist (only therapists may: a coder or a
 * researcher is never one); returns a message naming the account's code and role, or undefined.
 *
 * @example
 * therapistRoleProblem({ code: "K1", role: "coder" }); // "code K1 belongs to a coder, not a therapist"
 */
export function therapistRoleProblem(user: { code: string; role: string }): string | undefined {
  return user.role === "therapist"
    ? undefined
    : `code ${user.code} belongs to a ${user.role}, not a therapist`;
}
