import type { BlockStructure } from "./structure.ts";

/**
 * Diagonal blocks of (Λ'Z'ZΛ + I)⁻¹ = (LL')⁻¹ for every node (k×k each, packed node after node),
 * from the factor of {@link PlsModel}: `l` (sparse block columns) and `lTail` (the dense tail).
 *
 * With W = L_T⁻¹ (the dense tail's inverse, formed once): a tail node's block is W_{·b}'W_{·b}, since
 * the tail block of (LL')⁻¹ is (L_T L_T')⁻¹. A sparse node b solves L w = e_b along its path in the
 * elimination tree up to the tail, then w_T = −W (L_T· w) for the tail part; the block is w'w.
 *
 * @example
 * const inv = inverseDiagonalBlocks(model.s, model.l, model.lTail, 2);
 */
export function inverseDiagonalBlocks(
  s: BlockStructure,
  l: Float64Array,
  lTail: Float64Array,
  kmax: number,
): Float64Array {
  const out = new Float64Array(Array.from(s.nodeSize).reduce((acc, k) => acc + k * k, 0));
  const qT = s.tailDim;
  const F = s.tailNode;
  const winv = invertLowerDense(lTail, qT);
  const w = new Float64Array(s.q * kmax);
  // Tail right-hand side v_T (qT × kb) and its solution z = W v_T; touched rows of v_T listed.
  const vT = new Float64Array(qT * kmax);
  const z = new Float64Array(qT * kmax);
  const touched = new Int32Array(qT);
  const mark = new Int32Array(qT).fill(-1);
  const path: number[] = [];
  let outOff = 0;
  for (let b = 0; b < F; b++) {
    const kb = s.nodeSize[b] as number;
    path.length = 0;
    for (let a = b; a >= 0 && a < F; a = s.parent[a] as number) path.push(a);
    for (const a of path)
      w.fill(
        0,
        (s.nodeIndex[a] as number) * kb,
        ((s.nodeIndex[a] as number) + (s.nodeSize[a] as number)) * kb,
      );
    let nTouched = 0;
    const wb = (s.nodeIndex[b] as number) * kb;
    for (let r = 0; r < kb; r++) w[wb + r * kb + r] = 1;
    for (const c of path) {
      const kc = s.nodeSize[c] as number;
      const wc = (s.nodeIndex[c] as number) * kb;
      const d = s.diagOff[c] as number;
      // W_c ← L_cc⁻¹ W_c (W_c is kc × kb).
      for (let col = 0; col < kb; col++) {
        for (let r = 0; r < kc; r++) {
          let v = w[wc + r * kb + col] as number;
          for (let m = 0; m < r; m++) v -= (l[d + r * kc + m] as number) * (w[wc + m * kb + col] as number);
          w[wc + r * kb + col] = v / (l[d + r * kc + r] as number);
        }
      }
      for (let e = s.patStart[c] as number; e < (s.patStart[c + 1] as number); e++) {
        const a = s.patRow[e] as number;
        const ka = s.nodeSize[a] as number;
        const o = s.patOff[e] as number;
        const tail = a >= F;
        const ia = tail ? (s.nodeIndex[a] as number) - s.tailIndex : 0;
        const target = tail ? vT : w;
        const wa = tail ? ia * kb : (s.nodeIndex[a] as number) * kb;
        if (tail) {
          for (let r = 0; r < ka; r++) {
            if (mark[ia + r] !== b) {
              mark[ia + r] = b;
              touched[nTouched++] = ia + r;
              vT.fill(0, (ia + r) * kb, (ia + r + 1) * kb);
            }
          }
        }
        for (let r = 0; r < ka; r++) {
          for (let col = 0; col < kb; col++) {
            let v = 0;
            for (let m = 0; m < kc; m++)
              v += (l[o + r * kc + m] as number) * (w[wc + m * kb + col] as number);
            target[wa + r * kb + col] = (target[wa + r * kb + col] as number) - v;
          }
        }
      }
    }
    // z = W v_T over the touched rows (W lower: row i gets columns ≤ i).
    let first = qT;
    for (let t = 0; t < nTouched; t++) first = Math.min(first, touched[t] as number);
    z.fill(0, first * kb, qT * kb);
    for (let t = 0; t < nTouched; t++) {
      const r = touched[t] as number;
      for (let i = r; i < qT; i++) {
        const wir = winv[i * qT + r] as number;
        for (let col = 0; col < kb; col++)
          z[i * kb + col] = (z[i * kb + col] as number) + wir * (vT[r * kb + col] as number);
      }
    }
    for (let r = 0; r < kb; r++) {
      for (let c = 0; c < kb; c++) {
        let v = 0;
        for (const a of path) {
          const wa = (s.nodeIndex[a] as number) * kb;
          for (let m = 0; m < (s.nodeSize[a] as number); m++)
            v += (w[wa + m * kb + r] as number) * (w[wa + m * kb + c] as number);
        }
        for (let i = first; i < qT; i++) v += (z[i * kb + r] as number) * (z[i * kb + c] as number);
        out[outOff + r * kb + c] = v;
      }
    }
    outOff += kb * kb;
  }
  for (let b = F; b < s.nodes; b++) {
    const kb = s.nodeSize[b] as number;
    const ib = (s.nodeIndex[b] as number) - s.tailIndex;
    for (let r = 0; r < kb; r++) {
      for (let c = 0; c < kb; c++) {
        let v = 0;
        for (let i = ib; i < qT; i++)
          v += (winv[i * qT + ib + r] as number) * (winv[i * qT + ib + c] as number);
        out[outOff + r * kb + c] = v;
      }
    }
    outOff += kb * kb;
  }
  return out;
}

/** Inverse of the n×n lower-triangular row-major `l` (lower part read), as a new array. */
function invertLowerDense(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const x = new Float64Array(n);
  // Column j of L⁻¹ solves L x = e_j by forward substitution (contiguous rows of L); x_i = 0 for i < j.
  for (let j = 0; j < n; j++) {
    x[j] = 1 / (l[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let m = j; m < i; m++) s += (l[i * n + m] as number) * (x[m] as number);
      x[i] = -s / (l[i * n + i] as number);
    }
    for (let i = j; i < n; i++) inv[i * n + j] = x[i] as number;
  }
  return inv;
}
