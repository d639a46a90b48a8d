// The workspace's predictors by level for growth and lagged: session-level columns of the long table
// (session facts such as modality, and every scored form that is not the recipe's own outcome or focal
// rating), each split by the recipe into within-patient, between-patient and between-therapist parts, and
// therapist attributes that moderate the recipe's focal slope (cross-level interactions).
import { html, type TemplateResult } from "lit-html";
import {
  FACT_COLUMNS,
  KEY_COLUMNS,
  LONG_COLUMNS,
  longMeasure,
  SCALE_ALLIANCE,
  SCORE_COLUMNS,
} from "@attune/core/records";
import type { TherapistAttributesOut } from "@attune/api";
import type { Lang } from "../lang.ts";
import { checkList } from "./checkList.ts";
import type { Choice } from "./workspace.ts";
import { measureLabel, researchWords } from "./words.ts";
import { workspaceWords } from "./workspaceWords.ts";

type Attribute = TherapistAttributesOut["attributes"][number];

/** Episode-level facts: the same on every row of an episode, so they cannot vary within a patient. */
const EPISODE_FACTS: ReadonlySet<string> = new Set(["end_reason"]);

/** What a long-table column holds, for the predictor's label. */
function columnLabel(name: string, lang: Lang): string {
  const measure = longMeasure(name);
  if (measure) return measureLabel(name, measure.label, lang);
  if (name === "modality") return researchWords(lang).session;
  return name.replace(/_/g, " ");
}

/**
 * The long table's session-level columns a recipe may take as predictors: not the keys, not
 * episode-level facts, not the alliance ratings (growth's outcome, lagged's focal predictor) and, for
 * lagged, not its outcome (`outcome`, the well-being column unless another is chosen).
 *
 * @example
 * sessionPredictors("growth"); // [{ name: "wellbeing", … }, { name: "modality", … }]
 */
export function sessionPredictors(
  recipe: string,
  outcome = "wellbeing",
  lang: Lang = "en",
): { name: string; label: string }[] {
  const alliance = new Set<string>(
    SCORE_COLUMNS.filter((c) => c.scale === SCALE_ALLIANCE).map((c) => c.column),
  );
  const keys = new Set<string>(KEY_COLUMNS);
  return LONG_COLUMNS.filter(
    (c) =>
      !keys.has(c) &&
      !EPISODE_FACTS.has(c) &&
      !alliance.has(c) &&
      !(recipe === "lagged" && c === outcome) &&
      (longMeasure(c) !== undefined || (FACT_COLUMNS as readonly string[]).includes(c)),
  ).map((name) => ({ name, label: columnLabel(name, lang) }));
}

/**
 * The session-level predictor and therapist-moderator choices of growth and lagged (ticked columns go
 * to the run request's `predictors` and `moderators`).
 *
 * @example
 * levelChoices(choice, attributes, draw, "en");
 */
export function levelChoices(
  c: Choice,
  attributes: readonly Attribute[],
  draw: () => void,
  lang: Lang,
): TemplateResult {
  const w = workspaceWords(lang);
  const focal = c.recipe === "growth" ? w.focalGrowth : w.focalLagged;
  const labelled = (label: string, code: string) => html`${label} <span class="muted">(${code})</span>`;
  return html`<fieldset class="arms" aria-describedby="predictors-help">
      <legend>${w.predictors}</legend>
      <p id="predictors-help" class="muted small">${w.predictorsHelp}</p>
      ${checkList(
        "pred",
        sessionPredictors(c.recipe, c.outcome || "wellbeing", lang).map((p) => ({
          value: p.name,
          label: labelled(p.label, p.name),
        })),
        c.predictors,
        (next) => ((c.predictors = next), draw()),
      )}
    </fieldset>
    ${
      attributes.length > 0
        ? html`<fieldset class="arms">
            <legend>${w.moderators(focal)}</legend>
            <p class="muted small">${w.moderatorsHelp(focal)}</p>
            ${checkList(
              "mod",
              attributes.map((a) => ({ value: a.code, label: labelled(a.label, a.code) })),
              c.moderators,
              (next) => ((c.moderators = next), draw()),
            )}
          </fieldset>`
        : html``
    }`;
}

/**
 * The columns a custom formula may use beyond CUSTOM_COLUMNS: the long table's other columns (scores
 * and session facts) and the network's therapist attributes (one value per therapist).
 *
 * @example
 * extraFormulaColumns(attributes, new Set(["outcome"])).map((c) => c.name); // ["modality", "end_reason", "years_practice"]
 */
export function extraFormulaColumns(
  attributes: readonly Attribute[],
  listed: ReadonlySet<string>,
  lang: Lang = "en",
): { name: string; what: string }[] {
  const w = researchWords(lang);
  // The well-being column is the table's `outcome` (a role column is read under its canonical name).
  const keys = new Set<string>([...KEY_COLUMNS, "wellbeing"]);
  const long = LONG_COLUMNS.filter((c) => !keys.has(c) && !listed.has(c)).map((name) => ({
    name,
    what: name === "end_reason" ? w.endReason : columnLabel(name, lang),
  }));
  const therapist = attributes.map((a) => ({
    name: a.code,
    what: w.attribute(a.label, a.kind, (a.levels ?? []).join(", ")),
  }));
  return [...long, ...therapist];
}
