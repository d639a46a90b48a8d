// The records an import files rows under: its study, the therapists (created if new), their arms.
// Shared by the long-CSV/REDCap and FHIR Bundle imports so both follow one contract (records/ in
// @attune/core): only therapists are episodes' therapists, and a randomised study gets no new arms
// or allocations from an import.
import { armDecision, therapistRoleProblem } from "@attune/core";
import type { Db } from "../open.ts";
import type { Arm, Study, User } from "../schema.ts";
import {
  addArm,
  allocate,
  allocatedArm,
  createStudy,
  createUser,
  getStudyByName,
  getUserByCode,
  listArms,
} from "./network.ts";

/** The study an import files its episodes under, with what it needs to check arms. */
export interface ImportStudy {
  study: Study;
  /** True once the study has a recorded randomisation. */
  randomised: boolean;
  arms: Map<string, Arm>;
}

/**
 * The study named `name` in the network (created, without arms, when new).
 *
 * @example
 * const target = await importStudy(trx, networkId, "imported");
 */
export async function importStudy(db: Db, networkId: string, name: string): Promise<ImportStudy> {
  let study = await getStudyByName(db, networkId, name);
  if (!study) study = (await createStudy(db, { networkId, name, arms: [], schedule: [] })).study;
  const r = await db
    .selectFrom("randomisations")
    .select("id")
    .where("study_id", "=", study.id)
    .limit(1)
    .executeTakeFirst();
  return {
    study,
    randomised: r !== undefined,
    arms: new Map((await listArms(db, study.id)).map((a) => [a.code, a])),
  };
}

/**
 * The therapist with this code (created when new); a message when the code is another role's.
 *
 * @example
 * const t = await importTherapist(trx, networkId, "T01");
 * if (typeof t === "string") reject(t);
 */
export async function importTherapist(
  db: Db,
  networkId: string,
  code: string,
): Promise<{ user: User; created: boolean } | string> {
  const found = await getUserByCode(db, networkId, code);
  if (found) return therapistRoleProblem(found) ?? { user: found, created: false };
  const user = await createUser(db, { networkId, code, displayName: code, role: "therapist" });
  return { user, created: true };
}

/**
 * Files a therapist under the arm a row names: keeps a matching allocation, allocates (adding the
 * arm) in a study not yet randomised, and otherwise returns the message refusing the row.
 *
 * @example
 * const problem = await importAllocation(trx, target, therapist, "1");
 */
export async function importAllocation(
  db: Db,
  target: ImportStudy,
  therapist: Pick<User, "id" | "code">,
  armCode: string,
): Promise<string | undefined> {
  // A patient-level study allocates each patient at enrolment, never a therapist, never by import.
  if (target.study.allocation_level === "patient")
    return `study ${target.study.name} randomises patients at enrolment: an import does not give arms (leave the condition column empty)`;
  const current = await allocatedArm(db, target.study.id, therapist.id);
  const d = armDecision({
    randomised: target.randomised,
    arms: [...target.arms.keys()],
    current: current?.code ?? null,
    armCode,
    therapist: therapist.code,
  });
  if (d.kind === "refuse") return d.message;
  if (d.kind === "keep") return undefined;
  let arm = target.arms.get(armCode);
  if (!arm) target.arms.set(armCode, (arm = await addArm(db, target.study.id, armCode, armCode)));
  await allocate(db, target.study.id, therapist.id, arm.id);
  return undefined;
}
