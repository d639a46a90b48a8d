// Core's instrument definitions behind the server's small Instrument interface: the FHIR Questionnaire,
// the checks (unknown items, value types, values off the answer scale, switched-off and required items,
// declared scales of imported scores) and the stored scores all come from @attune/core, for the demo
// forms, the imported-score carriers and the library alike.
import type { Questionnaire, QuestionnaireResponse } from "fhir/r4";
import {
  answersFromResponse,
  declaredRanges,
  outcomeScale,
  scoreResponse,
  storedScores,
  toQuestionnaire,
  type DeclaredRanges,
  type Instrument as CoreInstrument,
  type Issue,
  type QuestionnaireResponse as CoreResponse,
  type ScoreOutcome,
} from "@attune/core";
import type { Problem } from "../errors.ts";
import type { Instrument } from "./catalog.ts";

interface Checked {
  readonly outcome: ScoreOutcome;
  readonly declared: DeclaredRanges;
}

/**
 * One response read, scored and its declared scales checked once: checkResponse asks for the problems,
 * then the scores and the declared ranges of the same object (imports do this for every row).
 */
const checked = new WeakMap<object, Checked>();

function read(inst: CoreInstrument, qr: QuestionnaireResponse): Checked {
  const hit = checked.get(qr);
  if (hit) return hit;
  const core = qr as unknown as CoreResponse;
  const a = answersFromResponse(inst, core);
  const out: Checked = {
    outcome: a.ok ? scoreResponse(inst, a.answers) : { ok: false, instrumentId: inst.id, issues: a.issues },
    declared: declaredRanges(inst, core),
  };
  checked.set(qr, out);
  return out;
}

const problem = (i: Issue): Problem => ({
  where: i.linkId ? `item(${i.linkId})` : (i.path ?? "item"),
  message: i.message,
});

/**
 * The server's view of one core definition.
 *
 * @example
 * coreInstrument(getInstrument("phq-9")).score(qr); // { total: 12, percent_of_max: 44.4, ... }
 */
export function coreInstrument(inst: CoreInstrument): Instrument {
  const questionnaire = toQuestionnaire(inst) as unknown as Questionnaire & { url: string };
  const followed = outcomeScale(inst);
  return {
    questionnaire,
    definition: inst,
    rater: inst.rater,
    ...(followed ? { outcome: followed } : {}),
    check(qr): Problem[] {
      const { outcome, declared } = read(inst, qr);
      return [...(outcome.ok ? [] : outcome.issues), ...declared.issues].map(problem);
    },
    score(qr) {
      const { outcome } = read(inst, qr);
      return outcome.ok ? storedScores(inst, outcome) : {};
    },
    scoreRanges(qr) {
      return { ...read(inst, qr).declared.ranges };
    },
  };
}
