// Over 400 lines on purpose: one numeric kernel, Takahashi's recurrences over the blocked factor of pls.ts
// (its sparse columns, then the dense tail), kept together with the factor's block index bookkeeping.
import { inverseFromFactor } from "../linalg/denseInverse.ts";
import { scalarTile, type TileDots } from "../linalg/denseCholesky.ts";
import { simdTiles } from "../linalg/simdCholesky.ts";
import type { PlsModel } from "./pls.ts";

/**
 * The selected inverse of the blocked factor of {@link PlsModel} (Takahashi's recurrences): the blocks
 * of M = (LL')⁻¹ on the factor's pattern — every diagonal block and every stored off-diagonal block —
 * plus the whole dense tail, without forming the rest of the inverse. The analytic gradient of the
 * profiled deviance (lmm/plsGradient.ts, docs/engine-factorization.md "The gradient") needs exactly
 * these entries, because Z'Z is zero outside the pattern.
 *
 * With `withX` the fixed effects join as one last dense node: then L is the factor of
 * Ω = [Λ'Z'ZΛ + I, Λ'Z'X; X'ZΛ, X'X] (blocks of `l`, the X rows of the [X y] blocks, R_X' in `lxy`)
 * and M = Ω⁻¹, whose log-determinant is REML's ldL2 + ldRX2. Without it M = (Λ'Z'ZΛ + I)⁻¹ (ML).
 *
 * Recurrence, for the sparse columns b from last to first (M L = L'⁻¹, read below the diagonal):
 *   M_ab = −(Σ_{c ∈ pat(b)} M_ac L_cb) L_bb⁻¹          for a ∈ pat(b) (and a = X)
 *   M_bb = (L_bb'⁻¹ − Σ_{c ∈ pat(b)} M_cb' L_cb) L_bb⁻¹
 * pat(b) is a clique of the filled graph, so every M_ac read is a stored block already computed.
 * The dense tail (with X) is inverted directly from its factor F: M_TT = (FF')⁻¹ by the row-oriented
 * tiled kernel of linalg/denseInverse.ts (WebAssembly SIMD where available).
 * No allocation per call; storage is allocated once per model.
 */
export class SelectedInverse {
  /** M on the factor's blocks, at the same offsets as `model.l` (diagonal and pattern blocks). */
  readonly mb: Float64Array;
  /** M_Xb (p × k_b, row-major) at `xyOff[b]` for every sparse node b (with X only). */
  readonly mx: Float64Array;
  /** Dense M over the tail and X: dim × dim, dim = tailDim (+ p with X), both triangles filled. */
  readonly mt: Float64Array;
  /** Row stride of {@link mt} at the last call. */
  dim = 0;
  /** F, then M in place (= {@link mt}), and the scratch V = F'⁻¹ behind it, in one array for the tile kernel. */
  private readonly dense: Float64Array;
  private readonly tile: TileDots;
  private readonly tileOut: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  /** Σ_j M_{a_i a_j} L_{a_j b} for the rows of one column (largest pattern × k), and where each starts. */
  private readonly sum: Float64Array;
  private readonly sumOff: Int32Array;
  /** 1 (2) for a column whose blocks are all 1×1 (2×2), taken by {@link column1} ({@link column2}); else 0. */
  private readonly columnKind: Uint8Array;

  constructor(readonly model: PlsModel) {
    const { s, p } = model;
    const dMax = s.tailDim + p;
    this.mb = new Float64Array(s.size);
    this.mx = new Float64Array(s.size);
    // The tail's inverse runs in the WebAssembly SIMD tile kernel where it exists (its memory holds F/M
    // and V), else in the scalar tile kernel over a plain array; a model without a tail needs neither.
    const simd = dMax > 1 && s.tailDim > 0 ? simdTiles(2 * dMax * dMax) : null;
    this.dense = simd ? simd.array : new Float64Array(2 * dMax * dMax);
    this.tileOut = simd ? simd.out : new Float64Array(4);
    this.tile = simd ? simd.dots : scalarTile(this.dense, this.tileOut);
    this.mt = this.dense.subarray(0, dMax * dMax);
    const kmax = Math.max(1, ...model.k);
    this.s1 = new Float64Array(Math.max(kmax, p) * kmax);
    this.s2 = new Float64Array(kmax * kmax);
    let widest = 0;
    let longest = 0;
    for (let b = 0; b < s.tailNode; b++) {
      let rows = 0;
      for (let e = s.patStart[b] as number; e < (s.patStart[b + 1] as number); e++)
        rows += s.nodeSize[s.patRow[e] as number] as number;
      widest = Math.max(widest, rows);
      longest = Math.max(longest, (s.patStart[b + 1] as number) - (s.patStart[b] as number));
    }
    this.sum = new Float64Array((widest + p) * kmax);
    this.columnKind = model.columnKind;
    this.sumOff = new Int32Array(longest);
  }

  /**
   * Computes the selected inverse at the model's last factored θ.
   *
   * @example
   * model.factor(theta); const inv = new SelectedInverse(model); inv.compute(true); inv.mb; // M on the blocks
   */
  compute(withX: boolean): void {
    this.denseTail(withX);
    const { s } = this.model;
    for (let b = s.tailNode - 1; b >= 0; b--) {
      const kind = this.columnKind[b];
      if (kind === 1) this.column1(b, withX);
      else if (kind === 2) this.column2(b, withX);
      else this.column(b, withX);
    }
  }

  /** M over the dense tail (and X): the inverse of F F' for F = [L_T 0; L_XT R_X'], into {@link mt}. */
  private denseTail(withX: boolean): void {
    const { model, dense: f } = this;
    const { s, p, lTail, lTailXy, lxy } = model;
    const qT = s.tailDim;
    const xyDim = s.xyDim;
    const D = qT + (withX ? p : 0);
    this.dim = D;
    if (D === 0) return;
    for (let r = 0; r < qT; r++) f.set(lTail.subarray(r * qT, r * qT + r + 1), r * D);
    if (withX) {
      for (let r = 0; r < p; r++) {
        f.set(lTailXy.subarray(r * qT, r * qT + qT), (qT + r) * D);
        for (let c = 0; c <= r; c++) f[(qT + r) * D + qT + c] = lxy[r * xyDim + c] as number;
      }
    }
    // F's upper part is never read; V (scratch) sits right behind M's D × D entries.
    inverseFromFactor(f, D, 0, D * D, this.tile, this.tileOut);
  }

  /** Column b of the recurrence: M_ab for a ∈ pat(b), M_Xb (with X) and M_bb. */
  private column(b: number, withX: boolean): void {
    const { model, mb, mx, mt, s1, s2, sum, sumOff } = this;
    const { s, l, p } = model;
    const { nodeSize, patStart, patRow, patOff, pairStart, pairOff, diagOff, xyOff, nodeIndex, tailIndex } =
      s;
    const qT = s.tailDim;
    const D = this.dim;
    const N = s.tailNode;
    const kb = nodeSize[b] as number;
    const d = diagOff[b] as number;
    const e0 = patStart[b] as number;
    const m = (patStart[b + 1] as number) - e0;
    const xo = xyOff[b] as number;
    // sum holds S_i = Σ_j M_{a_i a_j} L_{a_j b} (+ M_{a_i X} L_Xb) for every pattern row i, then
    // S_X = Σ_j M_{X a_j} L_{a_j b} + M_XX L_Xb; each stored block of M is read once, for both
    // (i, j) and (j, i).
    let rows = 0;
    for (let i = 0; i < m; i++) {
      sumOff[i] = rows * kb;
      rows += nodeSize[patRow[e0 + i] as number] as number;
    }
    const xRow = rows * kb;
    sum.fill(0, 0, (rows + (withX ? p : 0)) * kb);
    let t = pairStart[b] as number;
    for (let i = 0; i < m; i++) {
      const ki = nodeSize[patRow[e0 + i] as number] as number;
      const oi = patOff[e0 + i] as number;
      const si = sumOff[i] as number;
      for (let j = 0; j <= i; j++) {
        const kj = nodeSize[patRow[e0 + j] as number] as number;
        const oj = patOff[e0 + j] as number;
        const sj = sumOff[j] as number;
        const target = pairOff[t++] as number;
        let arr = mb;
        let base = target;
        let ld = kj;
        if (target < 0) {
          const pos = -1 - target;
          const row = Math.floor(pos / qT);
          arr = mt;
          base = row * D + (pos - row * qT);
          ld = D;
        }
        for (let r = 0; r < ki; r++) {
          for (let q = 0; q < kj; q++) {
            const v = arr[base + r * ld + q] as number;
            for (let c = 0; c < kb; c++) {
              sum[si + r * kb + c] = (sum[si + r * kb + c] as number) + v * (l[oj + q * kb + c] as number);
              if (j < i)
                sum[sj + q * kb + c] = (sum[sj + q * kb + c] as number) + v * (l[oi + r * kb + c] as number);
            }
          }
        }
      }
      if (withX) {
        // M_{X a_i} (p × ki): mx of a sparse node, or the tail's X rows.
        const ai = patRow[e0 + i] as number;
        const tail = ai >= N;
        const arr = tail ? mt : mx;
        const base = tail ? qT * D + (nodeIndex[ai] as number) - tailIndex : (xyOff[ai] as number);
        const ld = tail ? D : ki;
        for (let x = 0; x < p; x++) {
          for (let r = 0; r < ki; r++) {
            const v = arr[base + x * ld + r] as number;
            for (let c = 0; c < kb; c++) {
              sum[si + r * kb + c] = (sum[si + r * kb + c] as number) + v * (l[xo + x * kb + c] as number);
              sum[xRow + x * kb + c] =
                (sum[xRow + x * kb + c] as number) + v * (l[oi + r * kb + c] as number);
            }
          }
        }
      }
    }
    for (let i = 0; i < m; i++) {
      const ki = nodeSize[patRow[e0 + i] as number] as number;
      const si = sumOff[i] as number;
      for (let e = 0; e < ki * kb; e++) s1[e] = -(sum[si + e] as number);
      rightSolveLower(mb, patOff[e0 + i] as number, s1, ki, l, d, kb);
    }
    if (withX) {
      for (let x = 0; x < p; x++)
        for (let c = 0; c < kb; c++) {
          let v = sum[xRow + x * kb + c] as number;
          for (let y = 0; y < p; y++)
            v += (mt[(qT + x) * D + qT + y] as number) * (l[xo + y * kb + c] as number);
          s1[x * kb + c] = -v;
        }
      rightSolveLower(mx, xo, s1, p, l, d, kb);
    }
    // Q = L_bb'⁻¹ − Σ_j M_{a_j b}' L_{a_j b} − M_{Xb}' L_{Xb}; M_bb = Q L_bb⁻¹.
    for (let r = 0; r < kb; r++) {
      for (let col = 0; col < kb; col++) {
        let v = 0;
        for (let j = 0; j < m; j++) {
          const kc = nodeSize[patRow[e0 + j] as number] as number;
          const oj = patOff[e0 + j] as number;
          for (let q = 0; q < kc; q++)
            v += (mb[oj + q * kb + r] as number) * (l[oj + q * kb + col] as number);
        }
        if (withX)
          for (let x = 0; x < p; x++) v += (mx[xo + x * kb + r] as number) * (l[xo + x * kb + col] as number);
        s2[r * kb + col] = -v;
      }
    }
    // (L_bb'⁻¹)_{r,col} is upper triangular: solve L_bb' u = e_col for each column.
    for (let col = 0; col < kb; col++) {
      for (let r = kb - 1; r >= 0; r--) {
        let v = 0;
        if (r <= col) {
          v = r === col ? 1 : 0;
          for (let q = r + 1; q <= col; q++) v -= (l[d + q * kb + r] as number) * (s1[q] as number);
          v /= l[d + r * kb + r] as number;
        }
        s1[r] = v;
      }
      for (let r = 0; r < kb; r++) s2[r * kb + col] = (s2[r * kb + col] as number) + (s1[r] as number);
    }
    rightSolveLower(mb, d, s2, kb, l, d, kb);
  }

  /** {@link column} when b and every block of its pattern are 1×1 (crossed random intercepts). */
  private column1(b: number, withX: boolean): void {
    const { model, mb, mx, mt, sum } = this;
    const { s, l, p } = model;
    const { patStart, patRow, patOff, pairStart, pairOff, diagOff, xyOff, nodeIndex, tailIndex } = s;
    const qT = s.tailDim;
    const D = this.dim;
    const N = s.tailNode;
    const d = diagOff[b] as number;
    const inv = 1 / (l[d] as number);
    const e0 = patStart[b] as number;
    const m = (patStart[b + 1] as number) - e0;
    const xo = xyOff[b] as number;
    sum.fill(0, 0, m + (withX ? p : 0));
    let t = pairStart[b] as number;
    for (let i = 0; i < m; i++) {
      const li = l[patOff[e0 + i] as number] as number;
      let si = sum[i] as number;
      for (let j = 0; j <= i; j++) {
        const target = pairOff[t++] as number;
        let v: number;
        if (target >= 0) v = mb[target] as number;
        else {
          const pos = -1 - target;
          const row = Math.floor(pos / qT);
          v = mt[row * D + (pos - row * qT)] as number;
        }
        si += v * (l[patOff[e0 + j] as number] as number);
        if (j < i) sum[j] = (sum[j] as number) + v * li;
      }
      sum[i] = si;
      if (withX) {
        const ai = patRow[e0 + i] as number;
        const tail = ai >= N;
        const arr = tail ? mt : mx;
        const base = tail ? qT * D + (nodeIndex[ai] as number) - tailIndex : (xyOff[ai] as number);
        const ld = tail ? D : 1;
        for (let x = 0; x < p; x++) {
          const v = arr[base + x * ld] as number;
          sum[i] = (sum[i] as number) + v * (l[xo + x] as number);
          sum[m + x] = (sum[m + x] as number) + v * li;
        }
      }
    }
    let q = inv;
    for (let i = 0; i < m; i++) {
      const o = patOff[e0 + i] as number;
      const v = -(sum[i] as number) * inv;
      mb[o] = v;
      q -= v * (l[o] as number);
    }
    if (withX) {
      for (let x = 0; x < p; x++) {
        let v = sum[m + x] as number;
        for (let y = 0; y < p; y++) v += (mt[(qT + x) * D + qT + y] as number) * (l[xo + y] as number);
        mx[xo + x] = -v * inv;
      }
      for (let x = 0; x < p; x++) q -= (mx[xo + x] as number) * (l[xo + x] as number);
    }
    mb[d] = q * inv;
  }

  /** {@link column} when b and every block of its pattern are 2×2: the same recurrence unrolled. */
  private column2(b: number, withX: boolean): void {
    const { model, mb, mx, mt, sum } = this;
    const { s, l, p } = model;
    const { patStart, patRow, patOff, pairStart, pairOff, diagOff, xyOff, nodeIndex, tailIndex } = s;
    const qT = s.tailDim;
    const D = this.dim;
    const N = s.tailNode;
    const d = diagOff[b] as number;
    const l00 = l[d] as number;
    const l10 = l[d + 2] as number;
    const l11 = l[d + 3] as number;
    const e0 = patStart[b] as number;
    const m = (patStart[b + 1] as number) - e0;
    const xo = xyOff[b] as number;
    const xr = 4 * m;
    sum.fill(0, 0, xr + (withX ? 2 * p : 0));
    let t = pairStart[b] as number;
    for (let i = 0; i < m; i++) {
      const oi = patOff[e0 + i] as number;
      const li00 = l[oi] as number;
      const li01 = l[oi + 1] as number;
      const li10 = l[oi + 2] as number;
      const li11 = l[oi + 3] as number;
      const si = 4 * i;
      for (let j = 0; j <= i; j++) {
        const oj = patOff[e0 + j] as number;
        const target = pairOff[t++] as number;
        let arr = mb;
        let base = target;
        let ld = 2;
        if (target < 0) {
          const pos = -1 - target;
          const row = Math.floor(pos / qT);
          arr = mt;
          base = row * D + (pos - row * qT);
          ld = D;
        }
        const b00 = arr[base] as number;
        const b01 = arr[base + 1] as number;
        const b10 = arr[base + ld] as number;
        const b11 = arr[base + ld + 1] as number;
        const lj00 = l[oj] as number;
        const lj01 = l[oj + 1] as number;
        const lj10 = l[oj + 2] as number;
        const lj11 = l[oj + 3] as number;
        sum[si] = (sum[si] as number) + b00 * lj00 + b01 * lj10;
        sum[si + 1] = (sum[si + 1] as number) + b00 * lj01 + b01 * lj11;
        sum[si + 2] = (sum[si + 2] as number) + b10 * lj00 + b11 * lj10;
        sum[si + 3] = (sum[si + 3] as number) + b10 * lj01 + b11 * lj11;
        if (j < i) {
          const sj = 4 * j;
          sum[sj] = (sum[sj] as number) + b00 * li00 + b10 * li10;
          sum[sj + 1] = (sum[sj + 1] as number) + b00 * li01 + b10 * li11;
          sum[sj + 2] = (sum[sj + 2] as number) + b01 * li00 + b11 * li10;
          sum[sj + 3] = (sum[sj + 3] as number) + b01 * li01 + b11 * li11;
        }
      }
      if (withX) {
        const ai = patRow[e0 + i] as number;
        const tail = ai >= N;
        const arr = tail ? mt : mx;
        const base = tail ? qT * D + (nodeIndex[ai] as number) - tailIndex : (xyOff[ai] as number);
        const ld = tail ? D : 2;
        for (let x = 0; x < p; x++) {
          const v0 = arr[base + x * ld] as number;
          const v1 = arr[base + x * ld + 1] as number;
          const lx0 = l[xo + 2 * x] as number;
          const lx1 = l[xo + 2 * x + 1] as number;
          sum[si] = (sum[si] as number) + v0 * lx0;
          sum[si + 1] = (sum[si + 1] as number) + v0 * lx1;
          sum[si + 2] = (sum[si + 2] as number) + v1 * lx0;
          sum[si + 3] = (sum[si + 3] as number) + v1 * lx1;
          sum[xr + 2 * x] = (sum[xr + 2 * x] as number) + v0 * li00 + v1 * li10;
          sum[xr + 2 * x + 1] = (sum[xr + 2 * x + 1] as number) + v0 * li01 + v1 * li11;
        }
      }
    }
    // Rows of −S L_bb⁻¹: x1 = q1 / l11, x0 = (q0 − x1 l10) / l00.
    for (let i = 0; i < m; i++) {
      const o = patOff[e0 + i] as number;
      for (let r = 0; r < 4; r += 2) {
        const x1 = -(sum[4 * i + r + 1] as number) / l11;
        mb[o + r + 1] = x1;
        mb[o + r] = (-(sum[4 * i + r] as number) - x1 * l10) / l00;
      }
    }
    let q00 = 1 / l00;
    let q01 = -l10 / (l00 * l11);
    let q10 = 0;
    let q11 = 1 / l11;
    if (withX) {
      for (let x = 0; x < p; x++) {
        let v0 = sum[xr + 2 * x] as number;
        let v1 = sum[xr + 2 * x + 1] as number;
        for (let y = 0; y < p; y++) {
          const mxy = mt[(qT + x) * D + qT + y] as number;
          v0 += mxy * (l[xo + 2 * y] as number);
          v1 += mxy * (l[xo + 2 * y + 1] as number);
        }
        const x1 = -v1 / l11;
        mx[xo + 2 * x + 1] = x1;
        mx[xo + 2 * x] = (-v0 - x1 * l10) / l00;
      }
      for (let x = 0; x < p; x++) {
        const m0 = mx[xo + 2 * x] as number;
        const m1 = mx[xo + 2 * x + 1] as number;
        const lx0 = l[xo + 2 * x] as number;
        const lx1 = l[xo + 2 * x + 1] as number;
        q00 -= m0 * lx0;
        q01 -= m0 * lx1;
        q10 -= m1 * lx0;
        q11 -= m1 * lx1;
      }
    }
    for (let j = 0; j < m; j++) {
      const oj = patOff[e0 + j] as number;
      const m00 = mb[oj] as number;
      const m01 = mb[oj + 1] as number;
      const m10 = mb[oj + 2] as number;
      const m11 = mb[oj + 3] as number;
      const a00 = l[oj] as number;
      const a01 = l[oj + 1] as number;
      const a10 = l[oj + 2] as number;
      const a11 = l[oj + 3] as number;
      q00 -= m00 * a00 + m10 * a10;
      q01 -= m00 * a01 + m10 * a11;
      q10 -= m01 * a00 + m11 * a10;
      q11 -= m01 * a01 + m11 * a11;
    }
    const r01 = q01 / l11;
    const r11 = q11 / l11;
    mb[d] = (q00 - r01 * l10) / l00;
    mb[d + 1] = r01;
    mb[d + 2] = (q10 - r11 * l10) / l00;
    mb[d + 3] = r11;
  }
}

/** out (rows × k at outOff) = Q L⁻¹ for the lower k×k block L of `l` at d (solves X L = Q). */
function rightSolveLower(
  out: Float64Array,
  outOff: number,
  q: Float64Array,
  rows: number,
  l: Float64Array,
  d: number,
  k: number,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = k - 1; c >= 0; c--) {
      let v = q[r * k + c] as number;
      for (let m = c + 1; m < k; m++) v -= (out[outOff + r * k + m] as number) * (l[d + m * k + c] as number);
      out[outOff + r * k + c] = v / (l[d + c * k + c] as number);
    }
  }
}
