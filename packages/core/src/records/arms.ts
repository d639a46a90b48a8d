// Arms of a study: once a study is randomised, its arms and allocations come only from the
// randomisation (or the coordinator by hand); an import never adds to them.

/** What an import may do with a therapist's arm in a study. */
export type ArmDecision =
  { kind: "keep" } | { kind: "allocate"; newArm: boolean } | { kind: "refuse"; message: string };

/**
 * Decides what an import does with a row naming `armCode` for a therapist: keep the allocation,
 * allocate (and maybe add the arm), or refuse with a message.
 *
 * @example
 * armDecision({ randomised: true, arms: ["0", "1"], current: null, armCode: "1", therapist: "T9" });
 * // { kind: "refuse", message: "study is randomised: therapist T9 has no allocation ..." }
 */
export function armDecision(s: {
  randomised: boolean;
  arms: readonly string[];
  current: string | null;
  armCode: string;
  therapist: string;
}): ArmDecision {
  if (s.current !== null)
    return s.current === s.armCode
      ? { kind: "keep" }
      : { kind: "refuse", message: `therapist ${s.therapist} is already allocated to arm ${s.current}` };
  const known = s.arms.includes(s.armCode);
  if (s.randomised)
    return {
      kind: "refuse",
      message: known
        ? `the study is randomised: therapist ${s.therapist} has no allocation, and an import does not allocate (randomise or allocate first)`
        : `the study is randomised: arm ${s.armCode} is not one of its arms (${s.arms.join(", ")}), and an import does not add arms`,
    };
  return { kind: "allocate", newArm: !known };
}
