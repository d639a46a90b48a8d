// Over 400 lines on purpose: Powell's BOBYQB main loop is one state machine over shared work arrays; split
// into files, its jumps between labelled steps would have to pass that state around (numeric kernel).
import { alternativeStep } from "./bobyqaAltmov.ts";
import type { BobyqaModel } from "./bobyqaModel.ts";
import { addHessianStepToGradient, allocateModel, hqDiag, toUserPoint } from "./bobyqaModel.ts";
import { centreForInitialSteps, initialInterpolation } from "./bobyqaPrelim.ts";
import { shiftBase } from "./bobyqaShift.ts";
import { trustRegionStep } from "./bobyqaTrsbox.ts";
import { updateInverse } from "./bobyqaUpdate.ts";

/** Why the core iteration stopped. */
export type CoreStop = "rhoend" | "ftol" | "maxeval" | "roundoff";

/** Settings of {@link bobyqaCore}, already validated by the caller. */
export interface CoreSettings {
  readonly npt: number;
  readonly rhobeg: number;
  readonly rhoend: number;
  readonly ftolAbs: number;
  /**
   * Test hook: take the (rarely reached) rebuild branch once, just before the first trust-region
   * or geometry evaluation after this many evaluations. Not exposed by the public API.
   */
  readonly forceRebuildAfter?: number;
}

/** The objective seen by the core: finite values, an evaluation budget. */
export interface CoreObjective {
  evaluate(x: Float64Array): number;
  canEvaluate(): boolean;
  /** Number of evaluations so far. */
  readonly evaluations: number;
}

/** Labels of Powell's BOBYQB that are jumped to (his statement numbers, for cross-reference). */
type Label =
  | "updateGradient" // 20: bring gopt to xopt after (re)initialisation
  | "trustRegion" // 60: TRSBOX step
  | "shiftCheck" // 90: maybe move xbase to xopt
  | "rescue" // 190: rebuild the interpolation set (our replacement of RESCUE, see below)
  | "geometry" // 210: ALTMOV step
  | "lagrange" // 230: Lagrange values and denominators for the step d
  | "evaluate" // 360: evaluate f at xbase + xnew and update the model
  | "farPoint" // 650: is some interpolation point far from xopt?
  | "reduceRho" // 680: shrink rho or finish
  | "finish"; // 720

/**
 * Powell's BOBYQA iteration (BOBYQB in his Fortran; BOBYQA report §§2–7) for n ≥ 1 variables
 * with xl[j] < xu[j] (infinite bounds allowed) and xu − xl ≥ 2·rhobeg.
 *
 * x holds the starting point on entry; the best point is tracked by the objective wrapper, not
 * here. Each pass through the state machine below corresponds to a jump between labelled
 * statements of Powell's code; comments name the step of the algorithm.
 *
 * Deviation from Powell: when rounding errors have ruined a denominator of the H update, Powell
 * calls RESCUE, which recomputes H for (mostly) the same points. We instead rebuild the
 * interpolation set from scratch around the best point with step rho (PRELIM again): simpler,
 * costs npt evaluations, and like RESCUE it is reached rarely (and at most once between two
 * ordinary evaluations; a second failure stops with "roundoff").
 *
 * @example
 * const g = new GuardedObjective(f, (x) => Float64Array.from(x), 1000, 2);
 * const stop = bobyqaCore(g, Float64Array.of(0, 0), xl, xu, { npt: 5, rhobeg: 0.2, rhoend: 2e-7, ftolAbs: 0 });
 * // g.bestX, g.bestF: the result; stop: "rhoend" | "ftol" | "maxeval" | "roundoff"
 */
export function bobyqaCore(
  obj: CoreObjective,
  x: Float64Array,
  xl: Float64Array,
  xu: Float64Array,
  settings: CoreSettings,
): CoreStop {
  const n = x.length;
  const { npt, rhobeg, rhoend, ftolAbs } = settings;
  const m: BobyqaModel = allocateModel(n, npt);
  const { xpt, fval, xopt, gopt, hq, pq, bmat, zmat, sl, su } = m;
  const nptm = m.nptm;
  const ndim = npt + n;

  // Work vectors (allocated once).
  const xnew = new Float64Array(n);
  const xalt = new Float64Array(n);
  const d = new Float64Array(n);
  const vlag = new Float64Array(ndim);
  const w = new Float64Array(2 * ndim);
  const v = new Float64Array(ndim);
  const userX = new Float64Array(n);
  const relX = new Float64Array(n);
  const trs = {
    gnew: new Float64Array(n),
    xbdi: new Float64Array(n),
    s: new Float64Array(n),
    hs: new Float64Array(n),
    hred: new Float64Array(n),
  };
  const alt = { glag: new Float64Array(n), hcol: new Float64Array(npt), w: new Float64Array(2 * n) };
  const f = (p: Float64Array): number => obj.evaluate(p);
  const canEvaluate = (): boolean => obj.canEvaluate();

  /** (Re)builds the interpolation set around `centre` with step `rho` (PRELIM). */
  const initialise = (centre: Float64Array, rho: number): boolean => {
    centreForInitialSteps(centre, xl, xu, rho, sl, su);
    m.xbase.set(centre);
    const ok = initialInterpolation(m, xl, xu, rho, f, canEvaluate, userX, relX);
    let sq = 0;
    for (let i = 0; i < n; i++) {
      xopt[i] = xpt[m.kopt * n + i]!;
      sq += xopt[i]! * xopt[i]!;
    }
    xoptsq = sq;
    return ok;
  };

  let xoptsq = 0;
  if (!initialise(Float64Array.from(x), rhobeg)) return "maxeval";
  // gopt is the gradient at xbase = point 0; it is moved to xopt at "updateGradient".
  let kbase = 0;

  let rho = rhobeg;
  let delta = rho;
  let nf = obj.evaluations;
  let nresc = nf;
  let ntrits = 0;
  let diffa = 0;
  let diffb = 0;
  let diffc = 0;
  let itest = 0;
  let nfsav = nresc;
  let knew = -1;
  let dsq = 0;
  let crvmin = 0;
  let dnorm = 0;
  let ratio = 0;
  let alpha = 0;
  let cauchy = 0;
  let beta = 0;
  let denom = 0;
  let adelt = 0;
  let distsq = 0;

  // Safety net against non-terminating cycles if the model ever becomes NaN: every label pass
  // without an evaluation is counted, and the count is reset by evaluations.
  let idlePasses = 0;
  let forcedOnce = false;
  let stop: CoreStop = "rhoend";
  let label: Label = "updateGradient";

  while (label !== "finish") {
    if (++idlePasses > 1000 + 50 * npt) {
      stop = "roundoff";
      break;
    }
    switch (label) {
      case "updateGradient": {
        if (m.kopt !== kbase) {
          // gopt ← gopt + ∇²Q (xopt − xbase-point): the gradient at the best point.
          addHessianStepToGradient(m, xopt);
        }
        label = "trustRegion";
        break;
      }

      case "trustRegion": {
        // Trust-region step from xopt (TRSBOX). If it is shorter than rho/2, decide between a
        // geometry step, reducing rho, or (later) trying it anyway.
        const r = trustRegionStep(m, delta, xnew, d, trs);
        dsq = r.dsq;
        crvmin = r.crvmin;
        dnorm = Math.min(delta, Math.sqrt(dsq));
        if (!Number.isFinite(dnorm)) {
          label = "rescue";
          break;
        }
        if (dnorm < 0.5 * rho) {
          ntrits = -1;
          distsq = 100 * rho * rho;
          if (nf <= nfsav + 2) {
            label = "farPoint";
            break;
          }
          // Is the work with this rho complete? Yes if the recent model errors are small
          // compared with the reductions likely from curvature within distance rho/2, and no
          // bound constraint looks like it should be released.
          const errbig = Math.max(diffa, diffb, diffc);
          const frhosq = 0.125 * rho * rho;
          if (crvmin > 0 && errbig > frhosq * crvmin) {
            label = "farPoint";
            break;
          }
          const bdtol = errbig / rho;
          let modelStillUseful = false;
          for (let j = 0; j < n; j++) {
            let bdtest = bdtol;
            if (xnew[j] === sl[j]) bdtest = trs.gnew[j]!;
            if (xnew[j] === su[j]) bdtest = -trs.gnew[j]!;
            if (bdtest < bdtol) {
              let curv = hq[hqDiag(j)]!;
              for (let k = 0; k < npt; k++) curv += pq[k]! * xpt[k * n + j]! * xpt[k * n + j]!;
              bdtest += 0.5 * curv * rho;
              if (bdtest < bdtol) {
                modelStillUseful = true;
                break;
              }
            }
          }
          label = modelStillUseful ? "farPoint" : "reduceRho";
          break;
        }
        ntrits++;
        label = "shiftCheck";
        break;
      }

      case "shiftCheck": {
        // Move xbase to xopt when the step is small compared with |xopt| (rounding control).
        if (dsq <= 1e-3 * xoptsq) {
          shiftBase(m, xoptsq, xnew, w, v);
          xoptsq = 0;
        }
        label = ntrits === 0 ? "geometry" : "lagrange";
        break;
      }

      case "rescue": {
        // Replacement for Powell's RESCUE (see the function comment): restart PRELIM at the
        // current best point with step rho, keeping rho and delta.
        if (nf <= nresc) {
          stop = "roundoff";
          label = "finish";
          break;
        }
        for (let i = 0; i < n; i++) v[i] = m.xbase[i]! + xopt[i]!;
        const centre = Float64Array.from(v.subarray(0, n));
        if (!initialise(centre, rho)) {
          stop = "maxeval";
          label = "finish";
          break;
        }
        kbase = 0;
        nf = obj.evaluations;
        nresc = nf;
        nfsav = nf;
        idlePasses = 0;
        label = "updateGradient";
        break;
      }

      case "geometry": {
        // Alternative step (ALTMOV) to improve the geometry of the interpolation set.
        const r = alternativeStep(m, knew, adelt, xnew, xalt, alt);
        alpha = r.alpha;
        cauchy = r.cauchy;
        for (let i = 0; i < n; i++) d[i] = xnew[i]! - xopt[i]!;
        label = "lagrange";
        break;
      }

      case "lagrange": {
        // vlag = H w(d): values of the Lagrange functions at xopt + d, and beta, the other
        // parameter of the denominator σ = α β + τ² of the update (report §4).
        for (let k = 0; k < npt; k++) {
          let suma = 0;
          let sumb = 0;
          let sum = 0;
          for (let j = 0; j < n; j++) {
            const xk = xpt[k * n + j]!;
            suma += xk * d[j]!;
            sumb += xk * xopt[j]!;
            sum += bmat[k * n + j]! * d[j]!;
          }
          w[k] = suma * (0.5 * suma + sumb);
          vlag[k] = sum;
          w[npt + k] = suma;
        }
        beta = 0;
        for (let jj = 0; jj < nptm; jj++) {
          let sum = 0;
          for (let k = 0; k < npt; k++) sum += zmat[k * nptm + jj]! * w[k]!;
          beta -= sum * sum;
          for (let k = 0; k < npt; k++) vlag[k]! += sum * zmat[k * nptm + jj]!;
        }
        let dsqLocal = 0;
        let bsum = 0;
        let dx = 0;
        for (let j = 0; j < n; j++) {
          dsqLocal += d[j]! * d[j]!;
          let sum = 0;
          for (let k = 0; k < npt; k++) sum += w[k]! * bmat[k * n + j]!;
          bsum += sum * d[j]!;
          const jp = npt + j;
          for (let i = 0; i < n; i++) sum += bmat[jp * n + i]! * d[i]!;
          vlag[jp] = sum;
          bsum += sum * d[j]!;
          dx += d[j]! * xopt[j]!;
        }
        dsq = dsqLocal;
        beta = dx * dx + dsq * (xoptsq + dx + dx + 0.5 * dsq) + beta - bsum;
        vlag[m.kopt]! += 1;

        if (ntrits === 0) {
          // Geometry step: prefer the Cauchy alternative xalt if its denominator is larger.
          const vk = vlag[knew]!;
          denom = vk * vk + alpha * beta;
          if (denom < cauchy && cauchy > 0) {
            for (let i = 0; i < n; i++) {
              xnew[i] = xalt[i]!;
              d[i] = xnew[i]! - xopt[i]!;
            }
            cauchy = 0;
            label = "lagrange";
            break;
          }
          if (!(denom > 0.5 * vk * vk)) {
            label = "rescue";
            break;
          }
        } else {
          // Trust-region step: choose the point to drop, maximising the denominator weighted by
          // (distance / delta)⁴ (report §5), before f is computed.
          const delsq = delta * delta;
          let scaden = 0;
          let biglsq = 0;
          knew = -1;
          for (let k = 0; k < npt; k++) {
            if (k === m.kopt) continue;
            let hdiag = 0;
            for (let jj = 0; jj < nptm; jj++) hdiag += zmat[k * nptm + jj]! * zmat[k * nptm + jj]!;
            const den = beta * hdiag + vlag[k]! * vlag[k]!;
            let dist = 0;
            for (let j = 0; j < n; j++) {
              const t = xpt[k * n + j]! - xopt[j]!;
              dist += t * t;
            }
            const q = dist / delsq;
            const weight = Math.max(1, q * q);
            if (weight * den > scaden) {
              scaden = weight * den;
              knew = k;
              denom = den;
            }
            biglsq = Math.max(biglsq, weight * vlag[k]! * vlag[k]!);
          }
          if (knew < 0 || !(scaden > 0.5 * biglsq)) {
            label = "rescue";
            break;
          }
        }
        if (settings.forceRebuildAfter !== undefined && nf >= settings.forceRebuildAfter && !forcedOnce) {
          forcedOnce = true;
          label = "rescue";
          break;
        }
        label = "evaluate";
        break;
      }

      case "evaluate": {
        if (!canEvaluate()) {
          stop = "maxeval";
          label = "finish";
          break;
        }
        if (!xnew.every(Number.isFinite)) {
          stop = "roundoff";
          label = "finish";
          break;
        }
        toUserPoint(m, xnew, xl, xu, userX);
        const fx = f(userX);
        nf = obj.evaluations;
        idlePasses = 0;
        if (ntrits === -1) {
          // The final short step tried after rho reached rhoend (see "reduceRho"); the wrapper
          // keeps it if it is the best point.
          label = "finish";
          break;
        }

        // Predicted change vquad = Q(xnew) − Q(xopt), and the model error diff.
        const fopt = fval[m.kopt]!;
        let vquad = 0;
        let ih = 0;
        for (let j = 0; j < n; j++) {
          vquad += d[j]! * gopt[j]!;
          for (let i = 0; i <= j; i++, ih++) {
            let t = d[i]! * d[j]!;
            if (i === j) t *= 0.5;
            vquad += hq[ih]! * t;
          }
        }
        for (let k = 0; k < npt; k++) {
          const t = w[npt + k]!;
          vquad += 0.5 * pq[k]! * t * t;
        }
        const diff = fx - fopt - vquad;
        diffc = diffb;
        diffb = diffa;
        diffa = Math.abs(diff);
        if (dnorm > rho) nfsav = nf;

        if (ntrits > 0) {
          // Trust-region radius update from the ratio of actual to predicted reduction.
          if (!(vquad < 0)) {
            stop = "roundoff";
            label = "finish";
            break;
          }
          ratio = (fx - fopt) / vquad;
          if (ratio <= 0.1) delta = Math.min(0.5 * delta, dnorm);
          else if (ratio <= 0.7) delta = Math.max(0.5 * delta, dnorm);
          else delta = Math.max(0.5 * delta, 2 * dnorm);
          if (delta <= 1.5 * rho) delta = rho;

          // A new best point changes the distances used to choose knew: choose again.
          if (fx < fopt) {
            const ksav = knew;
            const densav = denom;
            const delsq = delta * delta;
            let scaden = 0;
            let biglsq = 0;
            knew = -1;
            for (let k = 0; k < npt; k++) {
              let hdiag = 0;
              for (let jj = 0; jj < nptm; jj++) hdiag += zmat[k * nptm + jj]! * zmat[k * nptm + jj]!;
              const den = beta * hdiag + vlag[k]! * vlag[k]!;
              let dist = 0;
              for (let j = 0; j < n; j++) {
                const t = xpt[k * n + j]! - xnew[j]!;
                dist += t * t;
              }
              const q = dist / delsq;
              const weight = Math.max(1, q * q);
              if (weight * den > scaden) {
                scaden = weight * den;
                knew = k;
                denom = den;
              }
              biglsq = Math.max(biglsq, weight * vlag[k]! * vlag[k]!);
            }
            if (knew < 0 || scaden <= 0.5 * biglsq) {
              knew = ksav;
              denom = densav;
            }
          }
        }

        // Update H, then the model: the implicit second derivatives of the dropped point become
        // explicit, and the model change (Lagrange function of knew times diff) is added.
        updateInverse(m, vlag, beta, denom, knew, w);
        const pqold = pq[knew]!;
        pq[knew] = 0;
        ih = 0;
        for (let i = 0; i < n; i++) {
          const t = pqold * xpt[knew * n + i]!;
          for (let j = 0; j <= i; j++, ih++) hq[ih]! += t * xpt[knew * n + j]!;
        }
        for (let jj = 0; jj < nptm; jj++) {
          const t = diff * zmat[knew * nptm + jj]!;
          for (let k = 0; k < npt; k++) pq[k]! += t * zmat[k * nptm + jj]!;
        }

        // Include the new point; the gradient of the change of the model at xopt.
        fval[knew] = fx;
        for (let i = 0; i < n; i++) {
          xpt[knew * n + i] = xnew[i]!;
          w[i] = bmat[knew * n + i]!;
        }
        for (let k = 0; k < npt; k++) {
          let suma = 0;
          for (let jj = 0; jj < nptm; jj++) suma += zmat[knew * nptm + jj]! * zmat[k * nptm + jj]!;
          if (!Number.isFinite(suma)) {
            stop = "roundoff";
            label = "finish";
            break;
          }
          let sumb = 0;
          for (let j = 0; j < n; j++) sumb += xpt[k * n + j]! * xopt[j]!;
          const t = suma * sumb;
          for (let i = 0; i < n; i++) w[i]! += t * xpt[k * n + i]!;
        }
        if (label === "finish") break;
        for (let i = 0; i < n; i++) gopt[i]! += diff * w[i]!;

        // A new best point becomes the trust-region centre.
        if (fx < fopt) {
          m.kopt = knew;
          let sq = 0;
          for (let j = 0; j < n; j++) {
            xopt[j] = xnew[j]!;
            sq += xopt[j]! * xopt[j]!;
          }
          xoptsq = sq;
          addHessianStepToGradient(m, d);
          // NLopt's ftol_abs: stop when an improvement of the best value is below ftolAbs.
          if (ftolAbs > 0 && fopt - fx < ftolAbs) {
            stop = "ftol";
            label = "finish";
            break;
          }
        }

        // After a trust-region step, replace the model by the least-Frobenius-norm interpolant
        // of the current data if its projected gradient has been much smaller three times in a
        // row (report §6: guards against a model spoilt by earlier updates).
        if (ntrits > 0) {
          const kopt = m.kopt;
          for (let k = 0; k < npt; k++) {
            vlag[k] = fval[k]! - fval[kopt]!;
            w[k] = 0;
          }
          for (let j = 0; j < nptm; j++) {
            let sum = 0;
            for (let k = 0; k < npt; k++) sum += zmat[k * nptm + j]! * vlag[k]!;
            for (let k = 0; k < npt; k++) w[k]! += sum * zmat[k * nptm + j]!;
          }
          for (let k = 0; k < npt; k++) {
            let sum = 0;
            for (let j = 0; j < n; j++) sum += xpt[k * n + j]! * xopt[j]!;
            w[k + npt] = w[k]!;
            w[k] = sum * w[k]!;
          }
          let gqsq = 0;
          let gisq = 0;
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let k = 0; k < npt; k++) sum += bmat[k * n + i]! * vlag[k]! + xpt[k * n + i]! * w[k]!;
            const g = gopt[i]!;
            if (xopt[i] === sl[i]) {
              gqsq += Math.min(0, g) ** 2;
              gisq += Math.min(0, sum) ** 2;
            } else if (xopt[i] === su[i]) {
              gqsq += Math.max(0, g) ** 2;
              gisq += Math.max(0, sum) ** 2;
            } else {
              gqsq += g * g;
              gisq += sum * sum;
            }
            vlag[npt + i] = sum;
          }
          itest++;
          if (gqsq < 10 * gisq) itest = 0;
          if (itest >= 3) {
            for (let i = 0; i < n; i++) gopt[i] = vlag[npt + i]!;
            for (let k = 0; k < npt; k++) pq[k] = w[npt + k]!;
            hq.fill(0);
            itest = 0;
          }
        }

        // Another trust-region step after a geometry step or a good trust-region step.
        if (ntrits === 0 || fx <= fopt + 0.1 * vquad) {
          label = "trustRegion";
          break;
        }
        distsq = Math.max(4 * delta * delta, 100 * rho * rho);
        label = "farPoint";
        break;
      }

      case "farPoint": {
        // The interpolation point farthest from xopt, if beyond sqrt(distsq), gets a geometry
        // step (report §5).
        knew = -1;
        for (let k = 0; k < npt; k++) {
          let sum = 0;
          for (let j = 0; j < n; j++) {
            const t = xpt[k * n + j]! - xopt[j]!;
            sum += t * t;
          }
          if (sum > distsq) {
            knew = k;
            distsq = sum;
          }
        }
        if (knew >= 0) {
          const dist = Math.sqrt(distsq);
          if (ntrits === -1) {
            delta = Math.min(0.1 * delta, 0.5 * dist);
            if (delta <= 1.5 * rho) delta = rho;
          }
          ntrits = 0;
          adelt = Math.max(Math.min(0.1 * dist, delta), rho);
          dsq = adelt * adelt;
          label = "shiftCheck";
          break;
        }
        if (ntrits === -1) label = "reduceRho";
        else if (ratio > 0) label = "trustRegion";
        else if (Math.max(delta, dnorm) > rho) label = "trustRegion";
        else label = "reduceRho";
        break;
      }

      case "reduceRho": {
        // Work with this rho is complete: reduce rho (by 10, or to rhoend in the last stages),
        // delta = max(rho_old/2, rho_new). Powell reuses the variable RATIO here; since the
        // "farPoint" test reads it later, we keep that behaviour.
        if (rho > rhoend) {
          delta = 0.5 * rho;
          ratio = rho / rhoend;
          if (ratio <= 16) rho = rhoend;
          else if (ratio <= 250) rho = Math.sqrt(ratio) * rhoend;
          else rho *= 0.1;
          delta = Math.max(delta, rho);
          ntrits = 0;
          nfsav = nf;
          label = "trustRegion";
          break;
        }
        // Finished. A short trust-region step that was never tried is evaluated first.
        stop = "rhoend";
        label = ntrits === -1 ? "evaluate" : "finish";
        break;
      }

      default:
        label = "finish";
    }
  }
  return stop;
}
