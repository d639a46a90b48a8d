// Over 400 lines on purpose: PlsModel's blocked factorization (scale, eliminate, the dense tail) and the
// solves that read its storage (β̂, ũ, Var(β̂)) share private work arrays and layout; split apart they would
// have to expose that layout. The kernels, the inverse, the gradient and the structure live in their own files.
import { cholInPlace, invLower, rightSolveLT, subABt } from "../linalg/dense.ts";
import { choleskyDense, rightSolveDense, subXXt } from "../linalg/denseCholesky.ts";
import { simdCholesky, type SimdCholesky } from "../linalg/simdCholesky.ts";
import type { RandomTermDesign } from "../model/design.ts";
import { aT, subABtStrided, tAt } from "./plsKernels.ts";
import { analyzeStructure, type BlockStructure, type TailChoice } from "./structure.ts";
import { inverseDiagonalBlocks } from "./plsInverse.ts";
import { leastSquares } from "./leastSquares.ts";
import { accumulateCrossProducts } from "./plsAccumulate.ts";
import { columnKinds, factorWork, tailColumns, tailStarts } from "./plsColumns.ts";

/**
 * Penalized least squares at fixed θ (lme4's PLS; docs/engine.md, "Penalised least squares"), organised
 * as a blocked Cholesky (MixedModels.jl's layout) over the block-sparse structure of {@link analyzeStructure}.
 * All cross-products Z'Z, Z'[X y], [X y]'[X y] are accumulated once; each evaluation costs O(blocks)
 * for the sparse block columns plus one dense Cholesky of the dense tail (crossed factors' fill-in,
 * see {@link BlockStructure}); nothing is allocated per evaluation.
 */
export class PlsModel {
  readonly n: number;
  readonly p: number;
  readonly s: BlockStructure;
  /** k of every term. */
  readonly k: Int32Array;
  /** Start of every term's parameters in θ. */
  readonly thetaStart: Int32Array;
  readonly thetaLength: number;
  /** Lower bounds of θ: 0 on the diagonals of the relative covariance factors, −∞ elsewhere. */
  readonly lower: Float64Array;

  /**
   * Z'Z blocks at the factor's offsets and Z_b'[X y] at xyOff (read by the gradient, lmm/plsGradient.ts),
   * and [X y]'[X y] (full, symmetric). The GLMM's PIRLS (glmm/weightedPls.ts) rewrites both with its
   * weighted cross-products before each factor().
   */
  readonly a: Float64Array;
  readonly axy: Float64Array;
  /** The factor L at the last θ given to {@link factor}. */
  readonly l: Float64Array;
  readonly lxy: Float64Array;
  /** Relative covariance factors T_j (k×k row-major, lower) at the last θ. */
  readonly t: Float64Array[];
  private readonly tmp: Float64Array;
  /** Whether every tail node is 1×1, and the tail's scale factors t_i then. */
  private readonly scalarTail: boolean;
  private readonly tailScale: Float64Array;
  /** 1 (2) for a sparse column whose blocks are all 1×1 (2×2), eliminated by an unrolled path; else 0. */
  readonly columnKind: Uint8Array;
  /**
   * For every pattern entry, the scalar column in the dense tail of its row node (−1 for a sparse row),
   * and for every sparse column its first pattern entry in the tail (patterns are ascending, so the
   * tail rows are a suffix). {@link eliminateScalar} reads these instead of the pairs' targets for
   * the tail × tail part of its rank update: on InstEval two million such targets a factorization.
   */
  private readonly patTailCol: Int32Array;
  private readonly tailFrom: Int32Array;
  /** Z'Z of the dense tail (tailDim², row-major) and Z_tail'[X y] (xyDim × tailDim). */
  readonly aTail: Float64Array;
  readonly aTailXy: Float64Array;
  /** The dense tail's factor L_T (tailDim², lower part) and its [X y] rows at the last θ. */
  readonly lTail: Float64Array;
  readonly lTailXy: Float64Array;
  /** The SIMD Cholesky owning lTail, when the tail is large and WebAssembly SIMD is available. */
  private readonly simd: SimdCholesky | null;
  /** Estimated multiply-adds of one factorization (sparse block updates plus the dense tail). */
  readonly work: number;
  /**
   * γ, the least-squares coefficients of y on X: the cross-products hold ỹ = y − Xγ instead of y.
   * The profiled deviance is the same for ỹ (β̂ absorbs γ), but pwrss no longer comes out of y'y as
   * a small difference of huge sums: on 100k rows with y around 20 that cancellation made the
   * deviance noisy at 1e-10 relative (1e-5 absolute; 3e-9 with the shift), the floor of every
   * optimizer's stopping rule. {@link beta} adds γ back; {@link uTilde} takes the true β̂.
   */
  readonly yShift: Float64Array;
  private readonly betaShifted: Float64Array;
  ldL2 = 0;
  ldRX2 = 0;
  pwrss = 0;

  constructor(
    x: readonly Float64Array[],
    y: Float64Array,
    readonly terms: readonly RandomTermDesign[],
    /** Where the dense tail starts (default: by estimated cost). */
    tail: TailChoice = "auto",
  ) {
    const n = y.length;
    const p = x.length;
    this.n = n;
    this.p = p;
    const s = analyzeStructure(terms, n, p, tail);
    this.s = s;
    const K = terms.length;
    this.k = Int32Array.from(terms, (t) => t.names.length);
    this.thetaStart = new Int32Array(K + 1);
    for (let j = 0; j < K; j++) {
      const k = this.k[j] as number;
      this.thetaStart[j + 1] = (this.thetaStart[j] as number) + (k * (k + 1)) / 2;
    }
    this.thetaLength = this.thetaStart[K] as number;
    this.lower = new Float64Array(this.thetaLength);
    for (let j = 0; j < K; j++) {
      const k = this.k[j] as number;
      let idx = this.thetaStart[j] as number;
      for (let c = 0; c < k; c++) for (let r = c; r < k; r++) this.lower[idx++] = r === c ? 0 : -Infinity;
    }
    this.t = Array.from(this.k, (k) => new Float64Array(k * k));
    const xyDim = s.xyDim;
    this.a = new Float64Array(s.size);
    this.axy = new Float64Array(xyDim * xyDim);
    this.l = new Float64Array(s.size);
    this.lxy = new Float64Array(xyDim * xyDim);
    const kmax = Math.max(1, ...this.k);
    this.tmp = new Float64Array(Math.max(kmax, xyDim) * kmax * 2);
    this.columnKind = columnKinds(s);
    this.patTailCol = tailColumns(s);
    this.tailFrom = tailStarts(s);
    const qT = s.tailDim;
    this.aTail = new Float64Array(qT * qT);
    this.aTailXy = new Float64Array(xyDim * qT);
    // Tails big enough for the factorization to dominate live in WebAssembly memory (SIMD kernel).
    this.simd = qT >= 64 ? simdCholesky(qT) : null;
    this.lTail = this.simd ? this.simd.matrix : new Float64Array(qT * qT);
    this.lTailXy = new Float64Array(xyDim * qT);
    this.tailScale = new Float64Array(qT);
    this.scalarTail = true;
    for (let b = s.tailNode; b < s.nodes; b++) if (s.nodeSize[b] !== 1) this.scalarTail = false;
    this.work = factorWork(s);
    this.yShift = leastSquares(x, y);
    this.betaShifted = new Float64Array(p);
    this.accumulate(x, y);
  }

  /** The cross-products of [X ỹ] and Z, ỹ = y − Xγ (see {@link yShift}), by {@link accumulateCrossProducts}. */
  private accumulate(x: readonly Float64Array[], y: Float64Array): void {
    const gamma = this.yShift;
    const yTilde = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      let yi = y[i] as number;
      for (let r = 0; r < this.p; r++) yi -= ((x[r] as Float64Array)[i] as number) * (gamma[r] as number);
      yTilde[i] = yi;
    }
    accumulateCrossProducts(this, this.terms, [...x, yTilde]);
  }

  /** Storage offset of block (row node a, column node b), a > b, b a sparse column, in the factor's pattern. */
  blockOffset(a: number, b: number): number {
    const { patStart, patRow, patOff } = this.s;
    let lo = patStart[b] as number;
    let hi = (patStart[b + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = patRow[mid] as number;
      if (v === a) return patOff[mid] as number;
      if (v < a) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`internal: block (${a}, ${b}) not in pattern`);
  }

  /** Fills the relative covariance factors T_j from θ (column-wise lower triangles). */
  setTheta(theta: ArrayLike<number>): void {
    for (let j = 0; j < this.t.length; j++) {
      const k = this.k[j] as number;
      const tj = this.t[j] as Float64Array;
      let idx = this.thetaStart[j] as number;
      for (let c = 0; c < k; c++) for (let r = c; r < k; r++) tj[r * k + c] = theta[idx++] as number;
    }
  }

  /**
   * Factors Λ'Z'ZΛ + I and the [X y] Schur complement at θ. Returns false if a pivot is not positive.
   * Afterwards ldL2, ldRX2 and pwrss hold the pieces of the profiled deviance.
   */
  factor(theta: ArrayLike<number>): boolean {
    this.setTheta(theta);
    // Three small methods rather than one large one: V8 then optimizes each with complete type
    // feedback instead of deoptimizing the whole factorization on every call.
    this.scale();
    if (this.s.tailDim > 0) this.scaleTail();
    let ldL2 = this.eliminate();
    if (Number.isNaN(ldL2)) return false;
    if (this.s.tailDim > 0) ldL2 += this.factorTail();
    if (Number.isNaN(ldL2)) return false;
    return this.factorXY(ldL2);
  }

  /** L_bb = T'A_bbT + I, L_ab = T_a'A_abT_b, L_xy,b = A_xy,b T_b; [X y]'[X y] copied. */
  private scale(): void {
    const { s, a, l, lxy, axy, tmp, k: termK, t: termT } = this;
    const { tailNode: N, xyDim, nodeTerm, diagOff, patStart, patRow, patOff, xyOff } = s;
    // Work after a hot loop would run first in on-stack-replaced code without type feedback and
    // deoptimize on every call, so everything else comes before the loop.
    lxy.set(axy);
    for (let b = 0; b < N; b++) {
      const jb = nodeTerm[b] as number;
      const kb = termK[jb] as number;
      const tb = termT[jb] as Float64Array;
      const d = diagOff[b] as number;
      tAt(l, d, a, d, tb, kb, tb, kb, tmp);
      for (let r = 0; r < kb; r++) l[d + r * kb + r] = (l[d + r * kb + r] as number) + 1;
      const e1 = patStart[b + 1] as number;
      for (let e = patStart[b] as number; e < e1; e++) {
        const ja = nodeTerm[patRow[e] as number] as number;
        const o = patOff[e] as number;
        tAt(l, o, a, o, termT[ja] as Float64Array, termK[ja] as number, tb, kb, tmp);
      }
      const xo = xyOff[b] as number;
      aT(l, xo, a, xo, xyDim, tb, kb);
    }
  }

  /**
   * Right-looking block Cholesky of the random-effects part, updating the [X y] blocks.
   * Returns log|LL'| (NaN when a pivot is not positive). log|L|² is summed as logs of running
   * products of the pivots (each ≥ 1, as L L' = Λ'Z'ZΛ + I): one log per many nodes.
   */
  private eliminate(): number {
    const { s, l, lxy, lTail, lTailXy } = this;
    if (s.tailNode === 0) return 0;
    const { tailNode: N, xyDim, nodeSize, diagOff, patStart, patRow, patOff, xyOff, pairStart, pairOff } = s;
    const { nodeIndex, tailIndex, tailDim } = s;
    let ldL2 = 0;
    let product = 1;
    for (let b = 0; b < N; b++) {
      const kb = nodeSize[b] as number;
      const d = diagOff[b] as number;
      if (!cholInPlace(l, d, kb)) return Number.NaN;
      for (let r = 0; r < kb; r++) product *= l[d + r * kb + r] as number;
      // The last node also takes the log, so no arithmetic follows the loop (see scale()).
      if (product > 1e150 || b === N - 1) {
        ldL2 += 2 * Math.log(product);
        product = 1;
      }
      const kind = this.columnKind[b] as number;
      if (kind === 1) {
        this.eliminateScalar(b);
        continue;
      }
      if (kind === 2) {
        this.eliminatePair(b);
        continue;
      }
      const e0 = patStart[b] as number;
      const e1 = patStart[b + 1] as number;
      for (let e = e0; e < e1; e++) {
        rightSolveLT(l, patOff[e] as number, nodeSize[patRow[e] as number] as number, l, d, kb);
      }
      const xo = xyOff[b] as number;
      rightSolveLT(l, xo, xyDim, l, d, kb);
      let t = pairStart[b] as number;
      for (let i = e0; i < e1; i++) {
        const ki = nodeSize[patRow[i] as number] as number;
        const oi = patOff[i] as number;
        for (let j = e0; j <= i; j++) {
          const target = pairOff[t++] as number;
          const kj = nodeSize[patRow[j] as number] as number;
          if (target >= 0) subABt(l, target, l, oi, l, patOff[j] as number, ki, kj, kb);
          else subABtStrided(lTail, -1 - target, tailDim, l, oi, l, patOff[j] as number, ki, kj, kb);
        }
        // [X y] row block of column patRow[i].
        const a = patRow[i] as number;
        if (a < N) subABt(l, xyOff[a] as number, l, xo, l, oi, xyDim, ki, kb);
        else
          subABtStrided(lTailXy, (nodeIndex[a] as number) - tailIndex, tailDim, l, xo, l, oi, xyDim, ki, kb);
      }
      subABt(lxy, 0, l, xo, l, xo, xyDim, xyDim, kb);
    }
    return ldL2;
  }

  /**
   * Column b of {@link eliminate} when it and every block of its pattern are 1×1 (random intercepts,
   * e.g. a student crossed with lecturers): the same updates as scalars, without the block calls.
   */
  private eliminateScalar(b: number): void {
    const { s, l, lxy, lTail, lTailXy, patTailCol } = this;
    const { tailNode: N, xyDim, patStart, patRow, patOff, xyOff, pairStart, pairOff } = s;
    const { nodeIndex, tailIndex, tailDim } = s;
    const inv = 1 / (l[s.diagOff[b] as number] as number);
    const e0 = patStart[b] as number;
    const e1 = patStart[b + 1] as number;
    const f = this.tailFrom[b] as number;
    for (let e = e0; e < e1; e++) l[patOff[e] as number] = (l[patOff[e] as number] as number) * inv;
    const xo = xyOff[b] as number;
    for (let r = 0; r < xyDim; r++) l[xo + r] = (l[xo + r] as number) * inv;
    for (let i = e0; i < e1; i++) {
      const li = l[patOff[i] as number] as number;
      // Pairs (i, j < f) have a sparse column j, so their targets are blocks of l (pairOff); pairs
      // with both in the tail go to row patTailCol[i] of the dense tail, column patTailCol[j]: the
      // same updates in the same order, without reading a target per pair.
      let t = (pairStart[b] as number) + ((i - e0) * (i - e0 + 1)) / 2;
      const jSparse = i < f ? i : f - 1;
      for (let j = e0; j <= jSparse; j++) {
        const target = pairOff[t++] as number;
        l[target] = (l[target] as number) - li * (l[patOff[j] as number] as number);
      }
      if (i >= f) {
        // A 1×1 column stores its pattern's blocks one after another: entry j is at l[lj + j].
        const row = (patTailCol[i] as number) * tailDim;
        const lj = (patOff[e0] as number) - e0;
        for (let j = f; j <= i; j++) {
          const c = row + (patTailCol[j] as number);
          lTail[c] = (lTail[c] as number) - li * (l[lj + j] as number);
        }
      }
      const a = patRow[i] as number;
      if (a < N) {
        const xa = xyOff[a] as number;
        for (let r = 0; r < xyDim; r++) l[xa + r] = (l[xa + r] as number) - (l[xo + r] as number) * li;
      } else {
        const c = (nodeIndex[a] as number) - tailIndex;
        for (let r = 0; r < xyDim; r++)
          lTailXy[r * tailDim + c] = (lTailXy[r * tailDim + c] as number) - (l[xo + r] as number) * li;
      }
    }
    for (let r = 0; r < xyDim; r++) {
      const vr = l[xo + r] as number;
      for (let c = 0; c < xyDim; c++)
        lxy[r * xyDim + c] = (lxy[r * xyDim + c] as number) - vr * (l[xo + c] as number);
    }
  }

  /**
   * Column b of {@link eliminate} when it and every block of its pattern are 2×2 (random intercept and
   * slope, e.g. a patient within a therapist): the block updates unrolled.
   */
  private eliminatePair(b: number): void {
    const { s, l, lxy, lTail, lTailXy } = this;
    const { tailNode: N, xyDim, patStart, patRow, patOff, xyOff, pairStart, pairOff } = s;
    const { nodeIndex, tailIndex, tailDim } = s;
    const d = s.diagOff[b] as number;
    const l00 = l[d] as number;
    const l10 = l[d + 2] as number;
    const l11 = l[d + 3] as number;
    const e0 = patStart[b] as number;
    const e1 = patStart[b + 1] as number;
    // X ← X L_bb^{-T}, two entries per row.
    for (let e = e0; e < e1; e++) {
      const o = patOff[e] as number;
      for (let r = 0; r < 4; r += 2) {
        const z0 = (l[o + r] as number) / l00;
        l[o + r] = z0;
        l[o + r + 1] = ((l[o + r + 1] as number) - l10 * z0) / l11;
      }
    }
    const xo = xyOff[b] as number;
    for (let r = 0; r < 2 * xyDim; r += 2) {
      const z0 = (l[xo + r] as number) / l00;
      l[xo + r] = z0;
      l[xo + r + 1] = ((l[xo + r + 1] as number) - l10 * z0) / l11;
    }
    let t = pairStart[b] as number;
    for (let i = e0; i < e1; i++) {
      const oi = patOff[i] as number;
      const a0 = l[oi] as number;
      const a1 = l[oi + 1] as number;
      const a2 = l[oi + 2] as number;
      const a3 = l[oi + 3] as number;
      for (let j = e0; j <= i; j++) {
        const target = pairOff[t++] as number;
        const oj = patOff[j] as number;
        const b0 = l[oj] as number;
        const b1 = l[oj + 1] as number;
        const b2 = l[oj + 2] as number;
        const b3 = l[oj + 3] as number;
        const c00 = a0 * b0 + a1 * b1;
        const c01 = a0 * b2 + a1 * b3;
        const c10 = a2 * b0 + a3 * b1;
        const c11 = a2 * b2 + a3 * b3;
        if (target >= 0) {
          l[target] = (l[target] as number) - c00;
          l[target + 1] = (l[target + 1] as number) - c01;
          l[target + 2] = (l[target + 2] as number) - c10;
          l[target + 3] = (l[target + 3] as number) - c11;
        } else {
          const o = -1 - target;
          lTail[o] = (lTail[o] as number) - c00;
          lTail[o + 1] = (lTail[o + 1] as number) - c01;
          lTail[o + tailDim] = (lTail[o + tailDim] as number) - c10;
          lTail[o + tailDim + 1] = (lTail[o + tailDim + 1] as number) - c11;
        }
      }
      const a = patRow[i] as number;
      const tail = a >= N;
      const target = tail ? lTailXy : l;
      const base = tail ? (nodeIndex[a] as number) - tailIndex : (xyOff[a] as number);
      const ld = tail ? tailDim : 2;
      for (let r = 0; r < xyDim; r++) {
        const x0 = l[xo + 2 * r] as number;
        const x1 = l[xo + 2 * r + 1] as number;
        const o = base + r * ld;
        target[o] = (target[o] as number) - x0 * a0 - x1 * a1;
        target[o + 1] = (target[o + 1] as number) - x0 * a2 - x1 * a3;
      }
    }
    for (let r = 0; r < xyDim; r++) {
      const x0 = l[xo + 2 * r] as number;
      const x1 = l[xo + 2 * r + 1] as number;
      for (let c = 0; c < xyDim; c++)
        lxy[r * xyDim + c] =
          (lxy[r * xyDim + c] as number) -
          x0 * (l[xo + 2 * c] as number) -
          x1 * (l[xo + 2 * c + 1] as number);
    }
  }

  /** L_T = T'A_T T + I and its [X y] rows A_xy,T T, on the dense tail: right, then left by Λ_T. */
  private scaleTail(): void {
    const { s, lTail, lTailXy } = this;
    const qT = s.tailDim;
    if (this.scalarTail) {
      this.scaleScalarTail();
      return;
    }
    lTail.set(this.aTail);
    lTailXy.set(this.aTailXy);
    for (let i = 0; i < qT; i++) this.rightLambda(lTail, i * qT);
    for (let r = 0; r < s.xyDim; r++) this.rightLambda(lTailXy, r * qT);
    // Left by Λ_T' (only the lower triangle is read by the Cholesky, so columns j ≤ row).
    for (let b = s.tailNode; b < s.nodes; b++) {
      const j = s.nodeTerm[b] as number;
      const k = this.k[j] as number;
      const t = this.t[j] as Float64Array;
      const ib = (s.nodeIndex[b] as number) - s.tailIndex;
      const end = ib + k;
      for (let col = 0; col < end; col++) {
        for (let r = 0; r < k; r++) {
          let v = 0;
          for (let m = r; m < k; m++) v += (t[m * k + r] as number) * (lTail[(ib + m) * qT + col] as number);
          lTail[(ib + r) * qT + col] = v;
        }
      }
    }
    for (let i = 0; i < qT; i++) lTail[i * qT + i] = (lTail[i * qT + i] as number) + 1;
  }

  /** {@link scaleTail} when every tail node is a random intercept: L_ij = t_i A_ij t_j (lower part). */
  private scaleScalarTail(): void {
    const { s, lTail, lTailXy, aTail, aTailXy, tailScale } = this;
    const qT = s.tailDim;
    for (let b = s.tailNode; b < s.nodes; b++)
      tailScale[(s.nodeIndex[b] as number) - s.tailIndex] = (
        this.t[s.nodeTerm[b] as number] as Float64Array
      )[0] as number;
    for (let i = 0; i < qT; i++) {
      const ti = tailScale[i] as number;
      const row = i * qT;
      for (let j = 0; j < i; j++) lTail[row + j] = ti * (aTail[row + j] as number) * (tailScale[j] as number);
      lTail[row + i] = ti * (aTail[row + i] as number) * ti + 1;
    }
    for (let r = 0; r < s.xyDim; r++) {
      const row = r * qT;
      for (let j = 0; j < qT; j++) lTailXy[row + j] = (aTailXy[row + j] as number) * (tailScale[j] as number);
    }
  }

  /** Row (length tailDim at `off`) ← row · Λ_T, node block by node block, in place (columns ascending). */
  private rightLambda(x: Float64Array, off: number): void {
    const { s } = this;
    for (let b = s.tailNode; b < s.nodes; b++) {
      const j = s.nodeTerm[b] as number;
      const k = this.k[j] as number;
      const t = this.t[j] as Float64Array;
      const o = off + (s.nodeIndex[b] as number) - s.tailIndex;
      for (let c = 0; c < k; c++) {
        let v = 0;
        for (let m = c; m < k; m++) v += (x[o + m] as number) * (t[m * k + c] as number);
        x[o + c] = v;
      }
    }
  }

  /** Dense Cholesky of the tail and its [X y] rows; returns log|L_T|² (NaN if not positive definite). */
  private factorTail(): number {
    const { s, lTail, lTailXy, lxy } = this;
    const qT = s.tailDim;
    const ld = this.simd ? this.simd.factor() : choleskyDense(lTail, qT);
    if (Number.isNaN(ld)) return ld;
    rightSolveDense(lTailXy, s.xyDim, lTail, qT);
    subXXt(lxy, s.xyDim, s.xyDim, lTailXy, qT);
    return ld;
  }

  /** Cholesky of the [X y] Schur complement; sets ldL2, ldRX2 and pwrss. */
  private factorXY(ldL2: number): boolean {
    const { lxy } = this;
    const xyDim = this.s.xyDim;
    // Cholesky of the [X y] block: leading p×p is R_X', the last diagonal is sqrt(pwrss).
    const p = this.p;
    if (!cholInPlace(lxy, 0, p, xyDim)) return false;
    let ldRX2 = 0;
    for (let r = 0; r < p; r++) ldRX2 += 2 * Math.log(lxy[r * xyDim + r] as number);
    // Last row: c' = y'X* L_X^{-T}, pwrss = y'y* − c'c (done by hand to allow pwrss ≈ 0).
    for (let j = 0; j < p; j++) {
      let sum = lxy[p * xyDim + j] as number;
      for (let m = 0; m < j; m++) sum -= (lxy[p * xyDim + m] as number) * (lxy[j * xyDim + m] as number);
      lxy[p * xyDim + j] = sum / (lxy[j * xyDim + j] as number);
    }
    let r2 = lxy[p * xyDim + p] as number;
    for (let m = 0; m < p; m++) r2 -= (lxy[p * xyDim + m] as number) ** 2;
    this.pwrss = Math.max(r2, 0);
    lxy[p * xyDim + p] = Math.sqrt(this.pwrss);
    this.ldL2 = ldL2;
    this.ldRX2 = ldRX2;
    return true;
  }

  /**
   * Profiled deviance at θ (docs/engine.md, "Profiled deviance"): ML `ldL2 + n(1 + log(2π pwrss/n))`, REML adds ldRX2 and uses n − p.
   *
   * @example
   * model.deviance(Float64Array.of(1), true); // REML criterion at θ = 1
   */
  deviance(theta: ArrayLike<number>, reml: boolean): number {
    if (!this.factor(theta)) return Infinity;
    const nu = reml ? this.n - this.p : this.n;
    const d = this.ldL2 + nu * (1 + Math.log((2 * Math.PI * this.pwrss) / nu));
    return reml ? d + this.ldRX2 : d;
  }

  /** β̂ at the last factored θ. */
  beta(): Float64Array {
    const { p, lxy } = this;
    const xyDim = this.s.xyDim;
    const beta = new Float64Array(p);
    for (let r = p - 1; r >= 0; r--) {
      let v = lxy[p * xyDim + r] as number;
      for (let c = r + 1; c < p; c++) v -= (lxy[c * xyDim + r] as number) * (beta[c] as number);
      beta[r] = v / (lxy[r * xyDim + r] as number);
    }
    for (let r = 0; r < p; r++) beta[r] = (beta[r] as number) + (this.yShift[r] as number);
    return beta;
  }

  /** β − γ: the coefficients of ỹ = y − Xγ, whose cross-products are stored (see {@link yShift}). */
  shifted(beta: ArrayLike<number>): Float64Array {
    const out = this.betaShifted;
    for (let r = 0; r < this.p; r++) out[r] = (beta[r] as number) - (this.yShift[r] as number);
    return out;
  }

  /** (R_X'R_X)⁻¹ at the last factored θ (p×p row-major); times σ² it is Var(β̂). */
  rxInverse(): Float64Array {
    const { p } = this;
    const xyDim = this.s.xyDim;
    const lx = new Float64Array(p * p);
    for (let r = 0; r < p; r++)
      for (let c = 0; c <= r; c++) lx[r * p + c] = this.lxy[r * xyDim + c] as number;
    const li = invLower(lx, p);
    const out = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      for (let c = 0; c <= r; c++) {
        let sum = 0;
        for (let m = r; m < p; m++) sum += (li[m * p + r] as number) * (li[m * p + c] as number);
        out[r * p + c] = sum;
        out[c * p + r] = sum;
      }
    }
    return out;
  }

  /** Spherical random effects ũ at the last factored θ and the given β̂ (length q), into `u` if given. */
  uTilde(beta: Float64Array, u: Float64Array = new Float64Array(this.s.q)): Float64Array {
    // One loop nest per method (see factor()): a loop that has never run before the previous one is
    // compiled on the stack would deoptimize the whole function on every call.
    const bt = this.shifted(beta);
    if (this.s.tailDim > 0) this.uTail(bt, u);
    if (this.s.tailNode > 0) {
      this.uSparseRhs(bt, u);
      this.uSparseBack(u);
    }
    return u;
  }

  /** ũ of the dense tail: right-hand side from its [X y] rows, then back-solve with L_T'. */
  private uTail(beta: Float64Array, u: Float64Array): void {
    const { s, p, lTail, lTailXy } = this;
    const { tailIndex } = s;
    const qT = s.tailDim;
    for (let c = 0; c < qT; c++) {
      let v = lTailXy[p * qT + c] as number;
      for (let r = 0; r < p; r++) v -= (beta[r] as number) * (lTailXy[r * qT + c] as number);
      u[tailIndex + c] = v;
    }
    for (let c = qT - 1; c >= 0; c--) {
      let v = u[tailIndex + c] as number;
      for (let r = c + 1; r < qT; r++) v -= (lTail[r * qT + c] as number) * (u[tailIndex + r] as number);
      u[tailIndex + c] = v / (lTail[c * qT + c] as number);
    }
  }

  /** Right-hand side c_u − R_ZX β̂ of the sparse columns. */
  private uSparseRhs(beta: Float64Array, u: Float64Array): void {
    const { s, l, p } = this;
    const { tailNode, nodeSize, xyOff, nodeIndex } = s;
    for (let b = 0; b < tailNode; b++) {
      const kb = nodeSize[b] as number;
      const xo = xyOff[b] as number;
      const ub = nodeIndex[b] as number;
      for (let c = 0; c < kb; c++) {
        let v = l[xo + p * kb + c] as number;
        for (let r = 0; r < p; r++) v -= (beta[r] as number) * (l[xo + r * kb + c] as number);
        u[ub + c] = v;
      }
    }
  }

  /** Back-substitution with L' over the sparse columns, last to first (the tail's ũ already known). */
  private uSparseBack(u: Float64Array): void {
    const { s, l } = this;
    const { tailNode, nodeSize, nodeIndex, patStart, patRow, patOff, diagOff } = s;
    for (let b = tailNode - 1; b >= 0; b--) {
      const kb = nodeSize[b] as number;
      const ub = nodeIndex[b] as number;
      const e1 = patStart[b + 1] as number;
      for (let e = patStart[b] as number; e < e1; e++) {
        const a = patRow[e] as number;
        const ka = nodeSize[a] as number;
        const ua = nodeIndex[a] as number;
        const o = patOff[e] as number;
        for (let c = 0; c < kb; c++) {
          let v = 0;
          for (let r = 0; r < ka; r++) v += (l[o + r * kb + c] as number) * (u[ua + r] as number);
          u[ub + c] = (u[ub + c] as number) - v;
        }
      }
      // Back-solve with L_bb'.
      const d = diagOff[b] as number;
      for (let c = kb - 1; c >= 0; c--) {
        let v = u[ub + c] as number;
        for (let r = c + 1; r < kb; r++) v -= (l[d + r * kb + c] as number) * (u[ub + r] as number);
        u[ub + c] = v / (l[d + c * kb + c] as number);
      }
    }
  }

  /** b = Λũ: random effects on the original scale (length q, node-major). */
  lambdaTimes(u: Float64Array): Float64Array {
    const { s } = this;
    const b = new Float64Array(s.q);
    for (let node = 0; node < s.nodes; node++) {
      const j = s.nodeTerm[node] as number;
      const k = this.k[j] as number;
      const t = this.t[j] as Float64Array;
      const o = s.nodeIndex[node] as number;
      for (let r = 0; r < k; r++) {
        let v = 0;
        for (let c = 0; c <= r; c++) v += (t[r * k + c] as number) * (u[o + c] as number);
        b[o + r] = v;
      }
    }
    return b;
  }

  /**
   * Diagonal blocks of (Λ'Z'ZΛ + I)⁻¹ for every node (k×k each, packed node after node), at the last
   * factored θ.
   *
   * @example
   * model.factor(theta); model.inverseDiagonalBlocks(); // lme4's condVar up to σ² and T
   */
  inverseDiagonalBlocks(): Float64Array {
    return inverseDiagonalBlocks(this.s, this.l, this.lTail, Math.max(1, ...this.k));
  }
}
