// The response surface on a run page: a1..a5 with what each means, and the surface along the lines of
// agreement and disagreement.
import { html, type TemplateResult } from "lit-html";
import { explain } from "../help/explain.ts";
import { num, pval } from "./format.ts";
import { surfaceLines } from "./plots.ts";
import { wrap } from "./tableWrap.ts";
import type { Surface } from "./types.ts";

const SURFACE_MEANING: Record<keyof Surface, string> = {
  a1: "slope along the line of agreement: do higher ratings by both go with better next-session well-being?",
  a2: "curvature along the line of agreement",
  a3: "slope along the line of disagreement: is it better when the therapist rates higher than the patient (positive) or lower (negative)?",
  a4: "curvature along the line of disagreement: negative means agreement itself goes with better well-being",
  a5: "X² − Y² asymmetry of the curvature",
};

/**
 * The surface parameters of a model, their meanings, and its profile along the two lines.
 *
 * @example
 * surfaceTable("rsa", run.results.surface);
 */
export function surfaceTable(name: string, s: Surface): TemplateResult {
  const id = `s-${name}`;
  return html`<h3 id=${id}>Response-surface parameters</h3>
    ${explain("surface", "en")}
    ${wrap(
      id,
      html`<table class="num" data-testid="surface-${name}">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Estimate</th>
            <th scope="col">SE</th>
            <th scope="col">z</th>
            <th scope="col">p</th>
            <th scope="col" class="text">Meaning</th>
          </tr>
        </thead>
        <tbody>
          ${(["a1", "a2", "a3", "a4", "a5"] as const).map(
            (k) =>
              html`<tr>
                <th scope="row">${k}</th>
                <td>${num(s[k].estimate)}</td>
                <td>${num(s[k].se)}</td>
                <td>${num(s[k].z, 2)}</td>
                <td>${pval(s[k].p)}</td>
                <td class="wrap">${SURFACE_MEANING[k]}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    <p class="muted small">
      a1 = b1 + b2, a2 = b3 + b4 + b5, a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5 from the fixed effects X,
      Y, X2, XY, Y2; delta-method SEs and z tests.
    </p>
    <h3>The surface along the lines of agreement and disagreement</h3>
    <p class="plain">
      In plain words: if agreement itself went with better well-being, the dashed curve would bend down on
      both sides of 0 (a4 negative). Here a4 = ${num(s.a4.estimate)} (p
      ${pval(s.a4.p).startsWith("<") ? pval(s.a4.p) : `= ${pval(s.a4.p)}`}); along the line of agreement, a1 =
      ${num(s.a1.estimate)} (p ${pval(s.a1.p).startsWith("<") ? pval(s.a1.p) : `= ${pval(s.a1.p)}`}).
    </p>
    ${surfaceLines({
      id: `plot-${name}`,
      title: `Response surface of ${name} along the lines of agreement and disagreement`,
      surface: s,
    })}
    <p class="muted small">
      Predicted change in next-session well-being compared with both rating the alliance at the centre: solid,
      both ratings s points from it (agreement); dashed, the therapist's s above and the patient's s below
      (disagreement; negative s: the patient rates higher). The full 3-D surface and its contours are in the
      report.
    </p>`;
}
