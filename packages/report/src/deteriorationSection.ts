import type { DeteriorationResult, GlmmModelRun } from "@attune/core";
import { fmt, fmtCi, fmtP } from "./format.ts";
import type { Block, Section } from "./model.ts";

/** What a GLMM's coefficients are on its link's scale. */
const linkScale = (link: string): string =>
  link === "logit" ? "log-odds" : link === "log" ? "log rate" : `${link} scale`;

/**
 * The blocks of one GLMM as a paper reports it: formula, sample, log-likelihood, fixed effects on the
 * link's scale (log-odds, log rate, probit or cloglog; Wald z) and the random-effect SDs.
 *
 * @example
 * glmmModelBlocks(result.glmms[0]);
 */
export function glmmModelBlocks(m: GlmmModelRun): Block[] {
  const s = m.summary;
  const groups = Object.entries(s.groups)
    .map(([g, n]) => `${n} ${g}`)
    .join(", ");
  const scale = linkScale(m.link);
  const approx = m.nAGQ > 1 ? `adaptive Gauss–Hermite quadrature, ${m.nAGQ} points` : "Laplace approximation";
  const blocks: Block[] = [
    { kind: "code", text: `${m.name}: ${m.formula}   (${m.family}, ${m.link} link)` },
    {
      kind: "text",
      text: `Maximum-likelihood fit (${approx}, as lme4's glmer) on ${s.nobs} rows, one per ${m.unit} (${groups}). Log-likelihood ${fmt(s.logLik, 2)}, AIC ${fmt(s.AIC, 1)}.`,
    },
    {
      kind: "table",
      table: {
        caption: `Fixed effects of ${m.name} (${scale}, Wald z)`,
        head: ["term", "estimate", "SE", "z", "p"],
        rows: s.fixef.map((f) => [f.term, fmt(f.estimate), fmt(f.se), fmt(f.z, 2), fmtP(f.p)]),
      },
    },
    {
      kind: "table",
      table: {
        caption: `Random effects of ${m.name} (SD on the ${m.link} scale)`,
        head: ["group", "term", "SD"],
        rows: s.varcorr.flatMap((v) => ("sd" in v ? [[v.group, v.term, fmt(v.sd)]] : [])),
      },
    },
  ];
  if (s.warnings.length) blocks.push({ kind: "text", text: `Warnings: ${s.warnings.join("; ")}.` });
  return blocks;
}

/**
 * The report section of the deterioration recipe: definitions, observed rates per arm, odds ratios
 * with Wald 95% intervals, and each model.
 *
 * @example
 * deteriorationSection(result).title; // "Reliable deterioration and dropout by arm"
 */
export function deteriorationSection(r: DeteriorationResult): Section {
  const rateRows = Object.entries(r.rates).flatMap(([model, rates]) =>
    rates.map((a) => [model, a.arm, String(a.n), String(a.events), fmt(100 * a.rate, 1)]),
  );
  const blocks: Block[] = [
    ...r.notes.map((text) => ({ kind: "text", text }) as Block),
    {
      kind: "table",
      table: {
        caption: "Observed events per arm",
        head: ["model", "arm", "rows", "events", "%"],
        rows: rateRows,
      },
    },
  ];
  if (r.oddsRatios.length)
    blocks.push({
      kind: "table",
      table: {
        caption:
          "Odds ratios of the arms (Wald 95% interval), adjusted for therapist (and patient) random effects",
        head: ["model", "arm", "odds ratio [95% CI]", "log-odds", "SE", "z", "p"],
        rows: r.oddsRatios.map((o) => [
          o.model,
          o.contrast,
          fmtCi(o.oddsRatio, o.lower, o.upper, 2),
          fmt(o.logOdds),
          fmt(o.se),
          fmt(o.z, 2),
          fmtP(o.p),
        ]),
      },
    });
  blocks.push(...r.glmms.flatMap(glmmModelBlocks));
  return { id: r.recipe, title: "Reliable deterioration and dropout by arm", blocks };
}
