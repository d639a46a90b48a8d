import { cholInPlace, invLower, rightSolveLT, subABt } from "../linalg/dense.ts";
import type { RandomTermDesign } from "../model/design.ts";
import { analyzeStructure, type BlockStructure } from "./structure.ts";

/**
 * Penalized least squares at fixed θ (lme4's PLS; docs/engine.md, "Penalised least squares"), organised as a blocked Cholesky
 * (MixedModels.jl's layout) over the block-sparse structure of {@link analyzeStructure}.
 * All cross-products Z'Z, Z'[X y], [X y]'[X y] are accumulated once; each evaluation costs O(blocks).
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

  private readonly a: Float64Array;
  private readonly axy: Float64Array;
  /** The factor L at the last θ given to {@link factor}. */
  readonly l: Float64Array;
  readonly lxy: Float64Array;
  /** Relative covariance factors T_j (k×k row-major, lower) at the last θ. */
  readonly t: Float64Array[];
  private readonly tmp: Float64Array;
  ldL2 = 0;
  ldRX2 = 0;
  pwrss = 0;

  constructor(
    x: readonly Float64Array[],
    y: Float64Array,
    readonly terms: readonly RandomTermDesign[],
  ) {
    const n = y.length;
    const p = x.length;
    this.n = n;
    this.p = p;
    const s = analyzeStructure(terms, n, p);
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
    this.accumulate(x, y);
  }

  private accumulate(x: readonly Float64Array[], y: Float64Array): void {
    const { s, terms, a, axy } = this;
    const K = terms.length;
    const xyDim = s.xyDim;
    const xy = new Float64Array(xyDim);
    const nodes = new Int32Array(K);
    for (let i = 0; i < this.n; i++) {
      for (let r = 0; r < this.p; r++) xy[r] = (x[r] as Float64Array)[i] as number;
      xy[this.p] = y[i] as number;
      for (let r = 0; r < xyDim; r++) {
        const v = xy[r] as number;
        for (let c = 0; c <= r; c++)
          axy[r * xyDim + c] = (axy[r * xyDim + c] as number) + v * (xy[c] as number);
      }
      for (let j = 0; j < K; j++) {
        const tj = terms[j] as RandomTermDesign;
        nodes[j] = (s.termStart[j] as number) + (tj.codes[i] as number);
      }
      for (let j2 = 0; j2 < K; j2++) {
        const t2 = terms[j2] as RandomTermDesign;
        const k2 = this.k[j2] as number;
        const b = nodes[j2] as number;
        // Diagonal block.
        const d = s.diagOff[b] as number;
        for (let r = 0; r < k2; r++) {
          const zr = (t2.columns[r] as Float64Array)[i] as number;
          for (let c = 0; c < k2; c++)
            a[d + r * k2 + c] =
              (a[d + r * k2 + c] as number) + zr * ((t2.columns[c] as Float64Array)[i] as number);
        }
        // [X y] block.
        const xo = s.xyOff[b] as number;
        for (let r = 0; r < xyDim; r++) {
          const v = xy[r] as number;
          for (let c = 0; c < k2; c++)
            a[xo + r * k2 + c] =
              (a[xo + r * k2 + c] as number) + v * ((t2.columns[c] as Float64Array)[i] as number);
        }
        // Off-diagonal blocks with later terms.
        for (let j1 = j2 + 1; j1 < K; j1++) {
          const t1 = terms[j1] as RandomTermDesign;
          const k1 = this.k[j1] as number;
          const off = this.blockOffset(nodes[j1] as number, b);
          for (let r = 0; r < k1; r++) {
            const zr = (t1.columns[r] as Float64Array)[i] as number;
            for (let c = 0; c < k2; c++)
              a[off + r * k2 + c] =
                (a[off + r * k2 + c] as number) + zr * ((t2.columns[c] as Float64Array)[i] as number);
          }
        }
      }
    }
    for (let r = 0; r < xyDim; r++)
      for (let c = r + 1; c < xyDim; c++) axy[r * xyDim + c] = axy[c * xyDim + r] as number;
  }

  /** Storage offset of block (row node a, column node b), a > b, in the factor's pattern. */
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
    const ldL2 = this.eliminate();
    if (Number.isNaN(ldL2)) return false;
    return this.factorXY(ldL2);
  }

  /** L_bb = T'A_bbT + I, L_ab = T_a'A_abT_b, L_xy,b = A_xy,b T_b; [X y]'[X y] copied. */
  private scale(): void {
    const { s, a, l, lxy, axy, tmp, k: termK, t: termT } = this;
    const { nodes: N, xyDim, nodeTerm, diagOff, patStart, patRow, patOff, xyOff } = s;
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
    const { s, l, lxy } = this;
    if (s.nodes === 0) return 0;
    const { nodes: N, xyDim, nodeSize, diagOff, patStart, patRow, patOff, xyOff, pairStart, pairOff } = s;
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
          subABt(
            l,
            pairOff[t++] as number,
            l,
            oi,
            l,
            patOff[j] as number,
            ki,
            nodeSize[patRow[j] as number] as number,
            kb,
          );
        }
        // [X y] row block of column patRow[i].
        subABt(l, xyOff[patRow[i] as number] as number, l, xo, l, oi, xyDim, ki, kb);
      }
      subABt(lxy, 0, l, xo, l, xo, xyDim, xyDim, kb);
    }
    return ldL2;
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
    return beta;
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

  /** Spherical random effects ũ at the last factored θ and the given β̂ (length q). */
  uTilde(beta: Float64Array): Float64Array {
    const { s, l, p } = this;
    const u = new Float64Array(s.q);
    for (let b = 0; b < s.nodes; b++) {
      const kb = s.nodeSize[b] as number;
      const xo = s.xyOff[b] as number;
      const ub = s.nodeIndex[b] as number;
      for (let c = 0; c < kb; c++) {
        let v = l[xo + p * kb + c] as number;
        for (let r = 0; r < p; r++) v -= (beta[r] as number) * (l[xo + r * kb + c] as number);
        u[ub + c] = v;
      }
    }
    for (let b = s.nodes - 1; b >= 0; b--) {
      const kb = s.nodeSize[b] as number;
      const ub = s.nodeIndex[b] as number;
      for (let e = s.patStart[b] as number; e < (s.patStart[b + 1] as number); e++) {
        const a = s.patRow[e] as number;
        const ka = s.nodeSize[a] as number;
        const ua = s.nodeIndex[a] as number;
        const o = s.patOff[e] as number;
        for (let c = 0; c < kb; c++) {
          let v = 0;
          for (let r = 0; r < ka; r++) v += (l[o + r * kb + c] as number) * (u[ua + r] as number);
          u[ub + c] = (u[ub + c] as number) - v;
        }
      }
      // Back-solve with L_bb'.
      const d = s.diagOff[b] as number;
      for (let c = kb - 1; c >= 0; c--) {
        let v = u[ub + c] as number;
        for (let r = c + 1; r < kb; r++) v -= (l[d + r * kb + c] as number) * (u[ub + r] as number);
        u[ub + c] = v / (l[d + c * kb + c] as number);
      }
    }
    return u;
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
   * Diagonal blocks of (Λ'Z'ZΛ + I)⁻¹ for every node (k×k each, packed node after node), by a sparse
   * forward solve along the node's elimination-tree path.
   */
  inverseDiagonalBlocks(): Float64Array {
    const { s, l } = this;
    const out = new Float64Array(Array.from(s.nodeSize).reduce((acc, k) => acc + k * k, 0));
    const kmax = Math.max(1, ...this.k);
    const w = new Float64Array(s.q * kmax);
    const path: number[] = [];
    let outOff = 0;
    for (let b = 0; b < s.nodes; b++) {
      const kb = s.nodeSize[b] as number;
      path.length = 0;
      for (let a = b; a >= 0; a = s.parent[a] as number) path.push(a);
      for (const a of path)
        w.fill(
          0,
          (s.nodeIndex[a] as number) * kb,
          ((s.nodeIndex[a] as number) + (s.nodeSize[a] as number)) * kb,
        );
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
          const wa = (s.nodeIndex[a] as number) * kb;
          const o = s.patOff[e] as number;
          for (let r = 0; r < ka; r++) {
            for (let col = 0; col < kb; col++) {
              let v = 0;
              for (let m = 0; m < kc; m++)
                v += (l[o + r * kc + m] as number) * (w[wc + m * kb + col] as number);
              w[wa + r * kb + col] = (w[wa + r * kb + col] as number) - v;
            }
          }
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
          out[outOff + r * kb + c] = v;
        }
      }
      outOff += kb * kb;
    }
    return out;
  }
}

/** out = Ta' · A · Tb for a ka×kb block (T lower triangular, row-major). */
function tAt(
  out: Float64Array,
  oOff: number,
  a: Float64Array,
  aOff: number,
  ta: Float64Array,
  ka: number,
  tb: Float64Array,
  kb: number,
  tmp: Float64Array,
): void {
  if (ka === 1 && kb === 1) {
    out[oOff] = (ta[0] as number) * (a[aOff] as number) * (tb[0] as number);
    return;
  }
  if (ka === 2 && kb === 2) {
    // Unrolled for intercept + slope terms: T lower, so T[0][1] = 0.
    const a00 = a[aOff] as number;
    const a01 = a[aOff + 1] as number;
    const a10 = a[aOff + 2] as number;
    const a11 = a[aOff + 3] as number;
    const b00 = tb[0] as number;
    const b10 = tb[2] as number;
    const b11 = tb[3] as number;
    const t00 = a00 * b00 + a01 * b10;
    const t01 = a01 * b11;
    const t10 = a10 * b00 + a11 * b10;
    const t11 = a11 * b11;
    const c00 = ta[0] as number;
    const c10 = ta[2] as number;
    const c11 = ta[3] as number;
    out[oOff] = c00 * t00 + c10 * t10;
    out[oOff + 1] = c00 * t01 + c10 * t11;
    out[oOff + 2] = c11 * t10;
    out[oOff + 3] = c11 * t11;
    return;
  }
  // tmp = A · Tb (ka × kb)
  for (let r = 0; r < ka; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let m = c; m < kb; m++) v += (a[aOff + r * kb + m] as number) * (tb[m * kb + c] as number);
      tmp[r * kb + c] = v;
    }
  }
  // out = Ta' · tmp
  for (let r = 0; r < ka; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let m = r; m < ka; m++) v += (ta[m * ka + r] as number) * (tmp[m * kb + c] as number);
      out[oOff + r * kb + c] = v;
    }
  }
}

/** out (m×kb) = A (m×kb) · Tb, T lower triangular. */
function aT(
  out: Float64Array,
  oOff: number,
  a: Float64Array,
  aOff: number,
  m: number,
  tb: Float64Array,
  kb: number,
): void {
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < kb; c++) {
      let v = 0;
      for (let t = c; t < kb; t++) v += (a[aOff + r * kb + t] as number) * (tb[t * kb + c] as number);
      out[oOff + r * kb + c] = v;
    }
  }
}
