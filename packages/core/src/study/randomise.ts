import { InputError } from "@attune/stats";
import { createRng, type Rng } from "../simulate/prng.ts";

/** Input of `randomiseTherapists`. */
export interface RandomiseInput {
  /** The therapists to allocate, each with the site that stratifies them. */
  therapists: readonly { id: string; site: string }[];
  /** Arm codes; each appears `blockSize / arms.length` times in every block. */
  arms: readonly string[];
  /** Block size, a multiple of the number of arms. */
  blockSize: number;
  /** The recorded seed (an integer 0 ≤ seed < 2^32). */
  seed: number;
}

/** One therapist's allocation. */
export interface Allocation {
  therapistId: string;
  site: string;
  arm: string;
  /** 1-based block number within the site. */
  block: number;
  /** 1-based position within the block. */
  position: number;
}

/** Name and version of the procedure, recorded with every randomisation. */
export const RANDOMISATION_ALGORITHM = "attune-stratified-permuted-blocks/1 (sfc32)";

function shuffle<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = xs[i] as T;
    xs[i] = xs[j] as T;
    xs[j] = t;
  }
  return xs;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Randomises therapists to arms in permuted blocks, stratified by site, from a seed: the same input (in
 * any order) and seed give the same allocation on every machine. Sites are taken in sorted order and
 * the therapists of a site in sorted id order; each site draws its own permuted blocks (every arm
 * `blockSize / arms.length` times) from one seeded stream (the simulator's sfc32), so within a site the
 * arms differ by at most `blockSize / arms.length` and are equal after every complete block.
 *
 * @example
 * randomiseTherapists({ therapists: [{ id: "t1", site: "A" }, { id: "t2", site: "A" }], arms: ["0", "1"], blockSize: 2, seed: 7 });
 */
export function randomiseTherapists(input: RandomiseInput): Allocation[] {
  const { arms, blockSize, seed } = input;
  if (arms.length < 2) throw new InputError("randomisation needs at least two arms");
  if (new Set(arms).size !== arms.length) throw new InputError("arm codes must be unique");
  if (!Number.isInteger(blockSize) || blockSize < arms.length || blockSize % arms.length !== 0)
    throw new InputError(
      `block size must be a positive multiple of the ${arms.length} arms, got ${blockSize}`,
    );
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new InputError(`seed must be an integer in [0, 2^32), got ${seed}`);
  const ids = new Set<string>();
  for (const t of input.therapists) {
    if (ids.has(t.id)) throw new InputError(`therapist ${t.id} is listed twice`);
    ids.add(t.id);
  }
  const rng = createRng(seed);
  const sortedArms = [...arms].sort(byText);
  const sites = [...new Set(input.therapists.map((t) => t.site))].sort(byText);
  const out: Allocation[] = [];
  for (const site of sites) {
    const members = input.therapists
      .filter((t) => t.site === site)
      .map((t) => t.id)
      .sort(byText);
    let block: string[] = [];
    let blockNo = 0;
    members.forEach((id, i) => {
      const position = i % blockSize;
      if (position === 0) {
        blockNo++;
        block = shuffle(
          Array.from({ length: blockSize }, (_, k) => sortedArms[k % sortedArms.length] as string),
          rng,
        );
      }
      out.push({
        therapistId: id,
        site,
        arm: block[position] as string,
        block: blockNo,
        position: position + 1,
      });
    });
  }
  return out;
}

/** A stored randomisation: what it was given and what the store holds as its allocations. */
export interface RecordedRandomisation {
  algorithm: string;
  input: Omit<RandomiseInput, "blockSize" | "seed">;
  blockSize: number;
  seed: number;
  /** The stored allocations: therapist id → arm code. */
  stored: ReadonlyMap<string, string>;
}

/**
 * Re-runs a recorded randomisation from its seed and input and says whether the stored allocations are
 * exactly the ones it makes (same algorithm, same therapists, same arms).
 *
 * @example
 * const again = randomiseTherapists({ therapists: [{ id: "t1", site: "A" }, { id: "t2", site: "A" }], arms: ["0", "1"], blockSize: 2, seed: 7 });
 * reproduceRandomisation({ algorithm: RANDOMISATION_ALGORITHM, input: { therapists: [{ id: "t1", site: "A" }, { id: "t2", site: "A" }], arms: ["0", "1"] },
 *   blockSize: 2, seed: 7, stored: new Map(again.map((a) => [a.therapistId, a.arm])) }).reproduced; // true
 */
export function reproduceRandomisation(r: RecordedRandomisation): {
  allocations: Allocation[];
  reproduced: boolean;
} {
  const allocations = randomiseTherapists({ ...r.input, blockSize: r.blockSize, seed: r.seed });
  const reproduced =
    r.algorithm === RANDOMISATION_ALGORITHM &&
    r.stored.size === allocations.length &&
    allocations.every((a) => r.stored.get(a.therapistId) === a.arm);
  return { allocations, reproduced };
}
