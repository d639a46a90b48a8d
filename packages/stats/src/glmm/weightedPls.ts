import { cholInPlace, invLower, rightSolveLT, subABt } from "../linalg/dense.ts";
import { tAt } from "../lmm/plsKernels.ts";
import { analyzeStructure, type BlockStructure } from "../lmm/structure.ts";
import type { RandomTermDesign } from "../model/design.ts";

/**
 * Weighted penalized least squares at fixed θ, the inner step of PIRLS (lme4's `merPredD` with
 * `updateXwts` + `updateDecomp` + `solve`/`solveU`): minimise ‖W^½(z − Xβ − ZΛu)‖² + ‖u‖² over u
 * (and β when X has columns). The weights change every PIRLS iteration, so the cross-products
 * Z'WZ, Z'W[X z], [X z]'W[X z] are re-accumulated per iteration (O(rows)) into the block-sparse
 * layout of {@link analyzeStructure}; the factorization itself costs O(blocks), as for the LMM.
 * With no X columns (p = 0) it is lme4's u-only update of the second optimisation stage.
 */
export class WeightedPls {
  readonly n: number;
  readonly p: number;
  readonly s: BlockStructure;
  readonly k: Int32Array;
  readonly thetaStart: Int32Array;
  readonly thetaLength: number;
  /** 0 on the diagonals of the relative covariance factors, −∞ elsewhere. */
  readonly lower: Float64Array;
  /** Relative covariance factors T_j (k×k row-major, lower) at the last θ. */
  readonly t: Float64Array[];
  private readonly a: Float64Array;
  private readonly axy: Float64Array;
  private readonly l: Float64Array;
  private readonly lxy: Float64Array;
  private readonly tmp: Float64Array;
  private readonly xyRow: Float64Array;
  private readonly nodes: Int32Array;
  /** All terms scalar (k = 1): the common nested random-intercept models get a fast accumulation. */
  private readonly scalar: boolean;
  /** Node of every row in every term (term-major, n per term). */
  private readonly rowNode: Int32Array;
  /** Storage offset of the off-diagonal block of every row for every pair of terms (pair-major). */
  private readonly rowPair: Int32Array;
  /** log|LL'| and log|R_X'R_X| at the last factorization. */
  ldL2 = 0;
  ldRX2 = 0;

  constructor(
    readonly x: readonly Float64Array[],
    readonly terms: readonly RandomTermDesign[],
    n: number,
  ) {
    this.n = n;
    this.p = x.length;
    // All sparse block columns: this factorization does not (yet) handle the LMM's dense tail.
    const s = analyzeStructure(terms, n, this.p, "none");
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
    this.a = new Float64Array(s.size);
    this.axy = new Float64Array(s.xyDim * s.xyDim);
    this.l = new Float64Array(s.size);
    this.lxy = new Float64Array(s.xyDim * s.xyDim);
    const kmax = Math.max(1, ...this.k);
    this.tmp = new Float64Array(kmax * kmax);
    this.xyRow = new Float64Array(s.xyDim);
    this.nodes = new Int32Array(K);
    this.scalar = this.k.every((k) => k === 1);
    this.rowNode = new Int32Array(K * n);
    for (let j = 0; j < K; j++) {
      const codes = (terms[j] as RandomTermDesign).codes;
      const start = s.termStart[j] as number;
      for (let i = 0; i < n; i++) this.rowNode[j * n + i] = start + (codes[i] as number);
    }
    this.rowPair = new Int32Array(((K * (K - 1)) / 2) * n);
    let pair = 0;
    for (let j2 = 0; j2 < K; j2++) {
      for (let j1 = j2 + 1; j1 < K; j1++) {
        for (let i = 0; i < n; i++)
          this.rowPair[pair * n + i] = this.blockOffset(
            this.rowNode[j1 * n + i] as number,
            this.rowNode[j2 * n + i] as number,
          );
        pair++;
      }
    }
  }

  /** accumulate() for scalar terms: one weighted product per term, pair and [X z] column. */
  private accumulateScalar(w: Float64Array, z: Float64Array): void {
    const { s, terms, a, axy, x, p, xyRow: xy, rowNode, rowPair, n } = this;
    const K = terms.length;
    const xyDim = s.xyDim;
    const { diagOff, xyOff } = s;
    const cols = terms.map((t) => t.columns[0] as Float64Array);
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      if (wi === 0) continue;
      for (let r = 0; r < p; r++) xy[r] = (x[r] as Float64Array)[i] as number;
      xy[p] = z[i] as number;
      for (let r = 0; r < xyDim; r++) {
        const v = wi * (xy[r] as number);
        const o = r * xyDim;
        for (let c = 0; c <= r; c++) axy[o + c] = (axy[o + c] as number) + v * (xy[c] as number);
      }
      let pair = 0;
      for (let j2 = 0; j2 < K; j2++) {
        const z2 = (cols[j2] as Float64Array)[i] as number;
        const wz = wi * z2;
        const b = rowNode[j2 * n + i] as number;
        const d = diagOff[b] as number;
        a[d] = (a[d] as number) + wz * z2;
        const xo = xyOff[b] as number;
        for (let r = 0; r < xyDim; r++) a[xo + r] = (a[xo + r] as number) + wz * (xy[r] as number);
        for (let j1 = j2 + 1; j1 < K; j1++) {
          const off = rowPair[pair * n + i] as number;
          a[off] = (a[off] as number) + wz * ((cols[j1] as Float64Array)[i] as number);
          pair++;
        }
      }
    }
  }

  /** Accumulates Z'WZ, Z'W[X z] and [X z]'W[X z] for weights w and working response z. */
  accumulate(w: Float64Array, z: Float64Array): void {
    const { s, terms, a, axy, x, p, xyRow: xy, nodes, k: termK } = this;
    a.fill(0);
    axy.fill(0);
    if (this.scalar) {
      this.accumulateScalar(w, z);
      for (let r = 0; r < s.xyDim; r++)
        for (let c = r + 1; c < s.xyDim; c++) axy[r * s.xyDim + c] = axy[c * s.xyDim + r] as number;
      return;
    }
    const K = terms.length;
    const xyDim = s.xyDim;
    for (let i = 0; i < this.n; i++) {
      const wi = w[i] as number;
      if (wi === 0) continue;
      for (let r = 0; r < p; r++) xy[r] = (x[r] as Float64Array)[i] as number;
      xy[p] = z[i] as number;
      for (let r = 0; r < xyDim; r++) {
        const v = wi * (xy[r] as number);
        for (let c = 0; c <= r; c++)
          axy[r * xyDim + c] = (axy[r * xyDim + c] as number) + v * (xy[c] as number);
      }
      for (let j = 0; j < K; j++)
        nodes[j] = (s.termStart[j] as number) + ((terms[j] as RandomTermDesign).codes[i] as number);
      for (let j2 = 0; j2 < K; j2++) {
        const cols2 = (terms[j2] as RandomTermDesign).columns;
        const k2 = termK[j2] as number;
        const b = nodes[j2] as number;
        const d = s.diagOff[b] as number;
        for (let r = 0; r < k2; r++) {
          const zr = wi * ((cols2[r] as Float64Array)[i] as number);
          for (let c = 0; c < k2; c++)
            a[d + r * k2 + c] =
              (a[d + r * k2 + c] as number) + zr * ((cols2[c] as Float64Array)[i] as number);
        }
        const xo = s.xyOff[b] as number;
        for (let r = 0; r < xyDim; r++) {
          const v = wi * (xy[r] as number);
          for (let c = 0; c < k2; c++)
            a[xo + r * k2 + c] =
              (a[xo + r * k2 + c] as number) + v * ((cols2[c] as Float64Array)[i] as number);
        }
        for (let j1 = j2 + 1; j1 < K; j1++) {
          // Nodes are numbered term by term, so a later term's node is the row block (k1 × k2).
          const cols1 = (terms[j1] as RandomTermDesign).columns;
          const k1 = termK[j1] as number;
          const off = this.blockOffset(nodes[j1] as number, b);
          for (let r = 0; r < k1; r++) {
            const zr = wi * ((cols1[r] as Float64Array)[i] as number);
            for (let c = 0; c < k2; c++)
              a[off + r * k2 + c] =
                (a[off + r * k2 + c] as number) + zr * ((cols2[c] as Float64Array)[i] as number);
          }
        }
      }
    }
    for (let r = 0; r < xyDim; r++)
      for (let c = r + 1; c < xyDim; c++) axy[r * xyDim + c] = axy[c * xyDim + r] as number;
  }

  private blockOffset(a: number, b: number): number {
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

  /** Fills the relative covariance factors T_j from θ (column-wise lower triangles, lme4's order). */
  setTheta(theta: ArrayLike<number>): void {
    for (let j = 0; j < this.t.length; j++) {
      const k = this.k[j] as number;
      const tj = this.t[j] as Float64Array;
      let idx = this.thetaStart[j] as number;
      for (let c = 0; c < k; c++) for (let r = c; r < k; r++) tj[r * k + c] = theta[idx++] as number;
    }
  }

  /**
   * Factors Λ'Z'WZΛ + I and the [X z] Schur complement for the accumulated cross-products at θ.
   * Returns false when a pivot is not positive (then ldL2/ldRX2 are meaningless).
   */
  factor(theta: ArrayLike<number>): boolean {
    this.setTheta(theta);
    this.scale();
    const ldL2 = this.eliminate();
    if (Number.isNaN(ldL2)) return false;
    this.ldL2 = ldL2;
    return this.factorX();
  }

  private scale(): void {
    const { s, a, l, lxy, axy, k: termK, t: termT, tmp } = this;
    lxy.set(axy);
    for (let b = 0; b < s.nodes; b++) {
      const jb = s.nodeTerm[b] as number;
      const kb = termK[jb] as number;
      const tb = termT[jb] as Float64Array;
      const d = s.diagOff[b] as number;
      tAt(l, d, a, d, tb, kb, tb, kb, tmp);
      for (let r = 0; r < kb; r++) l[d + r * kb + r] = (l[d + r * kb + r] as number) + 1;
      for (let e = s.patStart[b] as number; e < (s.patStart[b + 1] as number); e++) {
        const ja = s.nodeTerm[s.patRow[e] as number] as number;
        const o = s.patOff[e] as number;
        tAt(l, o, a, o, termT[ja] as Float64Array, termK[ja] as number, tb, kb, tmp);
      }
      const xo = s.xyOff[b] as number;
      for (let r = 0; r < s.xyDim; r++) {
        for (let c = 0; c < kb; c++) {
          let v = 0;
          for (let m = c; m < kb; m++) v += (a[xo + r * kb + m] as number) * (tb[m * kb + c] as number);
          l[xo + r * kb + c] = v;
        }
      }
    }
  }

  private eliminate(): number {
    const { s, l, lxy } = this;
    const { xyDim, nodeSize, diagOff, patStart, patRow, patOff, xyOff, pairStart, pairOff } = s;
    let ldL2 = 0;
    for (let b = 0; b < s.nodes; b++) {
      const kb = nodeSize[b] as number;
      const d = diagOff[b] as number;
      if (!cholInPlace(l, d, kb)) return Number.NaN;
      for (let r = 0; r < kb; r++) ldL2 += 2 * Math.log(l[d + r * kb + r] as number);
      const e0 = patStart[b] as number;
      const e1 = patStart[b + 1] as number;
      for (let e = e0; e < e1; e++)
        rightSolveLT(l, patOff[e] as number, nodeSize[patRow[e] as number] as number, l, d, kb);
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
        subABt(l, xyOff[patRow[i] as number] as number, l, xo, l, oi, xyDim, ki, kb);
      }
      subABt(lxy, 0, l, xo, l, xo, xyDim, xyDim, kb);
    }
    return ldL2;
  }

  /** Cholesky of the X block of the Schur complement (R_X') and the solution row for z. */
  private factorX(): boolean {
    const { lxy, p } = this;
    const xyDim = this.s.xyDim;
    if (!cholInPlace(lxy, 0, p, xyDim)) return false;
    let ldRX2 = 0;
    for (let r = 0; r < p; r++) ldRX2 += 2 * Math.log(lxy[r * xyDim + r] as number);
    for (let j = 0; j < p; j++) {
      let sum = lxy[p * xyDim + j] as number;
      for (let m = 0; m < j; m++) sum -= (lxy[p * xyDim + m] as number) * (lxy[j * xyDim + m] as number);
      lxy[p * xyDim + j] = sum / (lxy[j * xyDim + j] as number);
    }
    this.ldRX2 = ldRX2;
    return true;
  }

  /** β̂ of the last factorization (length p). */
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

  /** (R_X'R_X)⁻¹ of the last factorization (p×p row-major): lme4's `unsc()`, Var(β̂) for σ = 1. */
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

  /** Spherical random effects u at the last factorization and the given β (into `u`, length q). */
  solveU(beta: Float64Array, u: Float64Array): void {
    const { s, l, p } = this;
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
      const d = s.diagOff[b] as number;
      for (let c = kb - 1; c >= 0; c--) {
        let v = u[ub + c] as number;
        for (let r = c + 1; r < kb; r++) v -= (l[d + r * kb + c] as number) * (u[ub + r] as number);
        u[ub + c] = v / (l[d + c * kb + c] as number);
      }
    }
  }

  /** Diagonal entry of L for a scalar node (AGQ: the conditional SD of u_g is 1/L_gg). */
  diagonal(node: number): number {
    return this.l[this.s.diagOff[node] as number] as number;
  }

  /** eta += Zb for random effects b on the original scale (node-major). */
  addZb(b: Float64Array, eta: Float64Array): void {
    const { n, rowNode, terms, s } = this;
    for (let j = 0; j < terms.length; j++) {
      const cols = (terms[j] as RandomTermDesign).columns;
      const k = this.k[j] as number;
      if (k === 1) {
        const col = cols[0] as Float64Array;
        for (let i = 0; i < n; i++)
          eta[i] =
            (eta[i] as number) +
            (col[i] as number) * (b[s.nodeIndex[rowNode[j * n + i] as number] as number] as number);
        continue;
      }
      for (let i = 0; i < n; i++) {
        const o = s.nodeIndex[rowNode[j * n + i] as number] as number;
        let v = 0;
        for (let e = 0; e < k; e++) v += ((cols[e] as Float64Array)[i] as number) * (b[o + e] as number);
        eta[i] = (eta[i] as number) + v;
      }
    }
  }

  /** b = Λu: random effects on the original scale (into `b`, node-major). */
  lambdaTimes(u: Float64Array, b: Float64Array): void {
    const { s } = this;
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
  }
}
