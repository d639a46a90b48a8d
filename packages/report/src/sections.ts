import type {
  CongruenceResult,
  GrowthResult,
  LaggedResult,
  RecipeResult,
  RsaResult,
  TherapistSlopesResult,
} from "@attune/core";
import { fmt, fmtP } from "./format.ts";
import { headlineOf, headlineTable, unitFigures } from "./headlineBlocks.ts";
import type { Block, Section } from "./model.ts";
import { modelBlocks } from "./modelBlocks.ts";
import { effectsSection } from "./effectsSection.ts";
import { deteriorationSection, glmmModelBlocks } from "./deteriorationSection.ts";
import { moderatedSurfaceBlocks } from "./moderatedSurfaceBlocks.ts";
import { surfaceFigures, trajectoryFigure } from "./figures.ts";
import { figureWords, type FigureWords } from "./figureWords.ts";

const DYNAMIC_PANEL =
  "The current outcome is a covariate beside patient random intercepts; when patients keep a stable outcome level this covariate is correlated with the intercepts, and in short series its coefficient and the alliance effects can be biased (dynamic-panel bias; Falkenström et al. 2017). Read the lagged effects as conditional associations.";

const CATERPILLAR: Record<string, string> = {
  "directional bias":
    "Each therapist's directional bias (fixed effect of their arm + conditional mode, 95% interval from the conditional SD); blue: reference arm, orange: other arm.",
  "truth force": "Each therapist's truth force (fixed + conditional mode, 95% interval).",
  "temporal congruence":
    "Each therapist's temporal congruence (within-dyad truth force: fixed part of their arm + conditional mode, 95% interval).",
  "within-patient slope":
    "Each therapist's within-patient alliance slope of next-session outcome on alliance_wp (fixed + conditional mode, 95% interval).",
};

function congruenceSection(r: CongruenceResult, words: FigureWords): Section {
  const main = headlineOf(r, r.models[0]?.name);
  return {
    id: "congruence",
    title: "Congruence: truth-and-bias model of therapist vs patient alliance",
    blocks: [
      {
        kind: "text",
        text: `Both ratings are centred on the mean patient-rated alliance c = ${fmt(r.center, 4)}. Directional bias is the intercept (therapist − patient at average truth, session 1): negative means therapists under-rate. Truth force is the slope of the therapist's rating on the patient's.`,
      },
      ...(r.models[0] ? modelBlocks(r.models[0]) : []),
      ...headlineTable(main, "Directional bias and truth force per arm, and their moderation by condition"),
      ...unitFigures(main, CATERPILLAR, words),
      ...dyadBlocks(r, words),
    ],
  };
}

function dyadBlocks(r: CongruenceResult, words: FigureWords): Block[] {
  if (!r.quantities) return r.notes.map((text) => ({ kind: "text", text }));
  const dyad = headlineOf(r, r.models[1]?.name);
  return [
    {
      kind: "text",
      text: `${r.notes.map((n) => n + ". ").join("")}Model congruence_dyad splits the patient's rating into the dyad's own mean (truth_b = dyad mean − c) and the session's deviation from it (truth_w). Temporal congruence is the truth_w slope: how far the therapist's rating follows the patient's from session to session within a dyad (random slope per dyad and per therapist). Between-dyad force is the truth_b slope: whether therapists rate higher in dyads whose patients rate higher. Directional bias is the intercept (dyad at average truth, session 1).`,
    },
    ...(r.models[1] ? modelBlocks(r.models[1]) : []),
    ...headlineTable(dyad, "Directional bias, temporal congruence and between-dyad force"),
    ...unitFigures(dyad, CATERPILLAR, words),
  ];
}

function rsaSection(r: RsaResult, words: FigureWords): Section {
  const blocks: Block[] = [
    {
      kind: "text",
      text: `X = therapist-rated and Y = patient-rated alliance at session t, both centred on their pooled mean c = ${fmt(r.center, 4)}; outcome at session t + 1. a1 = b1 + b2 (slope along the line of congruence X = Y), a2 = b3 + b4 + b5 (its curvature), a3 = b1 − b2 (slope along the line of incongruence X = −Y), a4 = b3 − b4 + b5 (its curvature; negative: agreement best), a5 = b3 − b5; delta-method SEs from the fixed-effect covariance, z tests.`,
    },
    { kind: "text", text: DYNAMIC_PANEL },
  ];
  r.surfaces.forEach((s, i) => {
    const m = r.models[i];
    if (m) blocks.push(...modelBlocks(m));
    blocks.push({
      kind: "table",
      table: {
        caption: `Response-surface parameters of ${s.model}`,
        head: ["parameter", "estimate", "SE", "z", "p"],
        rows: (["a1", "a2", "a3", "a4", "a5"] as const).map((k) => {
          const a = s.surface[k];
          return [k, fmt(a.estimate), fmt(a.se), fmt(a.z, 2), fmtP(a.p)];
        }),
      },
    });
    blocks.push({ kind: "figures", figures: surfaceFigures(s, r.center, words) });
  });
  blocks.push(...moderatedSurfaceBlocks(r.moderated));
  return { id: "rsa", title: "Response surface: alliance agreement and next-session outcome", blocks };
}

function growthSection(r: GrowthResult, words: FigureWords): Section {
  const blocks: Block[] = r.effects ? [levelText("time")] : [];
  for (const g of r.raters) {
    const m = r.models.find((x) => x.name === g.model);
    if (m) blocks.push(...modelBlocks(m));
    blocks.push(...headlineTable(headlineOf(r, g.model), `Alliance growth per session, ${g.rater} ratings`));
  }
  blocks.push({ kind: "figures", figures: r.raters.map((g) => trajectoryFigure(g, words)) });
  return { id: "growth", title: "Growth of the alliance, by rater and arm", blocks };
}

function laggedSection(r: LaggedResult): Section {
  return {
    id: "lagged",
    title: "Lagged within/between effects of alliance on next-session outcome",
    blocks: [
      {
        kind: "text",
        text: `${r.rater === "patient" ? "Patient" : "Therapist"}-rated alliance split into the patient's mean over the rows used (alliance_pm, between) and the session's deviation from it (alliance_wp, within${r.detrend ? ", detrended by each patient's linear trend" : ""}).`,
      },
      { kind: "text", text: DYNAMIC_PANEL },
      ...r.notes.map((t) => ({ kind: "text", text: t }) as Block),
      ...(r.effects ? [levelText("alliance_wp")] : []),
      ...(r.models[0] ? modelBlocks(r.models[0]) : []),
      ...headlineTable(headlineOf(r, r.models[0]?.name), "Within- and between-patient effects"),
    ],
  };
}

function levelText(focal: string): Block {
  return {
    kind: "text",
    text: `Predictors split by level over each model's rows: _wp = value − the patient's mean (within patient), _pb = patient mean − therapist mean (between patients of a therapist), _tm = therapist mean − mean of the therapists' means (between therapists; a therapist attribute enters only so). Each moderator is a therapist attribute centred over therapists; "${focal} × m" is the cross-level interaction: the change of the ${focal} slope per unit of m.`,
  };
}

function therapistSlopesSection(r: TherapistSlopesResult, words: FigureWords): Section {
  const main = headlineOf(r, r.models[0]?.name);
  return {
    id: "therapist-slopes",
    title: "Therapist differences in the alliance → outcome slope",
    blocks: [
      ...r.notes.map((t) => ({ kind: "text", text: t }) as Block),
      ...(r.models[0] ? modelBlocks(r.models[0]) : []),
      ...headlineTable(main, "Within-patient slope"),
      { kind: "text", text: `SD of the slope across therapists: ${fmt(r.slopeSd)}.` },
      ...unitFigures(main, CATERPILLAR, words),
    ],
  };
}

/**
 * The report section of one recipe result (tables, derived quantities, plots; the plots' axes in
 * `words`' language, English unless given).
 *
 * @example
 * recipeSection(result).title;
 */
export function recipeSection(r: RecipeResult, words: FigureWords = figureWords()): Section {
  switch (r.recipe) {
    case "congruence":
      return congruenceSection(r, words);
    case "rsa":
      return rsaSection(r, words);
    case "growth":
      return growthSection(r, words);
    case "lagged":
      return laggedSection(r);
    case "therapist-slopes":
      return therapistSlopesSection(r, words);
    case "raters":
    case "cross-lagged":
    case "ruptures":
    case "modality":
      return effectsSection(r);
    case "deterioration":
      return deteriorationSection(r);
    case "custom":
      return {
        id: r.recipe,
        title: "Custom model",
        blocks: [
          ...r.notes.map((text) => ({ kind: "text", text }) as Block),
          ...r.models.flatMap((m) => modelBlocks(m)),
          ...r.glmms.flatMap(glmmModelBlocks),
        ],
      };
  }
}
