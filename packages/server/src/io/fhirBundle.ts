// FHIR Bundle export of a network (or one study) and import of a Bundle of QuestionnaireResponses
// (with the Patient / EpisodeOfCare / Encounter entries an attune export carries, or referring to
// sessions already stored).
import type {
  Bundle,
  Encounter,
  EpisodeOfCare,
  FhirResource,
  Patient as FhirPatient,
  Observation,
  QuestionnaireResponse,
} from "fhir/r4";
import {
  createEpisode,
  createPatient,
  ensureSession,
  findEpisode,
  getEpisode,
  getPatientByCode,
  getSession,
  importAllocation,
  importStudy,
  importTherapist,
  listAttributes,
  listEpisodes,
  listPatients,
  listSessions,
  SessionRepository,
  CodeRepository,
  listResponses,
  scoresOf,
  searchQuestionnaires,
  setEpisodeEnd,
  setSessionModality,
  type Episode,
  type Store,
  type TherapySession,
} from "@attune/db";
import {
  codeProblem,
  endReasonOf,
  isEndReason,
  isModality,
  isoDateProblem,
  modalityOf,
  sessionNumber,
} from "@attune/core";
import type { Ctx } from "../context.ts";
import { checkResponse } from "../fhir/qr.ts";
import {
  ARM_SYSTEM,
  collection,
  encounterResource,
  END_REASON_EXTENSION,
  MODALITY_EXTENSION,
  episodeResource,
  patientResource,
  PATIENT_CODE_SYSTEM,
  responseResource,
  THERAPIST_CODE_SYSTEM,
} from "../fhir/bundle.ts";
import { totalObservation } from "../fhir/observation.ts";
import { store as storeResponse } from "../submissions.ts";
import { ApiError } from "../errors.ts";
import {
  practitionerCode,
  practitionerResources,
  practitionerValues,
  type BundlePractitioner,
} from "./fhirPractitioner.ts";
import { storeFileValues } from "./therapistColumns.ts";
import type { ImportReport, Progress, Rejection } from "./report.ts";

const SESSION_NUMBER = "https://attune.dev/fhir/session-number";

export async function exportBundle(
  store: Store,
  opts: {
    networkId: string;
    studyId?: string;
    baseUrl: string;
    onProgress?: Progress;
    /** Only these sessions (and their episodes, patients, answers). */
    sessionIds?: ReadonlySet<string>;
  },
): Promise<Bundle> {
  const db = store.db;
  const only = opts.sessionIds;
  let episodes = await listEpisodes(db, {
    networkId: opts.networkId,
    ...(opts.studyId ? { studyId: opts.studyId } : {}),
  });
  if (only) {
    const keep = await SessionRepository.episodesOf(db, [...only]);
    episodes = episodes.filter((e) => keep.has(e.id));
  }
  const resources: FhirResource[] = [];
  const patients = await listPatients(db, opts.networkId);
  const wanted = new Set(episodes.map((e) => e.patient_id));
  const therapists = await CodeRepository.staffCodes(db, opts.networkId);
  const arms = await CodeRepository.armCodes(db);
  const responses = (
    await listResponses(db, {
      networkId: opts.networkId,
      ...(opts.studyId ? { studyId: opts.studyId } : {}),
    })
  ).filter((r) => !only || only.has(r.session_id));
  const usedForms = new Set(responses.map((r) => r.questionnaire_url));
  for (const q of await searchQuestionnaires(db, {}))
    if (usedForms.has(q.url)) resources.push(JSON.parse(q.resource) as FhirResource);
  for (const p of patients) if (wanted.has(p.id)) resources.push(patientResource(p));
  const sessionDates = new Map<string, string | null>();
  for (const [i, e] of episodes.entries()) {
    resources.push(
      episodeResource(
        e,
        therapists.get(e.therapist_id) ?? "",
        e.arm_id ? (arms.get(e.arm_id) ?? null) : null,
      ),
    );
    const sessions = await listSessions(db, e.id);
    for (const s of sessions)
      if (!only || only.has(s.id)) {
        resources.push(encounterResource(s, e));
        sessionDates.set(s.id, s.date);
      }
    if (i % 100 === 0) opts.onProgress?.(i, episodes.length);
  }
  // The therapists of these episodes, by code, with their attribute values (fhirPractitioner.ts).
  const seen = new Map(episodes.map((e) => [e.therapist_id, therapists.get(e.therapist_id) ?? ""]));
  resources.push(...((await practitionerResources(db, opts.networkId, seen)) as FhirResource[]));
  // Each response, then its total as an Observation (observation.ts); the response stays the source.
  const totals = new Map(
    (
      await scoresOf(
        db,
        responses.map((r) => r.id),
      )
    )
      .filter((s) => s.scale === "total")
      .map((s) => [s.response_id, s.value]),
  );
  for (const r of responses) {
    resources.push(responseResource(r));
    const total = totals.get(r.id);
    if (total !== undefined)
      resources.push(totalObservation(r, total, sessionDates.get(r.session_id) ?? null));
  }
  opts.onProgress?.(episodes.length, episodes.length);
  return collection(opts.baseUrl, resources);
}

export async function importBundle(
  ctx: Pick<Ctx, "store" | "instruments">,
  input: unknown,
  opts: { networkId: string; study?: string; actorId: string | null; onProgress?: Progress },
): Promise<ImportReport> {
  const b = input as Bundle;
  if (!b || typeof b !== "object" || b.resourceType !== "Bundle" || !Array.isArray(b.entry))
    return {
      ok: false,
      rows: 0,
      created: {},
      rejected: [{ row: 0, message: 'expected a FHIR Bundle with an "entry" array' }],
    };
  const entries = b.entry.map((e: unknown, i) => ({
    i,
    r: e && typeof e === "object" ? (e as { resource?: FhirResource }).resource : undefined,
  }));
  const rejected: Rejection[] = [];
  const patients = new Map<string, FhirPatient>();
  const eoc = new Map<string, EpisodeOfCare>();
  const enc = new Map<string, Encounter>();
  const qrs: { i: number; r: QuestionnaireResponse }[] = [];
  const practitioners: BundlePractitioner[] = [];
  const observations: { i: number; r: Observation }[] = [];
  for (const { i, r } of entries) {
    if (!r || typeof r !== "object" || typeof r.resourceType !== "string") {
      rejected.push({ row: i, message: `entry[${i}] has no resource` });
      continue;
    }
    const problems = recordProblems(r);
    if (problems.length) {
      for (const p of problems) rejected.push({ row: i, message: `entry[${i}] (${r.resourceType}): ${p}` });
      continue;
    }
    if (r.resourceType === "Patient" && r.id) patients.set(r.id, r);
    else if (r.resourceType === "EpisodeOfCare" && r.id) eoc.set(r.id, r);
    else if (r.resourceType === "Encounter" && r.id) enc.set(r.id, r);
    else if (r.resourceType === "QuestionnaireResponse") qrs.push({ i, r });
    else if (r.resourceType === "Observation") observations.push({ i, r });
    else if (r.resourceType === "Practitioner") {
      const code = practitionerCode(r);
      if (typeof code === "string") practitioners.push({ i, code, r });
      else rejected.push({ row: i, message: `entry[${i}] (Practitioner): ${code.problem}` });
    } else if (r.resourceType !== "Questionnaire")
      rejected.push({ row: i, message: `entry[${i}]: ${r.resourceType} is not imported` });
  }
  const derived = derivedObservations(b.entry, qrs, observations);
  rejected.push(...derived.rejected);
  const checked = qrs.flatMap(({ i, r }) => {
    try {
      return [{ i, ch: checkResponse(ctx, r, `entry[${i}].resource`) }];
    } catch (e) {
      if (e instanceof ApiError)
        for (const p of e.problems.length ? e.problems : [{ message: e.message }])
          rejected.push({ row: i, message: p.where ? `${p.where}: ${p.message}` : p.message });
      else throw e;
      return [];
    }
  });
  if (qrs.length === 0 && practitioners.length === 0 && rejected.length === 0)
    rejected.push({ row: 0, message: "the Bundle holds no QuestionnaireResponse" });
  if (rejected.length) return { ok: false, rows: entries.length, created: {}, rejected };
  const db = ctx.store.db;
  const created = { patients: 0, therapists: 0, episodes: 0, sessions: 0, responses: 0, attributes: 0 };
  const conflicts: Rejection[] = [];
  const ref = (s: string | undefined, type: string) =>
    s?.startsWith(`${type}/`) ? s.slice(type.length + 1) : undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      // Therapist attributes on Practitioners: checked before anything is stored (a refusal stores nothing).
      const attrs = practitionerValues(await listAttributes(trx, opts.networkId), practitioners);
      if (attrs.rejected.length) {
        conflicts.push(...attrs.rejected);
        throw new Rollback();
      }
      const into = await importStudy(trx, opts.networkId, opts.study ?? "imported");
      const study = into.study;
      const sessionFor = new Map<string, { episode: Episode; session: TherapySession }>();
      for (const [n, { i, ch }] of checked.entries()) {
        const encId = ref(ch.qr.encounter?.reference, "Encounter");
        if (!encId) {
          conflicts.push({
            row: i,
            message: `entry[${i}].resource.encounter: a reference Encounter/<id> is needed`,
          });
          continue;
        }
        let target = sessionFor.get(encId);
        if (!target) {
          const e = enc.get(encId);
          if (!e) {
            // Not in the bundle: a session already stored in this network.
            const s = await getSession(trx, encId);
            const ep = s ? await getEpisode(trx, s.episode_id) : undefined;
            if (!s || !ep || ep.network_id !== opts.networkId) {
              conflicts.push({
                row: i,
                message: `Encounter/${encId} is neither in the Bundle nor a stored session of this network`,
              });
              continue;
            }
            target = { episode: ep, session: s };
          } else {
            const eocId = ref(e.episodeOfCare?.[0]?.reference, "EpisodeOfCare");
            const ep = eocId ? eoc.get(eocId) : undefined;
            const pid = ref(ep?.patient.reference, "Patient");
            const pat = pid ? patients.get(pid) : undefined;
            const pcode = pat?.identifier?.find((x) => x.system === PATIENT_CODE_SYSTEM)?.value;
            const tcode =
              ep?.careManager?.identifier?.system === THERAPIST_CODE_SYSTEM
                ? ep.careManager.identifier.value
                : undefined;
            const number = e.extension?.find((x) => x.url === SESSION_NUMBER)?.valueInteger;
            if (!pcode || !tcode || !number || number < 1) {
              conflicts.push({
                row: i,
                message: `Encounter/${encId} lacks its EpisodeOfCare, Patient code, therapist code or session number in the Bundle`,
              });
              continue;
            }
            const th = await importTherapist(trx, opts.networkId, tcode);
            if (typeof th === "string") {
              conflicts.push({ row: i, message: `EpisodeOfCare/${eocId}: ${th}` });
              continue;
            }
            if (th.created) created.therapists++;
            const t = th.user;
            const arm = ep?.type?.[0]?.coding?.find((c) => c.system === ARM_SYSTEM)?.code;
            const armProblem = arm ? await importAllocation(trx, into, t, arm) : undefined;
            if (armProblem) {
              conflicts.push({ row: i, message: `EpisodeOfCare/${eocId}: ${armProblem}` });
              continue;
            }
            let p = await getPatientByCode(trx, opts.networkId, pcode);
            if (!p) {
              p = await createPatient(trx, { networkId: opts.networkId, code: pcode });
              created.patients++;
            }
            let episode = await findEpisode(trx, p.id, t.id);
            if (!episode) {
              episode = await createEpisode(trx, { patientId: p.id, therapistId: t.id, studyId: study.id });
              created.episodes++;
            }
            const end = ep ? episodeEndOf(ep) : null;
            if (end) {
              if (
                episode.end_reason &&
                (episode.ended_at !== end.endedAt || episode.end_reason !== end.reason)
              ) {
                conflicts.push({
                  row: i,
                  message: `EpisodeOfCare/${eocId}: patient ${pcode}'s episode already ended (${episode.end_reason}, ${episode.ended_at ?? "no date"}); imports never overwrite`,
                });
                continue;
              }
              episode = (await setEpisodeEnd(trx, episode.id, end)) ?? episode;
            }
            const existing = await SessionRepository.numbered(trx, episode.id, number);
            const modality = modalityExtension(e);
            let session = await ensureSession(trx, episode.id, number, e.period?.start ?? null, modality);
            if (!existing) created.sessions++;
            else if (modality && session.modality !== modality) {
              if (session.modality) {
                conflicts.push({
                  row: i,
                  message: `Encounter/${encId}: session ${number} of patient ${pcode} is stored as ${session.modality}, not ${modality} (imports never overwrite)`,
                });
                continue;
              }
              session = (await setSessionModality(trx, session.id, modality)) ?? session;
            }
            target = { episode, session };
          }
          sessionFor.set(encId, target);
        }
        await storeResponse(trx, ch, { ...target, authorKind: "import", authorId: opts.actorId });
        created.responses++;
        if (n % 200 === 0) opts.onProgress?.(n, checked.length);
      }
      const therapistIds = new Map<string, string>();
      for (const x of practitioners) {
        if (!attrs.values.has(x.code) || therapistIds.has(x.code)) continue;
        const th = await importTherapist(trx, opts.networkId, x.code);
        if (typeof th === "string") conflicts.push({ row: x.i, message: `Practitioner ${x.code}: ${th}` });
        else {
          if (th.created) created.therapists++;
          therapistIds.set(x.code, th.user.id);
          created.attributes += attrs.values.get(x.code)?.length ?? 0;
        }
      }
      conflicts.push(
        ...(await storeFileValues(trx, opts.networkId, attrs.values, therapistIds, opts.actorId)),
      );
      if (conflicts.length) throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  if (conflicts.length) return { ok: false, rows: entries.length, created: {}, rejected: conflicts };
  opts.onProgress?.(checked.length, checked.length);
  const n = derived.ignored;
  return {
    ok: true,
    rows: entries.length,
    created,
    rejected: [],
    ...(n
      ? {
          warnings: [
            `${n} Observation${n === 1 ? "" : "s"} not stored: each is derived from a QuestionnaireResponse of this Bundle, whose scores are computed from its answers (the response is the source)`,
          ],
        }
      : {}),
  };
}

/**
 * Observations an attune export writes beside each response (a form's total): ignored when derived from
 * a QuestionnaireResponse of the same Bundle (by `QuestionnaireResponse/<id>` or that entry's fullUrl),
 * since storing the response stores its scores; any other Observation is refused, naming why.
 */
function derivedObservations(
  entries: readonly unknown[],
  qrs: readonly { i: number; r: QuestionnaireResponse }[],
  observations: readonly { i: number; r: Observation }[],
): { ignored: number; rejected: Rejection[] } {
  const sources = new Set<string>();
  for (const { i, r } of qrs) {
    if (typeof r.id === "string") sources.add(`QuestionnaireResponse/${r.id}`);
    const fullUrl = (entries[i] as { fullUrl?: unknown }).fullUrl;
    if (typeof fullUrl === "string") sources.add(fullUrl);
  }
  const rejected: Rejection[] = [];
  for (const { i, r } of observations) {
    const from = Array.isArray(r.derivedFrom) ? r.derivedFrom : [];
    if (!from.some((x) => typeof x?.reference === "string" && sources.has(x.reference)))
      rejected.push({
        row: i,
        message: `entry[${i}]: an Observation is accepted only as derived from a QuestionnaireResponse of the same Bundle (derivedFrom QuestionnaireResponse/<id>); scores are stored from answers, so send the response`,
      });
  }
  return { ignored: observations.length - rejected.length, rejected };
}

class Rollback extends Error {}

/**
 * The record contract (@attune/core records/) applied to the fields an import reads from a Patient,
 * EpisodeOfCare or Encounter: codes, arm codes, session numbers and dates; messages name the field.
 */
function recordProblems(r: FhirResource): string[] {
  const out: string[] = [];
  const check = (problem: string | undefined) => {
    if (problem) out.push(problem);
  };
  if (r.resourceType === "Patient") {
    for (const id of r.identifier ?? [])
      if (id?.system === PATIENT_CODE_SYSTEM) check(codeProblem(id.value, "identifier: patient"));
  } else if (r.resourceType === "EpisodeOfCare") {
    const cm = r.careManager?.identifier;
    if (cm?.system === THERAPIST_CODE_SYSTEM) check(codeProblem(cm.value, "careManager: therapist"));
    for (const t of r.type ?? [])
      for (const c of t?.coding ?? []) if (c?.system === ARM_SYSTEM) check(codeProblem(c.code, "type: arm"));
  } else if (r.resourceType === "Encounter") {
    for (const x of r.extension ?? [])
      if (x?.url === SESSION_NUMBER) {
        const n = sessionNumber(x.valueInteger ?? (x as { valueDecimal?: unknown }).valueDecimal);
        if (typeof n === "string") out.push(`extension ${SESSION_NUMBER}: ${n}`);
      }
    if (r.period?.start !== undefined) check(isoDateProblem(r.period.start, "period.start"));
    for (const x of r.extension ?? [])
      if (x?.url === MODALITY_EXTENSION) {
        const m = modalityOf(x.valueCode);
        if (!isModality(m)) out.push(`extension ${MODALITY_EXTENSION}: ${m}`);
      }
  }
  if (r.resourceType === "EpisodeOfCare") {
    if (r.period?.end !== undefined) check(isoDateProblem(r.period.end, "period.end"));
    const reason = r.extension?.find((x) => x?.url === END_REASON_EXTENSION);
    if (reason) {
      const why = endReasonOf(reason.valueCode);
      if (!isEndReason(why)) out.push(`extension ${END_REASON_EXTENSION}: ${why}`);
    }
    if (reason === undefined && r.period?.end !== undefined)
      out.push(`period.end needs the ${END_REASON_EXTENSION} extension (why the episode ended)`);
  }
  return out;
}

/** The session modality an Encounter carries (already checked by recordProblems), or null. */
function modalityExtension(e: Encounter) {
  const m = modalityOf(e.extension?.find((x) => x.url === MODALITY_EXTENSION)?.valueCode);
  return isModality(m) ? m : null;
}

/** The end (day and reason) an EpisodeOfCare carries (already checked by recordProblems), or null. */
function episodeEndOf(ep: EpisodeOfCare) {
  const why = endReasonOf(ep.extension?.find((x) => x.url === END_REASON_EXTENSION)?.valueCode);
  return isEndReason(why) ? { endedAt: ep.period?.end?.slice(0, 10) ?? null, reason: why } : null;
}
