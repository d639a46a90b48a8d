import type { BobyqaModel } from "./bobyqaModel.ts";

/** Scratch for {@link alternativeStep}: glag (n), hcol (npt), w (2n). */
export interface AltmovScratch {
  readonly glag: Float64Array;
  readonly hcol: Float64Array;
  readonly w: Float64Array;
}

/** Result of {@link alternativeStep}. */
export interface AltmovResult {
  /** α = H[knew][knew], the knew-th diagonal element of Ω. */
  readonly alpha: number;
  /** Square of the knew-th Lagrange function at xalt, or 0 if xalt was not computed. */
  readonly cauchy: number;
}

/**
 * Chooses a new position for interpolation point `knew` that keeps the interpolation set well
 * poised (Powell's ALTMOV, BOBYQA report §4 "geometry" steps), within distance adelt of xopt and
 * inside the bounds.
 *
 * xnew: the best point on the lines through xopt and the other interpolation points, judged by
 * the predicted denominator of the H update, |ℓ_knew|²(|ℓ_knew|² + α/2·(t(1−t)|y_k−xopt|²)²).
 * xalt: a bound-constrained Cauchy step that makes |ℓ_knew| large, uphill or downhill, whichever
 * is larger. The caller compares the actual denominators and picks one.
 *
 * @example
 * // In the main iteration, for the interpolation point knew farthest from xopt:
 * const { alpha, cauchy } = alternativeStep(m, knew, adelt, xnew, xalt, scratch);
 */
export function alternativeStep(
  m: BobyqaModel,
  knew: number,
  adelt: number,
  xnew: Float64Array,
  xalt: Float64Array,
  sc: AltmovScratch,
): AltmovResult {
  const { n, npt, nptm, xpt, xopt, bmat, zmat, sl, su, kopt } = m;
  const { glag, hcol, w } = sc;
  const const1 = 1 + Math.SQRT2;

  // hcol: second-derivative parameters of ℓ_knew (the knew-th column of Ω = ZZᵀ).
  hcol.fill(0);
  for (let j = 0; j < nptm; j++) {
    const t = zmat[knew * nptm + j]!;
    for (let k = 0; k < npt; k++) hcol[k]! += t * zmat[k * nptm + j]!;
  }
  const alpha = hcol[knew]!;
  const ha = 0.5 * alpha;

  // glag: gradient of ℓ_knew at xopt.
  for (let i = 0; i < n; i++) glag[i] = bmat[knew * n + i]!;
  for (let k = 0; k < npt; k++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += xpt[k * n + j]! * xopt[j]!;
    t *= hcol[k]!;
    for (let i = 0; i < n; i++) glag[i]! += t * xpt[k * n + i]!;
  }

  // Line searches along xopt + t (y_k − xopt), t in [slbd, subd] from the trust region and bounds.
  let presav = 0;
  let ksav = -1;
  let stpsav = 0;
  let ibdsav = 0; // ±(i+1): the step ends on the upper (+) / lower (−) bound of variable i
  for (let k = 0; k < npt; k++) {
    if (k === kopt) continue;
    let dderiv = 0;
    let distsq = 0;
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i]! - xopt[i]!;
      dderiv += glag[i]! * t;
      distsq += t * t;
    }
    let subd = adelt / Math.sqrt(distsq);
    let slbd = -subd;
    let ilbd = 0;
    let iubd = 0;
    const sumin = Math.min(1, subd);
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i]! - xopt[i]!;
      const lo = sl[i]! - xopt[i]!;
      const hi = su[i]! - xopt[i]!;
      if (t > 0) {
        if (slbd * t < lo) {
          slbd = lo / t;
          ilbd = -(i + 1);
        }
        if (subd * t > hi) {
          subd = Math.max(sumin, hi / t);
          iubd = i + 1;
        }
      } else if (t < 0) {
        if (slbd * t > hi) {
          slbd = hi / t;
          ilbd = i + 1;
        }
        if (subd * t < lo) {
          subd = Math.max(sumin, lo / t);
          iubd = -(i + 1);
        }
      }
    }

    // Largest |ℓ_knew| along the line: ℓ_knew is quadratic in t along it, and equals
    // t·dderiv − t²(dderiv − 1) on the line to y_knew, and dderiv·t(1 − t) on the others.
    let step: number;
    let vlag: number;
    let isbd: number;
    if (k === knew) {
      const diff = dderiv - 1;
      step = slbd;
      vlag = slbd * (dderiv - slbd * diff);
      isbd = ilbd;
      const tu = subd * (dderiv - subd * diff);
      if (Math.abs(tu) > Math.abs(vlag)) {
        step = subd;
        vlag = tu;
        isbd = iubd;
      }
      const tempd = 0.5 * dderiv;
      const tempa = tempd - diff * slbd;
      const tempb = tempd - diff * subd;
      if (tempa * tempb < 0) {
        const tm = (tempd * tempd) / diff;
        if (Math.abs(tm) > Math.abs(vlag)) {
          step = tempd / diff;
          vlag = tm;
          isbd = 0;
        }
      }
    } else {
      step = slbd;
      vlag = slbd * (1 - slbd);
      isbd = ilbd;
      const tu = subd * (1 - subd);
      if (Math.abs(tu) > Math.abs(vlag)) {
        step = subd;
        vlag = tu;
        isbd = iubd;
      }
      if (subd > 0.5 && Math.abs(vlag) < 0.25) {
        step = 0.5;
        vlag = 0.25;
        isbd = 0;
      }
      vlag *= dderiv;
    }

    const tt = step * (1 - step) * distsq;
    const predsq = vlag * vlag * (vlag * vlag + ha * tt * tt);
    if (predsq > presav) {
      presav = predsq;
      ksav = k;
      stpsav = step;
      ibdsav = isbd;
    }
  }

  // xnew on the chosen line, on a bound exactly where the line search stopped at one.
  if (ksav < 0) {
    // Degenerate (all predictions zero, e.g. NaN in the model): stay at xopt.
    for (let i = 0; i < n; i++) xnew[i] = xopt[i]!;
  } else {
    for (let i = 0; i < n; i++) {
      const t = xopt[i]! + stpsav * (xpt[ksav * n + i]! - xopt[i]!);
      xnew[i] = Math.max(sl[i]!, Math.min(su[i]!, t));
    }
  }
  if (ibdsav < 0) xnew[-ibdsav - 1] = sl[-ibdsav - 1]!;
  if (ibdsav > 0) xnew[ibdsav - 1] = su[ibdsav - 1]!;

  // Constrained Cauchy steps of ±ℓ_knew: fix the components that would leave the box, scale the
  // free ones to length adelt, repeat while more become fixed. First with glag (downhill for
  // −ℓ, stored in w[n..2n)), then with −glag; keep whichever gives the larger |ℓ_knew|².
  const bigstp = 2 * adelt;
  let csave = 0;
  let cauchy = 0;
  for (let pass = 0; pass < 2; pass++) {
    let wfixsq = 0;
    let ggfree = 0;
    for (let i = 0; i < n; i++) {
      w[i] = 0;
      const tempa = Math.min(xopt[i]! - sl[i]!, glag[i]!);
      const tempb = Math.max(xopt[i]! - su[i]!, glag[i]!);
      if (tempa > 0 || tempb < 0) {
        w[i] = bigstp;
        ggfree += glag[i]! * glag[i]!;
      }
    }
    if (ggfree === 0) return { alpha, cauchy: 0 };

    let step = 0;
    for (;;) {
      const room = adelt * adelt - wfixsq;
      if (!(room > 0)) break;
      const wsqsav = wfixsq;
      step = Math.sqrt(room / ggfree);
      ggfree = 0;
      for (let i = 0; i < n; i++) {
        if (w[i] !== bigstp) continue;
        const t = xopt[i]! - step * glag[i]!;
        if (t <= sl[i]!) {
          w[i] = sl[i]! - xopt[i]!;
          wfixsq += w[i]! * w[i]!;
        } else if (t >= su[i]!) {
          w[i] = su[i]! - xopt[i]!;
          wfixsq += w[i]! * w[i]!;
        } else {
          ggfree += glag[i]! * glag[i]!;
        }
      }
      if (!(wfixsq > wsqsav && ggfree > 0)) break;
    }

    let gw = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] === bigstp) {
        w[i] = -step * glag[i]!;
        xalt[i] = Math.max(sl[i]!, Math.min(su[i]!, xopt[i]! + w[i]!));
      } else if (w[i] === 0) {
        xalt[i] = xopt[i]!;
      } else if (glag[i]! > 0) {
        xalt[i] = sl[i]!;
      } else {
        xalt[i] = su[i]!;
      }
      gw += glag[i]! * w[i]!;
    }

    // Curvature of ℓ_knew along w; shorten w when that increases |ℓ_knew(xopt + w)|.
    let curv = 0;
    for (let k = 0; k < npt; k++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += xpt[k * n + j]! * w[j]!;
      curv += hcol[k]! * t * t;
    }
    if (pass === 1) curv = -curv;
    if (curv > -gw && curv < -const1 * gw) {
      const scale = -gw / curv;
      for (let i = 0; i < n; i++) {
        xalt[i] = Math.max(sl[i]!, Math.min(su[i]!, xopt[i]! + scale * w[i]!));
      }
      const h = 0.5 * gw * scale;
      cauchy = h * h;
    } else {
      const h = gw + 0.5 * curv;
      cauchy = h * h;
    }

    if (pass === 0) {
      for (let i = 0; i < n; i++) {
        glag[i] = -glag[i]!;
        w[n + i] = xalt[i]!;
      }
      csave = cauchy;
    }
  }
  if (csave > cauchy) {
    for (let i = 0; i < n; i++) xalt[i] = w[n + i]!;
    cauchy = csave;
  }
  return { alpha, cauchy };
}
