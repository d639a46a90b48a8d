// Storing answers. A patient link's submission is idempotent: the first one claims the link in the
// same transaction that stores its responses; a retry with the same content gets the first result;
// different content is refused. Staff (therapist, coder, coordinator) store responses directly.
import { createHash } from "node:crypto";
import { attuneResponse } from "@attune/core";
import type { Context } from "hono";
import {
  appendResponse,
  appendResponses,
  claimLink,
  declinedForms,
  lockPatient,
  lockPatients,
  findLinkByToken,
  getSessionWithEpisode,
  newId,
  type NewResponseInput,
  type Db,
  type Episode,
  type PatientLink,
  type ResponseRow,
  type TherapySession,
  LinkRepository,
} from "@attune/db";
import type { AppEnv, Ctx } from "./context.ts";
import { ApiError, invalid, notFound } from "./errors.ts";
import { auditEntry } from "./audit/record.ts";
import { appendAudit } from "@attune/db";
import { canonicalJson, checkResponse, type CheckedResponse } from "./fhir/qr.ts";
import { stripVersion } from "./instruments/catalog.ts";
import { Batcher } from "./batcher.ts";

export interface SubmitResult {
  ids: string[];
  replayed: boolean;
}

const batchers = new WeakMap<Ctx, Batcher<boolean>>();
function batcherOf(ctx: Ctx): Batcher<boolean> {
  let b = batchers.get(ctx);
  if (!b)
    batchers.set(ctx, (b = new Batcher<boolean>(ctx.store.db, ctx.store.dialect === "postgres" ? 2 : 1)));
  return b;
}

export async function submitViaLink(
  ctx: Ctx,
  c: Context<AppEnv>,
  link: PatientLink,
  responses: unknown[],
): Promise<SubmitResult> {
  const hash = createHash("sha256").update(canonicalJson(responses)).digest("hex");
  const replay = answerForUsed(link, hash);
  if (replay) return replay;
  if (Date.parse(link.expires_at) <= Date.now())
    throw new ApiError("gone", "this link has expired; ask your therapist for a new one");
  // A session scheduled ahead: its forms are about that session, so they cannot be answered before its day.
  if (link.opens_at !== null && Date.parse(link.opens_at) > Date.now())
    throw new ApiError(
      "conflict",
      `this link opens on the day of the session (${link.opens_at}); answers cannot be sent before then`,
    );
  const forms = JSON.parse(link.forms) as string[];
  const checked = responses.map((r, i) => checkResponse(ctx, r, `responses[${i}]`));
  const seen = new Set<string>();
  checked.forEach((ch, i) => {
    const url = stripVersion(ch.qr.questionnaire ?? "");
    if (!forms.includes(url))
      throw invalid(
        `responses[${i}].questionnaire: ${url} is not one of this link's forms (${forms.join(", ")})`,
      );
    if (seen.has(url)) throw invalid(`responses[${i}].questionnaire: ${url} is answered twice`);
    seen.add(url);
  });
  const declined = new Set(await declinedForms(ctx.store.db, link.session_id));
  for (const url of seen)
    if (declined.has(url))
      throw new ApiError("conflict", `${url} was declined for this session; a declined form is not answered`);
  const target = await getSessionWithEpisode(ctx.store.db, link.session_id);
  if (!target) throw notFound("the session of this link");
  const ids = checked.map(() => newId());
  const inputs = checked.map((ch, i) =>
    toInput(ch, { ...target, authorKind: "link", authorId: link.id, id: ids[i]! }),
  );
  const audits = ids.map((id) =>
    auditEntry(c, { action: "create", entity: "QuestionnaireResponse", entityId: id }),
  );
  const claimed = await batcherOf(ctx).submit({
    async run(trx) {
      // Waits for a running erasure of this patient, then finds them gone (a 409 below, not a 500).
      if (!(await lockPatient(trx, target.episode.patient_id, "share"))) return false;
      if (!(await claimLink(trx, link.id, hash, ids))) return false;
      await appendResponses(trx, inputs);
      await appendAudit(trx, audits);
      return true;
    },
  });
  if (!claimed) {
    const now = await findLinkById(ctx.store.db, link.id);
    if (!now) throw new ApiError("conflict", "this link is no longer valid; ask your therapist");
    const again = answerForUsed(now, hash);
    if (again) return again;
    throw new ApiError("conflict", "this link was used a moment ago with different answers");
  }
  for (const inp of inputs)
    ctx.events.emit({
      networkId: inp.networkId,
      episodeId: inp.episodeId,
      sessionId: inp.sessionId,
      rater: inp.rater,
    });
  return { ids, replayed: false };
}

function answerForUsed(link: PatientLink, hash: string): SubmitResult | undefined {
  if (!link.submitted_at) return undefined;
  if (link.submission_hash === hash)
    return { ids: JSON.parse(link.result ?? "[]") as string[], replayed: true };
  throw new ApiError(
    "conflict",
    `this link was already used on ${link.submitted_at.slice(0, 10)} with different answers; ` +
      "answers cannot be changed through the link — ask your therapist if something was wrong",
  );
}

const findLinkById = LinkRepository.byId;

export async function linkByToken(ctx: Ctx, token: string): Promise<PatientLink | undefined> {
  return findLinkByToken(ctx.store.db, token);
}

/** Where a response is stored and who wrote it. */
export interface ResponseTarget {
  episode: Episode;
  session: TherapySession;
  authorKind: "link" | "user" | "import";
  authorId: string | null;
  id?: string;
}

/** Writes one checked response (and its scores) bound to a session; 409 if the patient was erased meanwhile. */
export async function store(db: Db, ch: CheckedResponse, t: ResponseTarget): Promise<ResponseRow> {
  if (!(await lockPatient(db, t.episode.patient_id, "share")))
    throw new ApiError("conflict", "the patient of this session was erased meanwhile");
  return appendResponse(db, toInput(ch, t));
}

/**
 * Writes many checked responses, each bound to its session, in one statement (an import's rows, a few
 * hundred at a time): the same rows as `store` writes one by one, each patient locked as `store` locks
 * them but once per transaction (`locked`: the patients this transaction already holds); 409 if one was
 * erased meanwhile.
 *
 * @example
 * const locked = new Set<string>();
 * await storeMany(trx, [{ ch, target: { episode, session, authorKind: "import", authorId: null } }], locked);
 */
export async function storeMany(
  db: Db,
  items: readonly { ch: CheckedResponse; target: ResponseTarget }[],
  locked: Set<string>,
): Promise<ResponseRow[]> {
  const wanted = [...new Set(items.map((x) => x.target.episode.patient_id))].filter((id) => !locked.has(id));
  const there = await lockPatients(db, wanted, "share");
  if (wanted.some((id) => !there.has(id)))
    throw new ApiError("conflict", "the patient of this session was erased meanwhile");
  for (const id of wanted) locked.add(id);
  return appendResponses(
    db,
    items.map((x) => toInput(x.ch, x.target)),
  );
}

function toInput(ch: CheckedResponse, t: ResponseTarget): NewResponseInput {
  // Only attune's fields are kept, and the server says when the answers arrived (records/response.ts).
  const resource = attuneResponse({
    ...(ch.qr as unknown as Record<string, unknown>),
    subject: { reference: `Patient/${t.episode.patient_id}` },
    encounter: { reference: `Encounter/${t.session.id}` },
    authored: new Date().toISOString(),
  });
  return {
    ...(t.id ? { id: t.id } : {}),
    networkId: t.episode.network_id,
    patientId: t.episode.patient_id,
    episodeId: t.episode.id,
    sessionId: t.session.id,
    questionnaireUrl: ch.instrument.questionnaire.url,
    rater: ch.instrument.rater,
    authorKind: t.authorKind,
    authorId: t.authorId,
    resource,
    scores: ch.scores,
    scoreRanges: ch.ranges,
  };
}
