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
import type { Choice } from "./workspace.ts";

type Attribute = TherapistAttributesOut["attributes"][number];

/** Episode-level facts: the same on every row of an episode, so they cannot vary within a patient. */
const EPISODE_FACTS: ReadonlySet<string> = new Set(["end_reason"]);

/** What a long-table column holds, for the predictor's label. */
function columnLabel(name: string): string {
  const measure = longMeasure(name);
  if (measure) return measure.label;
  if (name === "modality") return "session modality (video and phone, each against in person)";
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
export function sessionPredictors(recipe: string, outcome = "wellbeing"): { name: string; label: string }[] {
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
  ).map((name) => ({ name, label: columnLabel(name) }));
}

function toggled(list: readonly string[], code: string, on: boolean): string[] {
  return on ? [...new Set([...list, code])] : list.filter((m) => m !== code);
}

/**
 * The session-level predictor and therapist-moderator choices of growth and lagged (ticked columns go
 * to the run request's `predictors` and `moderators`).
 *
 * @example
 * levelChoices(choice, attributes, draw);
 */
export function levelChoices(c: Choice, attributes: readonly Attribute[], draw: () => void): TemplateResult {
  const focal = c.recipe === "growth" ? "growth (time)" : "alliance → outcome slope (alliance_wp)";
  const predictors = sessionPredictors(c.recipe, c.outcome || "wellbeing");
  return html`<fieldset class="arms" aria-describedby="predictors-help">
      <legend>Session-level predictors</legend>
      <p id="predictors-help" class="muted small">
        Each is split into its within-patient (<code>_wp</code>), between-patient (<code>_pb</code>) and
        between-therapist (<code>_tm</code>) parts; a category enters as one 0/1 column per level against the
        first.
      </p>
      ${predictors.map(
        (p) =>
          html`<div class="check">
            <input
              id="pred-${p.name}"
              type="checkbox"
              .checked=${c.predictors.includes(p.name)}
              @change=${(e: Event) => (
                (c.predictors = toggled(c.predictors, p.name, (e.target as HTMLInputElement).checked)),
                draw()
              )}
            />
            <label for="pred-${p.name}">${p.label} <span class="muted">(${p.name})</span></label>
          </div>`,
      )}
    </fieldset>
    ${
      attributes.length > 0
        ? html`<fieldset class="arms">
            <legend>Therapist attributes that may change the ${focal}</legend>
            <p class="muted small">
              Each enters centred over therapists (<code>_tm</code>) with its interaction with the ${focal} (a
              cross-level interaction).
            </p>
            ${attributes.map(
              (a) =>
                html`<div class="check">
                  <input
                    id="mod-${a.code}"
                    type="checkbox"
                    .checked=${c.moderators.includes(a.code)}
                    @change=${(e: Event) => (
                      (c.moderators = toggled(c.moderators, a.code, (e.target as HTMLInputElement).checked)),
                      draw()
                    )}
                  />
                  <label for="mod-${a.code}">${a.label} <span class="muted">(${a.code})</span></label>
                </div>`,
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
): { name: string; what: string }[] {
  // The well-being column is the table's `outcome` (a role column is read under its canonical name).
  const keys = new Set<string>([...KEY_COLUMNS, "wellbeing"]);
  const long = LONG_COLUMNS.filter((c) => !keys.has(c) && !listed.has(c)).map((name) => ({
    name,
    what:
      name === "end_reason"
        ? "why the episode ended (completed, dropout, referred, other; NA while open)"
        : columnLabel(name),
  }));
  const therapist = attributes.map((a) => ({
    name: a.code,
    what: `${a.label} (therapist attribute, ${a.kind === "numeric" ? "numeric" : `categories ${(a.levels ?? []).join(", ")}`}; one value per therapist)`,
  }));
  return [...long, ...therapist];
}
