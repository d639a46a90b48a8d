import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dataFrameFromRows } from "@attune/stats";
import { describeSample, headlinesOf, preparePrnData, resolveRoles, runRecipesOn } from "@attune/core";
import { describe, expect, it } from "vitest";
import { buildReport, fmtCi, reportHtml, reportMarkdown, reportText } from "../src/index.ts";

const file = fileURLToPath(new URL("../../../fixtures/golden/prn_small.csv", import.meta.url));
const lines = readFileSync(file, "utf8").trim().split("\n");
const split = (l: string) => l.split(",").map((c) => c.replace(/^"(.*)"$/, "$1"));
const df = dataFrameFromRows(split(lines[0]!), lines.slice(1).map(split));
const data = preparePrnData(df, resolveRoles({ outcome: "wellbeing" }));
const results = runRecipesOn("all", data, { byCondition: true });
const report = buildReport(results, { sample: describeSample(data), subtitle: "prn_small.csv" });

describe("report of all recipes", () => {
  it("has a sample section and one section per recipe", () => {
    expect(report.sections.map((s) => s.id)).toEqual([
      "sample",
      "congruence",
      "rsa",
      "growth",
      "lagged",
      "therapist-slopes",
    ]);
  });

  it("HTML is self-contained, with every model's formula, tables and plots", () => {
    const html = reportHtml(report);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const m of [
      "congruence",
      "rsa",
      "rsa_0",
      "rsa_1",
      "growth_patient",
      "growth_therapist",
      "lagged",
      "therapist_slopes",
    ]) {
      expect(html).toContain(`${m}: `);
    }
    // 3 caterpillars (bias, truth force, temporal congruence) + 3 surfaces × 2 + 2 trajectories + 1 caterpillar
    expect(html.match(/<svg[^>]*xmlns/g)?.length).toBe(12);
    expect(html).toContain("Fixed effects of congruence (Satterthwaite df)");
    expect(html).toMatch(/40 therapists treated 121 patients in 657 sessions/);
  });

  it("markdown has GitHub tables and embedded SVG images", () => {
    const md = reportMarkdown(report);
    expect(md).toContain("| term | estimate | SE | df | t | p |");
    expect(md.match(/data:image\/svg\+xml;base64,/g)?.length).toBe(12);
  });

  it("text output reads like lme4's summary", () => {
    const text = reportText(report);
    expect(text).toMatch(/truth_c:condition\s+0\.316\s+0\.058\s+28\.4/);
    expect(text).not.toContain("<svg");
  });
});

describe("the report shows every headline core chooses, as core labels it", () => {
  const html = reportHtml(buildReport(results));
  const all = results.flatMap((r) => headlinesOf(r).map((h) => ({ recipe: r.recipe, ...h })));

  it("has headlines for each recipe with numbers to show", () => {
    expect(all.map((h) => h.model)).toEqual([
      "congruence",
      "congruence_dyad",
      "growth_patient",
      "growth_therapist",
      "lagged",
      "therapist_slopes",
    ]);
    expect(all[0]?.quantities.map((q) => q.label)).toEqual([
      "directional bias, arm 0",
      "truth force, arm 0",
      "directional bias, arm 1",
      "truth force, arm 1",
      "bias difference, arm 1 − 0",
      "truth force difference, arm 1 − 0",
    ]);
  });

  it("each quantity's row in the HTML holds its label and its estimate with its interval", () => {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    for (const h of all)
      for (const q of h.quantities) {
        const row = `<td class="l">${esc(q.label)}</td><td class="r">${esc(fmtCi(q.estimate.estimate, q.estimate.lower, q.estimate.upper))}</td>`;
        expect(html, `${h.model}: ${q.label}`).toContain(row);
      }
  });
});
