// The instrument library of @attune/core behind the server's small Instrument interface: its FHIR
// Questionnaire, its checks (unknown items, values off the answer scale, switched-off items) and its
// scoring. Stored scales: `total`, `percent_of_max`, each subscale by id, each indicator (0/1), and the
// long table's roles on the common 0–100 metric: `alliance` (alliance forms) and `wellbeing`
// (outcome forms where higher is better).
import type { Questionnaire, QuestionnaireResponse } from "fhir/r4";
import {
  allInstruments,
  answersFromResponse,
  scoreResponse,
  toQuestionnaire,
  type Instrument as CoreInstrument,
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

export function coreInstrument(inst: CoreInstrument): Instrument {
  const questionnaire = toQuestionnaire(inst) as unknown as Questionnaire & { url: string };
  return {
    questionnaire,
    rater: inst.rater,
    roleScoreRange: { min: 0, max: 100 },
    ...(inst.kind === "outcome"
      ? { outcome: { scale: "percent_of_max", higherIsBetter: inst.scoring.higherIsBetter } }
      : {}),
    check(qr): Problem[] {
      const r = outcome(inst, qr);
      if (r.ok) return [];
      return r.issues.map((i) => ({
        where: i.linkId ? `item(${i.linkId})` : (i.path ?? "item"),
        message: i.message,
      }));
    },
    score(qr) {
      const r = outcome(inst, qr);
      const out: Record<string, number> = {};
      if (!r.ok) return out;
      if (r.total !== null) out["total"] = r.total;
      if (r.percentOfMax !== null) {
        out["percent_of_max"] = r.percentOfMax;
        if (inst.kind === "alliance") out["alliance"] = r.percentOfMax;
        if (inst.kind === "outcome" && inst.scoring.higherIsBetter) out["wellbeing"] = r.percentOfMax;
      }
      for (const [k, v] of Object.entries(r.subscales)) if (v !== null) out[k] = v;
      for (const [k, v] of Object.entries(r.indicators)) if (v !== null) out[k] = v ? 1 : 0;
      return out;
    },
  };
}

export function coreInstruments(): Instrument[] {
  return allInstruments().map(coreInstrument);
}
