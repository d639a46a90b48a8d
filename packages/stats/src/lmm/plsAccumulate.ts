import { dot } from "../linalg/columns.ts";
import type { RandomTermDesign } from "../model/design.ts";
import type { BlockStructure } from "./structure.ts";

/** Where {@link accumulateCrossProducts} writes: PlsModel's stored cross-products (zeroed on entry). */
export interface CrossProductStore {
  readonly s: BlockStructure;
  readonly k: Int32Array;
  /** Z'Z blocks and Z_b'[X ỹ] of the sparse columns, at the factor's offsets. */
  readonly a: Float64Array;
  /** [X ỹ]'[X ỹ] (xyDim², both triangles). */
  readonly axy: Float64Array;
  /** Z'Z of the dense tail (tailDim², lower triangle read) and Z_tail'[X ỹ] (xyDim × tailDim). */
  readonly aTail: Float64Array;
  readonly aTailXy: Float64Array;
  /** Storage offset of block (row node a, column node b) of a sparse column b. */
  blockOffset(a: number, b: number): number;
}

/**
 * Accumulates the cross-products of PlsModel once per model: [X ỹ]'[X ỹ], each term's diagonal and
 * [X ỹ] blocks, and each pair of terms' off-diagonal blocks. `xy` holds the p columns of X and then
 * ỹ = y − Xγ (PlsModel.yShift).
 *
 * Term by term and pair by pair rather than row by row over all terms: each loop is short and
 * monomorphic, so V8 optimizes it at once, where the row-by-row nest over terms, pairs and block
 * entries ran its 100,000 rows largely in the interpreter (the nested 100k model's set-up). Every
 * stored entry still receives its rows' products in ascending row order, starting from zero, so the
 * sums are bit-identical to the row-by-row loop's.
 *
 * @example
 * accumulateCrossProducts(model, terms, [...x, yTilde]); // model.a, model.axy, … filled
 */
export function accumulateCrossProducts(
  store: CrossProductStore,
  terms: readonly RandomTermDesign[],
  xy: readonly Float64Array[],
): void {
  const { axy } = store;
  const xyDim = store.s.xyDim;
  const n = (xy[0] as Float64Array).length;
  for (let r = 0; r < xyDim; r++)
    for (let c = 0; c <= r; c++) {
      const v = dot(xy[r] as Float64Array, xy[c] as Float64Array, n);
      axy[r * xyDim + c] = v;
      axy[c * xyDim + r] = v;
    }
  for (let j = 0; j < terms.length; j++) {
    termBlocks(store, j, terms[j] as RandomTermDesign, xy, n);
    for (let j1 = j + 1; j1 < terms.length; j1++)
      pairBlocks(store, j, terms[j] as RandomTermDesign, j1, terms[j1] as RandomTermDesign, n);
  }
}

/** Diagonal block Z_b'Z_b and [X ỹ] block [X ỹ]'Z_b of every node b of term j. */
function termBlocks(
  store: CrossProductStore,
  j: number,
  term: RandomTermDesign,
  xy: readonly Float64Array[],
  n: number,
): void {
  const { s, a, aTail, aTailXy } = store;
  const { tailNode, tailIndex, tailDim, diagOff, xyOff, nodeIndex, xyDim } = s;
  const k = store.k[j] as number;
  const z = term.columns;
  const codes = term.codes;
  const first = s.termStart[j] as number;
  // Intercepts (k = 1: crossed designs) and intercept and slope (k = 2: the nested growth model's
  // every term) unrolled.
  const z0 = z[0] as Float64Array;
  const z1 = (k === 2 ? z[1] : z[0]) as Float64Array;
  for (let i = 0; i < n; i++) {
    const b = first + (codes[i] as number);
    const tail = b >= tailNode;
    const ib = (nodeIndex[b] as number) - tailIndex;
    const target = tail ? aTail : a;
    const ld = tail ? tailDim : k;
    const d = tail ? ib * ld + ib : (diagOff[b] as number);
    const xyTarget = tail ? aTailXy : a;
    const xo = tail ? ib : (xyOff[b] as number);
    if (k === 1) {
      const u0 = z0[i] as number;
      target[d] = (target[d] as number) + u0 * u0;
      for (let r = 0; r < xyDim; r++) {
        const o = xo + r * ld;
        xyTarget[o] = (xyTarget[o] as number) + ((xy[r] as Float64Array)[i] as number) * u0;
      }
      continue;
    }
    if (k === 2) {
      const u0 = z0[i] as number;
      const u1 = z1[i] as number;
      add2x2(target, d, ld, u0, u1, u0, u1);
      for (let r = 0; r < xyDim; r++) {
        const v = (xy[r] as Float64Array)[i] as number;
        const o = xo + r * ld;
        xyTarget[o] = (xyTarget[o] as number) + v * u0;
        xyTarget[o + 1] = (xyTarget[o + 1] as number) + v * u1;
      }
      continue;
    }
    addOuter(target, d, ld, z, k, z, k, i);
    addOuter(xyTarget, xo, ld, xy, xyDim, z, k, i);
  }
}

/**
 * Off-diagonal blocks Z_a'Z_b between the nodes b of term j2 and a of a later term j1 that share a
 * row. The block's offset is looked up once per run of rows with the same pair (sorted data: a
 * patient's sessions), not once per row.
 */
function pairBlocks(
  store: CrossProductStore,
  j2: number,
  t2: RandomTermDesign,
  j1: number,
  t1: RandomTermDesign,
  n: number,
): void {
  const { s, a, aTail } = store;
  const { tailNode, tailIndex, tailDim, nodeIndex } = s;
  const k1 = store.k[j1] as number;
  const k2 = store.k[j2] as number;
  const first1 = s.termStart[j1] as number;
  const first2 = s.termStart[j2] as number;
  const z1 = t1.columns;
  const z2 = t2.columns;
  const both1 = k1 === 1 && k2 === 1;
  const both2 = k1 === 2 && k2 === 2;
  const z10 = z1[0] as Float64Array;
  const z11 = (both2 ? z1[1] : z1[0]) as Float64Array;
  const z20 = z2[0] as Float64Array;
  const z21 = (both2 ? z2[1] : z2[0]) as Float64Array;
  let lastA = -1;
  let lastB = -1;
  let off = 0;
  for (let i = 0; i < n; i++) {
    const b = first2 + (t2.codes[i] as number);
    const na = first1 + (t1.codes[i] as number);
    const tail = b >= tailNode;
    const ld = tail ? tailDim : k2;
    if (na !== lastA || b !== lastB) {
      off = tail
        ? ((nodeIndex[na] as number) - tailIndex) * ld + (nodeIndex[b] as number) - tailIndex
        : store.blockOffset(na, b);
      lastA = na;
      lastB = b;
    }
    const target = tail ? aTail : a;
    if (both1) {
      target[off] = (target[off] as number) + (z10[i] as number) * (z20[i] as number);
      continue;
    }
    if (both2) {
      add2x2(target, off, ld, z10[i] as number, z11[i] as number, z20[i] as number, z21[i] as number);
      continue;
    }
    addOuter(target, off, ld, z1, k1, z2, k2, i);
  }
}

/** target[off + r·ld + c] += a_r[i] b_c[i] for r < ka, c < kb: one row's outer product into a block. */
function addOuter(
  target: Float64Array,
  off: number,
  ld: number,
  a: readonly Float64Array[],
  ka: number,
  b: readonly Float64Array[],
  kb: number,
  i: number,
): void {
  for (let r = 0; r < ka; r++) {
    const ar = (a[r] as Float64Array)[i] as number;
    for (let c = 0; c < kb; c++)
      target[off + r * ld + c] =
        (target[off + r * ld + c] as number) + ar * ((b[c] as Float64Array)[i] as number);
  }
}

/** The 2×2 block at off (row stride ld) += a b' for a = (a0, a1), b = (b0, b1). */
function add2x2(
  target: Float64Array,
  off: number,
  ld: number,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): void {
  target[off] = (target[off] as number) + a0 * b0;
  target[off + 1] = (target[off + 1] as number) + a0 * b1;
  target[off + ld] = (target[off + ld] as number) + a1 * b0;
  target[off + ld + 1] = (target[off + ld + 1] as number) + a1 * b1;
}
