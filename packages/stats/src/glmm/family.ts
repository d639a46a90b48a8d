// GLM families and links as lme4's glmFamily.cpp computes them (same clamping of μ and dμ/dη at
// machine epsilon), so PIRLS meets the same numbers at the extremes of the linear predictor.
import gammaln from "@stdlib/math-base-special-gammaln";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { qNormal } from "../distributions/index.ts";

/** Response distributions attune fits (lme4 `glmer` families). */
export type FamilyName = "binomial" | "poisson";
/** Link functions: logit, probit, cloglog for binomial; log for Poisson. */
export type LinkName = "logit" | "probit" | "cloglog" | "log";

const EPS = 2.220446049250313e-16;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** A link: η = g(μ), μ = g⁻¹(η), dμ/dη. */
export interface Link {
  readonly name: LinkName;
  linkfun(mu: number): number;
  linkinv(eta: number): number;
  muEta(eta: number): number;
}

const LINKS: Record<LinkName, Link> = {
  logit: {
    name: "logit",
    linkfun: (mu) => Math.log(mu / (1 - mu)),
    linkinv: (eta) => Math.max(EPS, Math.min(1 - EPS, 1 / (1 + Math.exp(-eta)))),
    muEta: (eta) => {
      const e = Math.exp(-Math.abs(eta));
      return Math.max(EPS, e / ((1 + e) * (1 + e)));
    },
  },
  probit: {
    name: "probit",
    linkfun: (mu) => qNormal(mu),
    linkinv: (eta) => Math.min(1 - EPS, normalCdf(eta, 0, 1)),
    muEta: (eta) => Math.exp(-0.5 * eta * eta) / SQRT_2PI,
  },
  cloglog: {
    name: "cloglog",
    linkfun: (mu) => Math.log(-Math.log1p(-mu)),
    linkinv: (eta) => Math.max(EPS, Math.min(1 - EPS, -Math.expm1(-Math.exp(eta)))),
    muEta: (eta) => Math.max(EPS, Math.exp(eta - Math.exp(eta))),
  },
  log: {
    name: "log",
    linkfun: Math.log,
    linkinv: (eta) => Math.max(EPS, Math.exp(eta)),
    muEta: (eta) => Math.max(EPS, Math.exp(eta)),
  },
};

/** A family with its link: variance function, deviance residuals, −2 log-likelihood. */
export interface Family {
  readonly name: FamilyName;
  readonly link: Link;
  variance(mu: number): number;
  /** Unit deviance residual times the prior weight (R's `dev.resids`). */
  devResid(y: number, mu: number, wt: number): number;
  /**
   * Log-likelihood of one observation without its constant (the constant is {@link logLikConstant}),
   * as R's family `aic()`: binomial `(wt/m)·(k log μ + (m−k) log(1−μ))` with m the number of trials
   * (R's `m`: the cbind totals, else the weights) and k = round(m·y); Poisson `wt·(y log μ − μ)`.
   * `m` defaults to `wt` (no prior weights).
   */
  logLikKernel(y: number, mu: number, wt: number, m?: number): number;
  /** Σ of the data-only part of the log-likelihood (log binomial coefficients, −log y!), once per data set. */
  logLikConstant(y: Float64Array, wt: Float64Array, m?: Float64Array): number;
  /** R's `mustart` from the family's `initialize`. */
  muStart(y: number, wt: number): number;
}

function ylogy(y: number, mu: number): number {
  return y === 0 ? 0 : y * Math.log(y / mu);
}

const LINKS_OF: Record<FamilyName, readonly LinkName[]> = {
  binomial: ["logit", "probit", "cloglog"],
  poisson: ["log"],
};

/**
 * The family object for a name and link (default link: logit for binomial, log for Poisson).
 * Throws a RangeError naming the links available when the pair is not supported.
 *
 * @example
 * const fam = family("binomial", "probit");
 * fam.link.linkinv(0); // 0.5
 */
export function family(name: FamilyName, linkName?: LinkName): Family {
  const links = LINKS_OF[name];
  if (!links) throw new RangeError(`unknown family "${String(name)}" (supported: binomial, poisson)`);
  const ln = linkName ?? (links[0] as LinkName);
  if (!links.includes(ln)) {
    throw new RangeError(
      `link "${ln}" is not available for the ${name} family (supported: ${links.join(", ")})`,
    );
  }
  const link = LINKS[ln];
  if (name === "binomial") {
    return {
      name,
      link,
      variance: (mu) => Math.max(EPS, mu * (1 - mu)),
      devResid: (y, mu, wt) =>
        // 0/1 responses (the common case) need one log; proportions take R's general formula.
        y === 0
          ? -2 * wt * Math.log1p(-mu)
          : y === 1
            ? -2 * wt * Math.log(mu)
            : 2 * wt * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
      logLikKernel: (y, mu, wt, trials = wt) => {
        if (trials <= 0) return 0;
        const k = Math.round(trials * y);
        const m = Math.round(trials);
        const ll = (k > 0 ? k * Math.log(mu) : 0) + (m - k > 0 ? (m - k) * Math.log1p(-mu) : 0);
        return trials === wt ? ll : (wt / trials) * ll;
      },
      logLikConstant: (y, wt, trials = wt) => {
        let s = 0;
        for (let i = 0; i < y.length; i++) {
          const t = trials[i] as number;
          const m = Math.round(t);
          if (t <= 0) continue;
          const k = Math.round(t * (y[i] as number));
          s += ((wt[i] as number) / t) * (gammaln(m + 1) - gammaln(k + 1) - gammaln(m - k + 1));
        }
        return s;
      },
      muStart: (y, wt) => (wt * y + 0.5) / (wt + 1),
    };
  }
  return {
    name,
    link,
    variance: (mu) => mu,
    devResid: (y, mu, wt) => 2 * wt * (ylogy(y, mu) - (y - mu)),
    logLikKernel: (y, mu, wt) => wt * ((y > 0 ? y * Math.log(mu) : 0) - mu),
    logLikConstant: (y, wt) => {
      let s = 0;
      for (let i = 0; i < y.length; i++) s -= (wt[i] as number) * gammaln((y[i] as number) + 1);
      return s;
    },
    muStart: (y) => y + 0.1,
  };
}

/** The links a family accepts, first the default. */
export function familyLinks(name: FamilyName): readonly LinkName[] {
  return LINKS_OF[name];
}
