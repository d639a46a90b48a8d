// A network that follows two (or more) outcome forms, for tests and the dashboard bench: the demo's patients answer PHQ-9 as the mirror of
// their well-being form (every well-being score w on 0–100 becomes PHQ-9 100 − w, higher = worse), and the
// study schedules PHQ-9 first, the well-being form still after it. Each form then raises its own not on
// track at the same sessions: what per-form acknowledgement and the coordinator's per-form rates need.
import { appendResponses, type Store } from "@attune/db";
import { builtinCatalog } from "../instruments/builtin.ts";
import { scoreRange } from "../dashboard/series.ts";

export const PHQ9_URL = "https://attune.example/fhir/Questionnaire/phq-9";

/**
 * Adds the mirrored PHQ-9 responses and schedules PHQ-9 first in the network's study; returns how many
 * responses it added.
 *
 * @example
 * const demo = await seedSimulatedDemo(store);
 * await scheduleMirroredPhq9(store, demo.networkId);
 */
export const scheduleMirroredPhq9 = (store: Store, networkId: string): Promise<number> =>
  scheduleMirroredForm(store, networkId, "phq-9");

/**
 * Adds responses to a built-in outcome form (e.g. "gad-7") mirroring each well-being score and schedules
 * the form at every session of the network's study, ahead of the forms scheduled later; returns how many
 * responses it added.
 *
 * @example
 * await scheduleMirroredForm(store, demo.networkId, "gad-7");
 */
export async function scheduleMirroredForm(store: Store, networkId: string, form: string): Promise<number> {
  const url = `https://attune.example/fhir/Questionnaire/${form}`;
  const catalog = builtinCatalog();
  const wellbeing = await store.db
    .selectFrom("responses as r")
    .innerJoin("scores as sc", "sc.response_id", "r.id")
    .select([
      "r.network_id",
      "r.patient_id",
      "r.episode_id",
      "r.session_id",
      "r.questionnaire_url",
      "sc.value",
      "sc.range_min",
      "sc.range_max",
    ])
    .where("r.network_id", "=", networkId)
    .where("sc.scale", "=", "wellbeing")
    .where("r.rater", "=", "patient")
    .execute();
  // On 0–100 as the dashboard reads it (imported scores carry their declared range).
  const percent = (w: (typeof wellbeing)[number]) => {
    const r =
      w.range_min !== null && w.range_max !== null
        ? { min: Number(w.range_min), max: Number(w.range_max) }
        : scoreRange(catalog, w.questionnaire_url, "wellbeing");
    return Math.round(((Number(w.value) - r.min) / (r.max - r.min)) * 1000) / 10;
  };
  await appendResponses(
    store.db,
    wellbeing.map((w) => ({
      networkId: w.network_id,
      patientId: w.patient_id,
      episodeId: w.episode_id,
      sessionId: w.session_id,
      questionnaireUrl: url,
      rater: "patient" as const,
      authorKind: "import" as const,
      authorId: null,
      resource: { resourceType: "QuestionnaireResponse", status: "completed" },
      scores: { percent_of_max: 100 - percent(w) },
    })),
  );
  await schedulePatientForm(store, networkId, form);
  return wellbeing.length;
}

/**
 * Schedules a built-in patient form (e.g. "phq-9") at every session of the network's (first) study, ahead
 * of the forms scheduled later.
 *
 * @example
 * await schedulePatientForm(store, demo.networkId, "phq-9");
 */
export async function schedulePatientForm(store: Store, networkId: string, form: string): Promise<void> {
  const study = await store.db
    .selectFrom("studies")
    .select("id")
    .where("network_id", "=", networkId)
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  await store.db
    .insertInto("schedule_items")
    .values({
      id: `${study.id}-a-${form}`,
      study_id: study.id,
      questionnaire_url: `https://attune.example/fhir/Questionnaire/${form}`,
      rater: "patient",
      sessions: "all",
    })
    .execute();
}
