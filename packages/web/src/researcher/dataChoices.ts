// The workspace's choices about the data beyond which sessions: the measure analysed as the outcome
// (any measure of the long table, each with its direction from core) and, for a whole-network run, the
// study whose arms the analysis compares (or none).
import { html, nothing, type TemplateResult } from "lit-html";
import { LONG_MEASURES } from "@attune/core/records";
import type { Lang } from "../lang.ts";
import type { Study } from "./types.ts";
import { measureLabel } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";

/** What these controls choose; "" means the default (well-being; no arms). */
export interface DataChoice {
  outcome: string;
  armsFrom: string;
}

/** The patient-rated measures a recipe can take as its outcome (the therapist's and observer's are not outcomes). */
const OUTCOMES = LONG_MEASURES.filter((m) => m.rater === "patient" && !m.column.startsWith("alliance"));

/**
 * The run request's part for these choices.
 *
 * @example
 * dataBody({ outcome: "phq9", armsFrom: "" }, false); // { outcome: "phq9" }
 */
export function dataBody(choice: DataChoice, inStudy: boolean): { outcome?: string; armsFrom?: string } {
  return {
    ...(choice.outcome && choice.outcome !== "wellbeing" ? { outcome: choice.outcome } : {}),
    ...(!inStudy && choice.armsFrom ? { armsFrom: choice.armsFrom } : {}),
  };
}

/**
 * The outcome selector and, without a study, the "arms from" selector.
 *
 * @example
 * html`${dataChoices(choice, studies, false, draw, "en")}`;
 */
export function dataChoices(
  choice: DataChoice,
  studies: readonly Study[],
  inStudy: boolean,
  draw: () => void,
  lang: Lang,
): TemplateResult {
  const w = workspaceWords(lang);
  const picked = OUTCOMES.find((m) => m.column === (choice.outcome || "wellbeing"));
  return html`<label for="outcome">${w.outcome}</label>
    <select
      id="outcome"
      aria-describedby="outcome-help"
      .value=${choice.outcome || "wellbeing"}
      @change=${(e: Event) => ((choice.outcome = (e.target as HTMLSelectElement).value), draw())}
    >
      ${OUTCOMES.map(
        (m) =>
          html`<option value=${m.column}>${measureLabel(m.column, m.label, lang)} (${m.column})</option>`,
      )}
    </select>
    <p class="muted small" id="outcome-help">
      ${picked ? (picked.higherIsBetter ? w.higherBetter : w.lowerBetter) : ""}
    </p>
    ${
      inStudy
        ? nothing
        : html`<label for="arms-from">${w.armsFrom}</label>
            <select
              id="arms-from"
              aria-describedby="arms-from-help"
              .value=${choice.armsFrom}
              @change=${(e: Event) => ((choice.armsFrom = (e.target as HTMLSelectElement).value), draw())}
            >
              <option value="">${w.noArms}</option>
              ${studies.map((s) => html`<option value=${s.id}>${w.armsFromStudy(s.name)}</option>`)}
            </select>
            <p class="muted small" id="arms-from-help">${w.armsFromHelp}</p>`
    }`;
}
