// One patient's page as the dashboard serves it, built once for every reader of it: the therapist's page
// (GET /api/dashboard/episodes/{id}), the printable progress report drawn from that same answer, and the
// PDF of the report (progressPdf.ts). Every alert carries its acknowledgement (who, when, the note), so the
// report can say what was done about it.
import { getUser, listSchedule, EpisodeRepository, type Episode } from "@attune/db";
import type { Alert } from "@attune/core";
import type { EpisodeFeedbackOut } from "@attune/api";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import type { Ctx } from "../context.ts";
import { patientFormsFor } from "../clinical/nextSession.ts";
import { formsWithoutWording } from "../instruments/licensed.ts";
import { ratingDue } from "./ratingDue.ts";
import { ackOf, openAlerts } from "./alertOrder.ts";
import { ALLIANCE_THRESHOLD, episodeFeedback, type EpisodeFeedback } from "./feedback.ts";

/** An acknowledgement as the pages show it: when, by whom (code and name), and the therapist's note. */
export interface AckView {
  at: string;
  by: string;
  byName: string;
  note: string | null;
}

/**
 * The alerts of a dyad with their acknowledgements attached (`acknowledged` when one was recorded).
 *
 * @example
 * const alerts = await withAcks(ctx, feedback, feedback.feedback.alerts);
 */
async function withAcks(
  ctx: Ctx,
  f: EpisodeFeedback,
  alerts: readonly Alert[],
): Promise<(Alert & { acknowledged?: AckView })[]> {
  const people = new Map<string, { code: string; name: string }>();
  for (const id of new Set(f.acks.map((k) => k.acknowledged_by))) {
    const u = await getUser(ctx.store.db, id);
    people.set(id, { code: u?.code ?? id, name: u?.display_name ?? u?.code ?? id });
  }
  return alerts.map((a) => {
    const ack = ackOf(f.acks, a, f.outcome.id);
    if (!ack) return { ...a };
    const who = people.get(ack.acknowledged_by);
    return {
      ...a,
      acknowledged: { at: ack.at, by: who?.code ?? "", byName: who?.name ?? "", note: ack.note },
    };
  });
}

/**
 * The patient page's data for an episode the caller may see (the route checks visibility first).
 *
 * @example
 * const view = await episodeView(ctx, episode); // view.series, view.alerts[0].acknowledged?.note
 */
export async function episodeView(ctx: Ctx, ep: Episode): Promise<EpisodeFeedbackOut> {
  const db = ctx.store.db;
  const [f] = await episodeFeedback(ctx, ep.network_id, [ep.id], true);
  const codes = await EpisodeRepository.codesOf(db, ep.id);
  // The forms of the episode's study schedule by who answers them: the therapist's page offers the
  // therapist's forms and makes patient links for the patient's; without a schedule, the demo forms.
  const schedule = ep.study_id ? await listSchedule(db, ep.study_id) : [];
  const formsOf = (rater: string, fallback: string[]) => {
    const urls = [...new Set(schedule.filter((s) => s.rater === rater).map((s) => s.questionnaire_url))];
    return urls.length ? urls : fallback;
  };
  // The next session's patient forms that cannot be shown yet (licensed wording not imported): the page
  // says so before the therapist clicks, instead of a refusal after.
  const next = (f!.series.at(-1)?.session ?? 0) + 1;
  const blank = await formsWithoutWording(
    db,
    ctx.instruments,
    ep.network_id,
    await patientFormsFor(ctx, ep, next),
  );
  return {
    episodeId: ep.id,
    forms: {
      patient: formsOf("patient", [ALLIANCE_PATIENT, WELLBEING]),
      therapist: formsOf("therapist", [ALLIANCE_THERAPIST]),
    },
    patientCode: codes.patient,
    therapistCode: codes.therapist,
    therapistName: codes.therapistName,
    nextLinkBlocked: blank.map((u) => ctx.instruments.byUrl(u)?.questionnaire.title ?? u),
    toRate: ratingDue(f!.series).toRate?.sessionId ?? null,
    series: f!.series,
    congruence: f!.feedback.congruence.map((c) => ({ ...c })),
    trend: { ...f!.feedback.trend },
    alerts: await withAcks(ctx, f!, f!.feedback.alerts),
    openAlerts: await withAcks(ctx, f!, openAlerts(f!)),
    band: f!.band,
    outcome: f!.outcome,
    model: f!.model,
    threshold: ALLIANCE_THRESHOLD,
  } as unknown as EpisodeFeedbackOut; // core's interfaces lack the schema's loose index signatures
}
