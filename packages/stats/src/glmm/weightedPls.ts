import { PlsModel } from "../lmm/pls.ts";
import type { BlockStructure } from "../lmm/structure.ts";
import type { RandomTermDesign } from "../model/design.ts";

/**
 * Weighted penalized least squares at fixed θ, the inner step of PIRLS (lme4's `merPredD` with
 * `updateXwts` + `updateDecomp` + `solve`/`solveU`): minimise ‖W^½(z − Xβ − ZΛu)‖² + ‖u‖² over u
 * (and β when X has columns). The weights change every PIRLS iteration, so the cross-products
 * Z'WZ, Z'W[X z], [X z]'W[X z] are re-accumulated per iteration (O(rows), here, with a fast path for
 * scalar terms) into the block-sparse arrays of the LMM's {@link PlsModel}, which then does the rest
 * exactly as for a linear model: θ → T, the scaled blocks, the block elimination, R_X, β̂, u and Λu
 * (all sparse block columns: no dense tail). With no X columns (p = 0) it is lme4's u-only update of
 * the second optimisation stage.
 *
 * @example
 * const sys = new WeightedPls(x, terms, n);
 * sys.accumulate(w, z);
 * if (sys.factor(theta)) sys.solveU(sys.beta(), u);
 */
export class WeightedPls {
  readonly n: number;
  readonly p: number;
  readonly s: BlockStructure;
  readonly k: Int32Array;
  readonly thetaLength: number;
  /** 0 on the diagonals of the relative covariance factors, −∞ elsewhere. */
  readonly lower: Float64Array;
  /** Relative covariance factors T_j (k×k row-major, lower) at the last θ (the PlsModel's). */
  readonly t: Float64Array[];
  /** The LMM's factorization, fed this object's weighted cross-products. */
  private readonly pls: PlsModel;
  private readonly a: Float64Array;
  private readonly axy: Float64Array;
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
    // The response column is filled per PIRLS iteration: the PlsModel's own unweighted accumulation of
    // zeros (once, O(rows)) is overwritten by the first accumulate().
    const pls = new PlsModel(x, new Float64Array(n), terms, "none");
    this.pls = pls;
    const s = pls.s;
    this.s = s;
    const K = terms.length;
    this.k = pls.k;
    this.thetaLength = pls.thetaLength;
    this.lower = pls.lower;
    this.t = pls.t;
    this.a = pls.a;
    this.axy = pls.axy;
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
          this.rowPair[pair * n + i] = pls.blockOffset(
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
          const off = this.pls.blockOffset(nodes[j1] as number, b);
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

  /** Fills the relative covariance factors T_j from θ (column-wise lower triangles, lme4's order). */
  setTheta(theta: ArrayLike<number>): void {
    this.pls.setTheta(theta);
  }

  /**
   * Factors Λ'Z'WZΛ + I and the [X z] Schur complement for the accumulated cross-products at θ (the
   * LMM's factorization). Returns false when a pivot is not positive (then ldL2/ldRX2 are meaningless).
   */
  factor(theta: ArrayLike<number>): boolean {
    if (!this.pls.factor(theta)) return false;
    this.ldL2 = this.pls.ldL2;
    this.ldRX2 = this.pls.ldRX2;
    return true;
  }

  /** β̂ of the last factorization (length p). */
  beta(): Float64Array {
    return this.pls.beta();
  }

  /** (R_X'R_X)⁻¹ of the last factorization (p×p row-major): lme4's `unsc()`, Var(β̂) for σ = 1. */
  rxInverse(): Float64Array {
    return this.pls.rxInverse();
  }

  /** Spherical random effects u at the last factorization and the given β (into `u`, length q). */
  solveU(beta: Float64Array, u: Float64Array): void {
    this.pls.uTilde(beta, u);
  }

  /** Diagonal entry of L for a scalar node (AGQ: the conditional SD of u_g is 1/L_gg). */
  diagonal(node: number): number {
    return this.pls.l[this.s.diagOff[node] as number] as number;
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
