// Patient-level randomisation: each patient is allocated at enrolment, taking the next place in their
// site's sequence of permuted blocks. The sequence of a site follows from the recorded seed and the site
// alone, so any allocation can be re-derived from (seed, block size, arms, site, place) — whenever the
// patient enrolled and whatever other sites did meanwhile.
import { InputError } from "@attune/stats";
import { createRng } from "../simulate/prng.ts";

/** Name and version of the procedure, recorded with every patient-level randomisation. */
export const PATIENT_RANDOMISATION_ALGORITHM = "attune-patient-permuted-blocks/1 (sfc32, strata by site)";

/** The sequence's parameters, as recorded when the first patient is allocated. */
export interface PatientSequence {
  /** Arm codes; each appears `blockSize / arms.length` times in every block. */
  arms: readonly string[];
  blockSize: number;
  /** The recorded seed (an integer 0 ≤ seed < 2^32). */
  seed: number;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a of a site's name: the site's own stream is seeded with seed XOR this. */
function siteHash(site: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    h ^= site.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Checks a sequence's parameters; throws an InputError naming the bad one.
 *
 * @example
 * checkSequence({ arms: ["0", "1"], blockSize: 4, seed: 7 }); // fine
 */
export function checkSequence(s: PatientSequence): void {
  if (s.arms.length < 2) throw new InputError("patient-level randomisation needs at least two arms");
  if (new Set(s.arms).size !== s.arms.length) throw new InputError("arm codes must be unique");
  if (!Number.isInteger(s.blockSize) || s.blockSize < s.arms.length || s.blockSize % s.arms.length !== 0)
    throw new InputError(
      `block size must be a positive multiple of the ${s.arms.length} arms, got ${s.blockSize}`,
    );
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed >= 2 ** 32)
    throw new InputError(`seed must be an integer in [0, 2^32), got ${s.seed}`);
}

/**
 * The arm at a 1-based place of a site's sequence: permuted blocks (every arm `blockSize / arms.length`
 * times per block) drawn from the site's own seeded stream (sfc32).
 *
 * @example
 * patientArmAt({ arms: ["0", "1"], blockSize: 2, seed: 7 }, "Site A", 1); // "0" or "1", the same everywhere
 */
export function patientArmAt(s: PatientSequence, site: string, place: number): string {
  checkSequence(s);
  if (!Number.isInteger(place) || place < 1)
    throw new InputError(`place must be a whole number ≥ 1, got ${place}`);
  return siteSequence(s, site, place)[place - 1]!;
}

/**
 * The first `length` arms of a site's sequence.
 *
 * @example
 * siteSequence({ arms: ["a", "b"], blockSize: 4, seed: 1 }, "S", 4).sort(); // ["a", "a", "b", "b"]
 */
export function siteSequence(s: PatientSequence, site: string, length: number): string[] {
  const rng = createRng((s.seed ^ siteHash(site)) >>> 0);
  const arms = [...s.arms].sort(byText);
  const out: string[] = [];
  while (out.length < length) {
    const block = Array.from({ length: s.blockSize }, (_, k) => arms[k % arms.length]!);
    for (let i = block.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = block[i]!;
      block[i] = block[j]!;
      block[j] = t;
    }
    out.push(...block);
  }
  return out.slice(0, length);
}

/**
 * Re-derives stored patient allocations from the sequence and says whether every one is the arm at its
 * place in its site's sequence, and no place is used twice.
 *
 * @example
 * reproducePatientAllocations({ arms: ["0", "1"], blockSize: 2, seed: 7 }, [{ site: "A", place: 1, arm: patientArmAt({ arms: ["0", "1"], blockSize: 2, seed: 7 }, "A", 1) }]);
 * // true
 */
export function reproducePatientAllocations(
  s: PatientSequence,
  stored: readonly { site: string; place: number; arm: string }[],
): boolean {
  const bySite = new Map<string, { place: number; arm: string }[]>();
  for (const a of stored) bySite.set(a.site, [...(bySite.get(a.site) ?? []), a]);
  for (const [site, list] of bySite) {
    const seq = siteSequence(s, site, Math.max(...list.map((a) => a.place)));
    if (new Set(list.map((a) => a.place)).size !== list.length) return false;
    if (!list.every((a) => seq[a.place - 1] === a.arm)) return false;
  }
  return true;
}
