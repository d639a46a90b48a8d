import type { ModelRun } from "@attune/core";
import { fmt, fmtP } from "./format.ts";
import type { Block } from "./model.ts";

/**
 * The blocks describing one fitted model, as a paper reports it: formula, sample, fixed effects with
 * Satterthwaite df, random effects (SDs and correlations), residual SD, REML criterion, warnings.
 *
 * @example
 * modelBlocks(result.models[0]); // [{ kind: "code", ... }, { kind: "table", ... }, ...]
 */
export function modelBlocks(m: ModelRun): Block[] {
  const s = m.summary;
  const groups = Object.entries(s.groups)
    .map(([g, n]) => `${n} ${g}`)
    .join(", ");
  const blocks: Block[] = [
    { kind: "code", text: `${m.name}: ${m.formula}` },
    {
      kind: "text",
      text: `REML fit on ${s.nobs} rows (${groups}); ${m.rowsDropped} input rows not used (missing values${m.name.startsWith("growth") || m.name === "congruence" ? "" : " or no next consecutive session"}). REML criterion ${fmt(s.deviance, 2)}, residual SD ${fmt(s.sigma)}.`,
    },
    {
      kind: "table",
      table: {
        caption: `Fixed effects of ${m.name} (Satterthwaite df)`,
        head: ["term", "estimate", "SE", "df", "t", "p"],
        rows: s.fixef.map((f) => [f.term, fmt(f.estimate), fmt(f.se), fmt(f.df, 1), fmt(f.t, 2), fmtP(f.p)]),
      },
    },
    {
      kind: "table",
      table: {
        caption: `Random effects of ${m.name}`,
        head: ["group", "term", "SD", "correlation"],
        rows: s.varcorr.map((v) =>
          "cor" in v
            ? [v.group, `${v.terms[0]} × ${v.terms[1]}`, "", fmt(v.cor, 2)]
            : [v.group, v.term ?? "", fmt(v.sd), ""],
        ),
      },
    },
  ];
  if (s.warnings.length) blocks.push({ kind: "text", text: `Warnings: ${s.warnings.join("; ")}.` });
  return blocks;
}
