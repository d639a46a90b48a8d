import type { PlsModel } from "./pls.ts";
import { SelectedInverse } from "./plsSelectedInverse.ts";

/**
 * The analytic gradient of the profiled REML/ML deviance with respect to θ (docs/engine-factorization.md,
 * "The gradient"). With C = [Z X]'[Z X], Λ̃ = diag(Λ, I) and Ω = Λ̃'CΛ̃ + diag(I, 0):
 *
 *   D(θ) = log|Ω| + ν (1 + log(2π r²/ν))          (REML, ν = n − p; ML: log|Λ'Z'ZΛ + I|, ν = n)
 *   ∂ log|Ω|/∂θ_i = tr(Ω⁻¹ ∂Ω) = 2 Σ_b tr(P_bb E_i),   P = Ω⁻¹ Λ̃'C
 *   ∂ r²/∂θ_i     = −2 Σ_b (Z_b' res)' E_i ũ_b         (β̂ and ũ minimise r², so only the explicit
 *                                                        dependence counts)
 *
 * where E_i = ∂T_j/∂θ_i is the unit matrix at θ_i's place in its term's factor T_j and the sums run over
 * the term's nodes b. P_bb needs Ω⁻¹ only where C is not zero — the selected inverse on the factor's
 * pattern ({@link SelectedInverse}); Z'res comes from the stored cross-products, never the rows.
 * One gradient costs about two to three deviance evaluations on a nested model.
 */
export class DevianceGradient {
  private readonly inv: SelectedInverse;
  /** Σ_b P_bb per term (k_j × k_j each, at gStart[j]). */
  private readonly g: Float64Array;
  private readonly gStart: Int32Array;
  private readonly w: Float64Array;
  private readonly u: Float64Array;
  private readonly bv: Float64Array;
  private readonly h: Float64Array;
  private readonly tmp: Float64Array;
  /** The two pieces of the gradient, for {@link evaluate}. */
  private readonly partLd: Float64Array;
  private readonly partPw: Float64Array;

  /**
   * The model's gradient, made once per model: the optimizer and Satterthwaite's derivatives then
   * share one selected inverse and one set of compiled, type-stable call sites.
   *
   * @example
   * DevianceGradient.of(model).evaluate(theta, true, grad);
   */
  static of(model: PlsModel): DevianceGradient {
    let g = made.get(model);
    if (!g) {
      g = new DevianceGradient(model);
      made.set(model, g);
    }
    return g;
  }

  constructor(
    readonly model: PlsModel,
    /** Use P_bb = (I − M_bb) T_b⁻¹ where every T_j is invertible (false: always the full sums, for tests). */
    private readonly useIdentity = true,
  ) {
    this.inv = new SelectedInverse(model);
    const K = model.k.length;
    this.gStart = new Int32Array(K + 1);
    for (let j = 0; j < K; j++) this.gStart[j + 1] = (this.gStart[j] as number) + (model.k[j] as number) ** 2;
    this.g = new Float64Array(this.gStart[K] as number);
    this.w = new Float64Array(model.s.q);
    this.u = new Float64Array(model.s.q);
    this.bv = new Float64Array(model.s.q);
    this.h = new Float64Array(model.s.tailDim);
    const kmax = Math.max(1, ...model.k);
    this.tmp = new Float64Array(kmax * kmax * 2);
    this.partLd = new Float64Array(model.thetaLength);
    this.partPw = new Float64Array(model.thetaLength);
  }

  /**
   * The deviance at θ (as {@link PlsModel.deviance}) with its gradient written to `grad`; Infinity
   * (gradient untouched) where the factorization fails.
   *
   * @example
   * const gr = new DevianceGradient(model); const grad = new Float64Array(model.thetaLength);
   * gr.evaluate(theta, true, grad); // REML criterion, grad = ∂D/∂θ
   */
  evaluate(theta: ArrayLike<number>, reml: boolean, grad: Float64Array): number {
    const { partLd, partPw, model } = this;
    const dev = this.parts(theta, reml, partLd, partPw);
    if (!Number.isFinite(dev)) return dev;
    // ∂D/∂θ = ∂ log|Ω|/∂θ + ν ∂pwrss/∂θ / pwrss (0 when pwrss vanishes).
    const nu = reml ? model.n - model.p : model.n;
    const scale = model.pwrss > 0 ? nu / model.pwrss : 0;
    for (let i = 0; i < grad.length; i++) grad[i] = (partLd[i] as number) + scale * (partPw[i] as number);
    return dev;
  }

  /**
   * The deviance at θ with the gradients of its two θ-dependent pieces: ∂ log|Ω|/∂θ (ldL2, + ldRX2
   * for REML) into `logDet` and ∂pwrss/∂θ into `pwrss` (Satterthwaite's Hessian differences them,
   * lmm/satterthwaite.ts; {@link evaluate} combines them).
   *
   * @example
   * gr.parts(theta, true, gLd, gPw); // ∂D/∂θ = gLd + ν gPw / pwrss
   */
  parts(theta: ArrayLike<number>, reml: boolean, logDet: Float64Array, pwrss: Float64Array): number {
    const { model } = this;
    const dev = model.deviance(theta, reml);
    if (!Number.isFinite(dev)) return dev;
    this.inv.compute(reml);
    const beta = model.beta();
    const u = model.uTilde(beta, this.u);
    if (this.useIdentity && this.invertible()) this.fromDiagonal(u);
    else {
      this.logDetPart(reml);
      if (model.s.tailDim > 0) this.logDetTail(reml);
      this.residualCross(model.shifted(beta), u);
    }
    const { s, thetaStart } = model;
    for (let j = 0; j < model.k.length; j++) {
      const k = model.k[j] as number;
      const g0 = this.gStart[j] as number;
      let idx = thetaStart[j] as number;
      for (let c = 0; c < k; c++) {
        for (let r = c; r < k; r++) {
          // θ fills T_j column-wise: this entry is T_j[r][c]; tr(P E_rc) = P[c][r].
          let wu = 0;
          for (let b = s.termStart[j] as number; b < ((s.termStart[j + 1] as number) || s.nodes); b++) {
            const o = s.nodeIndex[b] as number;
            wu += (this.w[o + r] as number) * (u[o + c] as number);
          }
          logDet[idx] = 2 * (this.g[g0 + c * k + r] as number);
          pwrss[idx++] = -2 * wu;
        }
      }
    }
    return dev;
  }

  /** Whether every T_j's diagonal is clear of zero (then {@link fromDiagonal} is exact and stable). */
  private invertible(): boolean {
    const { model } = this;
    for (let j = 0; j < model.k.length; j++) {
      const k = model.k[j] as number;
      const t = model.t[j] as Float64Array;
      for (let r = 0; r < k; r++) if (!(Math.abs(t[r * k + r] as number) >= 1e-4)) return false;
    }
    return true;
  }

  /**
   * g and w when every T_j is invertible: P Λ̃ = M (Ω − diag(I, 0)) = I − M diag(I, 0) gives
   * P_bb T_b = I − M_bb, so g_j = (n_j I − Σ_b M_bb) T_j⁻¹; and the ũ equations Λ'Z'res = ũ give
   * w_b = T_b'⁻¹ ũ_b. Only the diagonal blocks of the selected inverse are read.
   */
  private fromDiagonal(u: Float64Array): void {
    const { model, g, gStart, tmp, w } = this;
    const { s } = model;
    const { mb, mt } = this.inv;
    const D = this.inv.dim;
    g.fill(0);
    for (let b = 0; b < s.nodes; b++) {
      const j = s.nodeTerm[b] as number;
      const k = model.k[j] as number;
      const g0 = gStart[j] as number;
      const t = model.t[j] as Float64Array;
      const o = s.nodeIndex[b] as number;
      const tail = b >= s.tailNode;
      const ib = o - s.tailIndex;
      const d = s.diagOff[b] as number;
      for (let r = 0; r < k; r++)
        for (let c = 0; c < k; c++)
          g[g0 + r * k + c] =
            (g[g0 + r * k + c] as number) +
            (r === c ? 1 : 0) -
            (tail ? (mt[(ib + r) * D + ib + c] as number) : (mb[d + r * k + c] as number));
      // T' w_b = ũ_b by back-substitution (T' is upper triangular).
      for (let r = k - 1; r >= 0; r--) {
        let v = u[o + r] as number;
        for (let m = r + 1; m < k; m++) v -= (t[m * k + r] as number) * (w[o + m] as number);
        w[o + r] = v / (t[r * k + r] as number);
      }
    }
    // g_j ← g_j T_j⁻¹ (solve X T_j = g_j row by row).
    for (let j = 0; j < model.k.length; j++) {
      const k = model.k[j] as number;
      const g0 = gStart[j] as number;
      const t = model.t[j] as Float64Array;
      for (let r = 0; r < k; r++) {
        for (let c = k - 1; c >= 0; c--) {
          let v = g[g0 + r * k + c] as number;
          for (let m = c + 1; m < k; m++) v -= (tmp[m] as number) * (t[m * k + c] as number);
          tmp[c] = v / (t[c * k + c] as number);
        }
        for (let c = 0; c < k; c++) g[g0 + r * k + c] = tmp[c] as number;
      }
    }
  }

  /** g_j = Σ_{b ∈ term j} P_bb, P = M Λ̃'C, over C's stored blocks (sparse, X, dense tail). */
  private logDetPart(withX: boolean): void {
    const { model, g, gStart, tmp, inv } = this;
    const { s, a, p, t: T } = model;
    const { mb, mx } = inv;
    const { nodeTerm, nodeSize, diagOff, patStart, patRow, patOff, xyOff, tailNode: N } = s;
    g.fill(0);
    for (let b = 0; b < N; b++) {
      const jb = nodeTerm[b] as number;
      const kb = nodeSize[b] as number;
      const tb = T[jb] as Float64Array;
      const gb = gStart[jb] as number;
      const d = diagOff[b] as number;
      // P_bb += M_bb T_b' A_bb.
      addMTtA(g, gb, mb, d, false, tb, kb, a, d, false, kb, tmp);
      for (let e = patStart[b] as number; e < (patStart[b + 1] as number); e++) {
        const ar = patRow[e] as number;
        const ja = nodeTerm[ar] as number;
        const ka = nodeSize[ar] as number;
        const o = patOff[e] as number;
        // P_bb += M_ab' T_a' A_ab;  P_aa += M_ab T_b' A_ab'.
        addMTtA(g, gb, mb, o, true, T[ja] as Float64Array, ka, a, o, false, kb, tmp);
        addMTtA(g, gStart[ja] as number, mb, o, false, tb, kb, a, o, true, ka, tmp);
      }
      if (withX) {
        // P_bb += M_Xb' (X'Z_b).
        const xo = xyOff[b] as number;
        for (let r = 0; r < kb; r++)
          for (let c = 0; c < kb; c++) {
            let v = 0;
            for (let x = 0; x < p; x++) v += (mx[xo + x * kb + r] as number) * (a[xo + x * kb + c] as number);
            g[gb + r * kb + c] = (g[gb + r * kb + c] as number) + v;
          }
      }
    }
  }

  /** The dense tail's share of {@link logDetPart} (a method of its own: see PlsModel.uTilde). */
  private logDetTail(withX: boolean): void {
    const { model, g, gStart, inv } = this;
    const { s, p, t: T, aTail, aTailXy } = model;
    const { mt } = inv;
    const { nodeTerm, nodeSize, tailNode: N } = s;
    const qT = s.tailDim;
    const D = inv.dim;
    const mAt = (a0: number, r: number, c: number): number =>
      // M_{tail} entry at scalar tail positions.
      mt[(a0 + r) * D + c] as number;
    // Tail: P_bb[r][c] += Σ_i M[ib+r][i] (Λ_T'C)[i][ib+c] + Σ_x M[ib+r][qT+x] (X'Z)[x][ib+c].
    const { h } = this;
    const cAt = (i: number, j: number): number => (i >= j ? aTail[i * qT + j] : aTail[j * qT + i]) as number;
    for (let b = N; b < s.nodes; b++) {
      const jb = nodeTerm[b] as number;
      const kb = nodeSize[b] as number;
      const gb = gStart[jb] as number;
      const ib = (s.nodeIndex[b] as number) - s.tailIndex;
      for (let c = 0; c < kb; c++) {
        const col = ib + c;
        // h = column col of Λ_T'C.
        for (let na = N; na < s.nodes; na++) {
          const ka = nodeSize[na] as number;
          const ta = T[nodeTerm[na] as number] as Float64Array;
          const ia = (s.nodeIndex[na] as number) - s.tailIndex;
          for (let r = 0; r < ka; r++) {
            let v = 0;
            for (let m = r; m < ka; m++) v += (ta[m * ka + r] as number) * cAt(ia + m, col);
            h[ia + r] = v;
          }
        }
        for (let r = 0; r < kb; r++) {
          let v = 0;
          for (let i = 0; i < qT; i++) v += mAt(ib, r, i) * (h[i] as number);
          if (withX) for (let x = 0; x < p; x++) v += mAt(ib, r, qT + x) * (aTailXy[x * qT + col] as number);
          g[gb + r * kb + c] = (g[gb + r * kb + c] as number) + v;
        }
      }
    }
  }

  /** w = Z'(ỹ − X(β̂ − γ) − ZΛũ) = Z'(y − Xβ̂ − ZΛũ) from the stored cross-products of ỹ = y − Xγ (length q, node-major). */
  private residualCross(beta: Float64Array, u: Float64Array): void {
    // One loop nest per method (see PlsModel.uTilde).
    this.lambdaU(u);
    this.crossXy(beta);
    if (this.model.s.tailDim > 0) this.crossXyTail(beta);
    this.subtractSparse();
    if (this.model.s.tailDim > 0) this.subtractTail();
  }

  /** bv = Λũ. */
  private lambdaU(u: Float64Array): void {
    const { model, bv } = this;
    const { s, t: T } = model;
    const { nodeTerm, nodeSize, nodeIndex } = s;
    for (let b = 0; b < s.nodes; b++) {
      const k = nodeSize[b] as number;
      const t = T[nodeTerm[b] as number] as Float64Array;
      const o = nodeIndex[b] as number;
      for (let r = 0; r < k; r++) {
        let v = 0;
        for (let c = 0; c <= r; c++) v += (t[r * k + c] as number) * (u[o + c] as number);
        bv[o + r] = v;
      }
    }
  }

  /** w_b = Z_b'(y − Xβ̂) for the sparse nodes. */
  private crossXy(beta: Float64Array): void {
    const { model, w } = this;
    const { s, a, p } = model;
    const { nodeSize, nodeIndex, xyOff, tailNode: N } = s;
    for (let b = 0; b < N; b++) {
      const kb = nodeSize[b] as number;
      const xo = xyOff[b] as number;
      const o = nodeIndex[b] as number;
      for (let c = 0; c < kb; c++) {
        let v = a[xo + p * kb + c] as number;
        for (let x = 0; x < p; x++) v -= (beta[x] as number) * (a[xo + x * kb + c] as number);
        w[o + c] = v;
      }
    }
  }

  /** w = Z_T'(y − Xβ̂) for the dense tail. */
  private crossXyTail(beta: Float64Array): void {
    const { model, w } = this;
    const { s, p, aTailXy } = model;
    const qT = s.tailDim;
    for (let c = 0; c < qT; c++) {
      let v = aTailXy[p * qT + c] as number;
      for (let x = 0; x < p; x++) v -= (beta[x] as number) * (aTailXy[x * qT + c] as number);
      w[s.tailIndex + c] = v;
    }
  }

  /** w −= Z'Z Λũ over the sparse columns' stored blocks (both triangles). */
  private subtractSparse(): void {
    const { model, w, bv } = this;
    const { s, a } = model;
    const { nodeSize, nodeIndex, diagOff, patStart, patRow, patOff, tailNode: N } = s;
    for (let b = 0; b < N; b++) {
      const kb = nodeSize[b] as number;
      const ob = nodeIndex[b] as number;
      const d = diagOff[b] as number;
      for (let r = 0; r < kb; r++) {
        let v = 0;
        for (let c = 0; c < kb; c++) v += (a[d + r * kb + c] as number) * (bv[ob + c] as number);
        w[ob + r] = (w[ob + r] as number) - v;
      }
      for (let e = patStart[b] as number; e < (patStart[b + 1] as number); e++) {
        const ar = patRow[e] as number;
        const ka = nodeSize[ar] as number;
        const oa = nodeIndex[ar] as number;
        const off = patOff[e] as number;
        // A_ab is ka × kb: w_a −= A_ab bv_b, w_b −= A_ab' bv_a.
        for (let r = 0; r < ka; r++) {
          let v = 0;
          for (let c = 0; c < kb; c++) v += (a[off + r * kb + c] as number) * (bv[ob + c] as number);
          w[oa + r] = (w[oa + r] as number) - v;
        }
        for (let c = 0; c < kb; c++) {
          let v = 0;
          for (let r = 0; r < ka; r++) v += (a[off + r * kb + c] as number) * (bv[oa + r] as number);
          w[ob + c] = (w[ob + c] as number) - v;
        }
      }
    }
  }

  /** w_T −= A_T Λ_T ũ_T on the dense tail. */
  private subtractTail(): void {
    const { model, w, bv } = this;
    const { s, aTail } = model;
    const qT = s.tailDim;
    const ti = s.tailIndex;
    for (let i = 0; i < qT; i++) {
      let v = 0;
      for (let j = 0; j < qT; j++)
        v +=
          (i >= j ? (aTail[i * qT + j] as number) : (aTail[j * qT + i] as number)) * (bv[ti + j] as number);
      w[ti + i] = (w[ti + i] as number) - v;
    }
  }
}

/** Each model's {@link DevianceGradient.of}. */
const made = new WeakMap<PlsModel, DevianceGradient>();

/**
 * g (k×k at gOff) += M · T' · A for blocks of the selected inverse and of Z'Z, each optionally
 * transposed: M is (k × kt) or its transpose, T is kt × kt lower, A is (kt × k) or its transpose.
 */
function addMTtA(
  g: Float64Array,
  gOff: number,
  m: Float64Array,
  mOff: number,
  mTrans: boolean,
  t: Float64Array,
  kt: number,
  a: Float64Array,
  aOff: number,
  aTrans: boolean,
  k: number,
  tmp: Float64Array,
): void {
  // tmp (kt × k) = T' A: (T'A)[r][c] = Σ_{q ≥ r} T[q][r] A[q][c].
  for (let r = 0; r < kt; r++) {
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let q = r; q < kt; q++)
        v +=
          (t[q * kt + r] as number) *
          (aTrans ? (a[aOff + c * kt + q] as number) : (a[aOff + q * k + c] as number));
      tmp[r * k + c] = v;
    }
  }
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let q = 0; q < kt; q++)
        v +=
          (mTrans ? (m[mOff + q * k + r] as number) : (m[mOff + r * kt + q] as number)) *
          (tmp[q * k + c] as number);
      g[gOff + r * k + c] = (g[gOff + r * k + c] as number) + v;
    }
  }
}
