import type { BobyqaModel } from "./bobyqaModel.ts";
import { hessianTimes } from "./bobyqaModel.ts";

/** Scratch vectors of length n for {@link trustRegionStep}. */
export interface TrsboxScratch {
  /** Gradient of the model at xopt + d (read by the caller after the call). */
  readonly gnew: Float64Array;
  /** −1 / 0 / +1: variable fixed at its lower bound / free / fixed at its upper bound. */
  readonly xbdi: Float64Array;
  readonly s: Float64Array;
  readonly hs: Float64Array;
  readonly hred: Float64Array;
}

/** Result of {@link trustRegionStep}. */
export interface TrsboxResult {
  /** |d|², the squared length of the step. */
  readonly dsq: number;
  /**
   * 0 if the step reached the trust-region boundary; otherwise the least curvature of ∇²Q met in
   * the unconstrained conjugate-gradient line searches, or −1 if all of them were constrained.
   */
  readonly crvmin: number;
}

type Phase = "cg" | "altStart" | "altIter";

/**
 * Approximately minimises the model Q(xopt + d) subject to |d| ≤ delta and sl ≤ xopt + d ≤ su
 * (Powell's TRSBOX, BOBYQA report §3).
 *
 * A truncated conjugate-gradient method is applied to the free variables, restarting from
 * steepest descent whenever a variable hits a bound (that variable is then fixed). Once the
 * trust-region boundary is reached, further reductions of Q are sought by rotating d in the
 * two-dimensional space spanned by d and the reduced gradient while staying on the boundary
 * ("alternative iterations"), fixing any free variable that reaches a bound on the way.
 * Writes d and xnew = xopt + d (on bounds exactly where fixed).
 *
 * @example
 * // With the model of f = (x0 − 1)² + (x1 − 1)² at xopt = 0 (gopt = [−2, −2], ∇²Q = 2I):
 * const { dsq } = trustRegionStep(m, 0.5, xnew, d, scratch);
 * // d = [0.354, 0.354]: the step to the boundary |d| = 0.5 along −gopt; dsq = 0.25
 */
export function trustRegionStep(
  m: BobyqaModel,
  delta: number,
  xnew: Float64Array,
  d: Float64Array,
  w: TrsboxScratch,
): TrsboxResult {
  const { n, xopt, gopt, sl, su } = m;
  const { gnew, xbdi, s, hs, hred } = w;

  // Initially fix variables on a bound whose gradient points out of the box.
  let nact = 0;
  for (let i = 0; i < n; i++) {
    xbdi[i] = 0;
    if (xopt[i]! <= sl[i]!) {
      if (gopt[i]! >= 0) xbdi[i] = -1;
    } else if (xopt[i]! >= su[i]!) {
      if (gopt[i]! <= 0) xbdi[i] = 1;
    }
    if (xbdi[i] !== 0) nact++;
    d[i] = 0;
    gnew[i] = gopt[i]!;
  }
  let delsq = delta * delta;
  let qred = 0;
  let crvmin = -1;

  let iterc = 0;
  let itermax = 0;
  let beta = 0;
  let gredsq = 0;
  let ggsav = 0;
  // Alternative-iteration scalars.
  let dredsq = 0;
  let dredg = 0;
  let sredg = 0;
  let iact = -1;
  let xsav = 0;
  let angbd = 0;

  let phase: Phase = "cg";
  for (;;) {
    if (phase === "cg") {
      // ---- Truncated conjugate gradients on the free variables. ----
      let stepsq = 0;
      for (let i = 0; i < n; i++) {
        if (xbdi[i] !== 0) s[i] = 0;
        else if (beta === 0) s[i] = -gnew[i]!;
        else s[i] = beta * s[i]! - gnew[i]!;
        stepsq += s[i]! * s[i]!;
      }
      if (stepsq === 0) break;
      if (beta === 0) {
        gredsq = stepsq;
        itermax = iterc + n - nact;
      }
      if (gredsq * delsq <= 1e-4 * qred * qred) break;

      hessianTimes(m, s, hs);
      let resid = delsq;
      let ds = 0;
      let shs = 0;
      for (let i = 0; i < n; i++) {
        if (xbdi[i] === 0) {
          resid -= d[i]! * d[i]!;
          ds += s[i]! * d[i]!;
          shs += s[i]! * hs[i]!;
        }
      }
      if (resid <= 0) {
        crvmin = 0;
        phase = "altStart";
        continue;
      }
      // blen: step to the trust-region boundary; stplen: also the 1-D minimiser of Q.
      const root = Math.sqrt(stepsq * resid + ds * ds);
      const blen = ds < 0 ? (root - ds) / stepsq : resid / (root + ds);
      let stplen = blen;
      if (shs > 0) stplen = Math.min(blen, gredsq / shs);

      // Shorten the step to keep the simple bounds; iact is the variable that hits one.
      iact = -1;
      for (let i = 0; i < n; i++) {
        if (s[i] !== 0) {
          const xsum = xopt[i]! + d[i]!;
          const t = s[i]! > 0 ? (su[i]! - xsum) / s[i]! : (sl[i]! - xsum) / s[i]!;
          if (t < stplen) {
            stplen = t;
            iact = i;
          }
        }
      }

      let sdec = 0;
      if (stplen > 0) {
        iterc++;
        const curv = shs / stepsq;
        if (iact < 0 && curv > 0) crvmin = crvmin === -1 ? curv : Math.min(crvmin, curv);
        ggsav = gredsq;
        gredsq = 0;
        for (let i = 0; i < n; i++) {
          gnew[i]! += stplen * hs[i]!;
          if (xbdi[i] === 0) gredsq += gnew[i]! * gnew[i]!;
          d[i]! += stplen * s[i]!;
        }
        sdec = Math.max(stplen * (ggsav - 0.5 * stplen * shs), 0);
        qred += sdec;
      }

      if (iact >= 0) {
        // A bound was hit: fix the variable and restart CG from steepest descent.
        nact++;
        xbdi[iact] = s[iact]! < 0 ? -1 : 1;
        delsq -= d[iact]! * d[iact]!;
        if (delsq <= 0) {
          crvmin = 0;
          phase = "altStart";
          continue;
        }
        beta = 0;
        continue;
      }
      if (stplen < blen) {
        // Interior 1-D minimum: another CG iteration, unless converged.
        if (iterc === itermax) break;
        if (sdec <= 0.01 * qred) break;
        beta = gredsq / ggsav;
        continue;
      }
      // The trust-region boundary was reached.
      crvmin = 0;
      phase = "altStart";
    } else if (phase === "altStart") {
      // ---- Start (or restart, after fixing a variable) the alternative iterations. ----
      if (nact >= n - 1) break;
      dredsq = 0;
      dredg = 0;
      gredsq = 0;
      for (let i = 0; i < n; i++) {
        if (xbdi[i] === 0) {
          dredsq += d[i]! * d[i]!;
          dredg += d[i]! * gnew[i]!;
          gredsq += gnew[i]! * gnew[i]!;
          s[i] = d[i]!;
        } else {
          s[i] = 0;
        }
      }
      hessianTimes(m, s, hred);
      phase = "altIter";
    } else {
      // ---- One alternative iteration: d ← cos θ d + sin θ s on the boundary. ----
      iterc++;
      let temp = gredsq * dredsq - dredg * dredg;
      if (temp <= 1e-4 * qred * qred) break;
      temp = Math.sqrt(temp);
      // s: combination of reduced d and reduced g, orthogonal to d, with |s| = |d|.
      for (let i = 0; i < n; i++) s[i] = xbdi[i] === 0 ? (dredg * d[i]! - dredsq * gnew[i]!) / temp : 0;
      sredg = -temp;

      // Bound on tan(θ/2) from the simple bounds; a free variable already on a bound is fixed.
      angbd = 1;
      iact = -1;
      let restart = false;
      for (let i = 0; i < n; i++) {
        if (xbdi[i] !== 0) continue;
        const tempa = xopt[i]! + d[i]! - sl[i]!;
        const tempb = su[i]! - xopt[i]! - d[i]!;
        if (tempa <= 0) {
          nact++;
          xbdi[i] = -1;
          restart = true;
          break;
        }
        if (tempb <= 0) {
          nact++;
          xbdi[i] = 1;
          restart = true;
          break;
        }
        const ssq = d[i]! * d[i]! + s[i]! * s[i]!;
        const lo = xopt[i]! - sl[i]!;
        let t = ssq - lo * lo;
        if (t > 0) {
          t = Math.sqrt(t) - s[i]!;
          if (angbd * t > tempa) {
            angbd = tempa / t;
            iact = i;
            xsav = -1;
          }
        }
        const hi = su[i]! - xopt[i]!;
        t = ssq - hi * hi;
        if (t > 0) {
          t = Math.sqrt(t) + s[i]!;
          if (angbd * t > tempb) {
            angbd = tempb / t;
            iact = i;
            xsav = 1;
          }
        }
      }
      if (restart) {
        phase = "altStart";
        continue;
      }

      hessianTimes(m, s, hs);
      let shs = 0;
      let dhs = 0;
      let dhd = 0;
      for (let i = 0; i < n; i++) {
        if (xbdi[i] === 0) {
          shs += s[i]! * hs[i]!;
          dhs += d[i]! * hs[i]!;
          dhd += d[i]! * hred[i]!;
        }
      }

      // Reduction of Q on a grid of tan(θ/2) in [0, angbd], refined by a parabola through the
      // best grid value and its neighbours.
      let redmax = 0;
      let isav = 0;
      let redsav = 0;
      let rdprev = 0;
      let rdnext = 0;
      const iu = Math.trunc(17 * angbd + 3.1);
      for (let i = 1; i <= iu; i++) {
        const angt = (angbd * i) / iu;
        const sth = (2 * angt) / (1 + angt * angt);
        const tq = shs + angt * (angt * dhd - 2 * dhs);
        const rednew = sth * (angt * dredg - sredg - 0.5 * sth * tq);
        if (rednew > redmax) {
          redmax = rednew;
          isav = i;
          rdprev = redsav;
        } else if (i === isav + 1) {
          rdnext = rednew;
        }
        redsav = rednew;
      }
      if (isav === 0) break;
      let angt = angbd;
      if (isav < iu) {
        const tq = (rdnext - rdprev) / (2 * redmax - rdprev - rdnext);
        angt = (angbd * (isav + 0.5 * tq)) / iu;
      }
      const cth = (1 - angt * angt) / (1 + angt * angt);
      const sth = (2 * angt) / (1 + angt * angt);
      const tq = shs + angt * (angt * dhd - 2 * dhs);
      const sdec = sth * (angt * dredg - sredg - 0.5 * sth * tq);
      if (sdec <= 0) break;

      dredg = 0;
      gredsq = 0;
      for (let i = 0; i < n; i++) {
        gnew[i] = gnew[i]! + (cth - 1) * hred[i]! + sth * hs[i]!;
        if (xbdi[i] === 0) {
          d[i] = cth * d[i]! + sth * s[i]!;
          dredg += d[i]! * gnew[i]!;
          gredsq += gnew[i]! * gnew[i]!;
        }
        hred[i] = cth * hred[i]! + sth * hs[i]!;
      }
      qred += sdec;
      if (iact >= 0 && isav === iu) {
        nact++;
        xbdi[iact] = xsav;
        phase = "altStart";
        continue;
      }
      if (sdec <= 0.01 * qred) break;
    }
  }

  // xnew = xopt + d, exactly on the bounds of the fixed variables.
  let dsq = 0;
  for (let i = 0; i < n; i++) {
    let v = Math.max(Math.min(xopt[i]! + d[i]!, su[i]!), sl[i]!);
    if (xbdi[i] === -1) v = sl[i]!;
    if (xbdi[i] === 1) v = su[i]!;
    xnew[i] = v;
    d[i] = v - xopt[i]!;
    dsq += d[i]! * d[i]!;
  }
  return { dsq, crvmin };
}
