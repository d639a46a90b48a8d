// Per-column facts of the block structure that PlsModel's kernels read, computed once per model.
// Each is a function of its own rather than a loop in PlsModel's constructor: V8 compiles a hot loop
// of a function called once by on-stack replacement of the whole function, once per such loop.
import type { BlockStructure } from "./structure.ts";

/**
 * 1 (2) for a sparse column whose blocks are all 1×1 (2×2), eliminated by an unrolled path; else 0.
 *
 * @example
 * columnKinds(s)[0]; // 2 for a patient's intercept-and-slope column within its therapist
 */
export function columnKinds(s: BlockStructure): Uint8Array {
  const kind = new Uint8Array(s.tailNode);
  for (let b = 0; b < s.tailNode; b++) {
    const kb = s.nodeSize[b] as number;
    let same = kb <= 2;
    for (let e = s.patStart[b] as number; e < (s.patStart[b + 1] as number); e++)
      if (s.nodeSize[s.patRow[e] as number] !== kb) same = false;
    kind[b] = same ? kb : 0;
  }
  return kind;
}

/**
 * For every pattern entry, the scalar column in the dense tail of its row node (−1 for a sparse row).
 *
 * @example
 * tailColumns(s); // Int32Array, one entry per pattern block
 */
export function tailColumns(s: BlockStructure): Int32Array {
  const out = new Int32Array(s.patRow.length);
  for (let e = 0; e < out.length; e++) {
    const a = s.patRow[e] as number;
    out[e] = a < s.tailNode ? -1 : (s.nodeIndex[a] as number) - s.tailIndex;
  }
  return out;
}

/**
 * For every sparse column, its first pattern entry in the tail (patterns ascend: the tail rows are a suffix).
 *
 * @example
 * tailStarts(s)[b]; // = patStart[b + 1] when column b has no tail rows
 */
export function tailStarts(s: BlockStructure): Int32Array {
  const out = new Int32Array(s.tailNode);
  for (let b = 0; b < s.tailNode; b++) {
    let e = s.patStart[b] as number;
    while (e < (s.patStart[b + 1] as number) && (s.patRow[e] as number) < s.tailNode) e++;
    out[b] = e;
  }
  return out;
}

/**
 * Estimated multiply-adds of one factorization: the sparse block updates plus the dense tail.
 *
 * @example
 * factorWork(s); // ≈ 1e6 for the 100k-session nested growth model
 */
export function factorWork(s: BlockStructure): number {
  const qT = s.tailDim;
  const xyDim = s.xyDim;
  let work = (qT * qT * qT) / 6 + qT * xyDim * xyDim;
  for (let b = 0; b < s.tailNode; b++) {
    const kb = s.nodeSize[b] as number;
    const m = (s.patStart[b + 1] as number) - (s.patStart[b] as number);
    work += kb * kb * kb * (((m + 1) * (m + 2)) / 2) + kb * kb * xyDim * (m + 1);
  }
  return work;
}
