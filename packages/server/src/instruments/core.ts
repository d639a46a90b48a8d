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
  type Instrument as CoreInstrument,
  type Issue,
  type QuestionnaireResponse as CoreResponse,
  type ScoreOutcome,
} from "@attune/core";
import type { Problem } from "../errors.ts";
import type { Instrument } from "./catalog.ts";

function outcome(inst: CoreInstrument, qr: QuestionnaireResponse): ScoreOutcome {
  const a = answersFromResponse(inst, qr as unknown as CoreResponse);
  if (!a.ok) return { ok: false, instrumentId: inst.id, issues: a.issues };
  return scoreResponse(inst, a.answers);
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
      const r = outcome(inst, qr);
      const declared = declaredRanges(inst, qr as unknown as CoreResponse).issues;
      return [...(r.ok ? [] : r.issues), ...declared].map(problem);
    },
    score(qr) {
      const r = outcome(inst, qr);
      return r.ok ? storedScores(inst, r) : {};
    },
    scoreRanges(qr) {
      return { ...declaredRanges(inst, qr as unknown as CoreResponse).ranges };
    },
  };
}
