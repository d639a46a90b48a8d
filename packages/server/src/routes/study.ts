// Issue 7: running a network and a study — randomisation of therapists to arms (recorded, reproducible),
// the completion monitor and reminder links, a patient declining a form, and the researcher workspace
// (analysis runs: recorded, with report, tidy CSV, FHIR Bundle and R script downloads).
import { IMPORTED_PATIENT, IMPORTED_THERAPIST } from "../instruments/imported.ts";
import { createHash, randomInt } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  completionData,
  erasedSince,
  getRun,
  getSession,
  getStudy,
  getUser,
  listAllocations,
  listArms,
  listRandomisations,
  listRunRedactions,
  listRuns,
  listSchedule,
  listUsers,
  longRows,
  LONG_COLUMNS,
  recordDeclines,
  recordRandomisation,
  recordRun,
  selectedSessionIds,
  getEpisode,
  type AnalysisRun,
  type Db,
  type LongFilter,
  type RunRedaction,
  type Study,
} from "@attune/db";
import {
  completionStatus,
  countCompletion,
  randomiseTherapists,
  RANDOMISATION_ALGORITHM,
  RECIPE_NAMES,
  type FormStatus,
  type ScheduleLine,
} from "@attune/core";
import { InputError } from "@attune/stats";
import type { AnalysisJob, OutputOf } from "../analysis/compute.ts";
import { AnalysisWorkerError } from "../analysis/pool.ts";
import type { Api } from "../app.ts";
import type { AppEnv, Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { linkFromPath, linkOf, userOf } from "../auth/principal.ts";
import { audit } from "../audit.ts";
import { assertFormsHaveWording, issueLink } from "../links.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { Bundle, Code, Id, IsoDate } from "../schemas.ts";
import { safeCsv, toCsv } from "../io/csv.ts";
import { downloadHeaders, reportHeaders } from "../io/downloads.ts";
import { exportBundle } from "../io/fhirBundle.ts";
import { ATTUNE_VERSION } from "../version.ts";

const idParam = { params: z.object({ id: Id }) };
const NO_SITE = "(no site)";
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

const RandomiseBody = z.object({
  blockSize: z.number().int().min(2).max(24),
  /** Which therapists; default: every therapist of the network not yet allocated in the study. */
  therapistIds: z.array(Id).min(1).max(5000).optional(),
});
const AllocationOut = z.object({
  therapistId: z.string(),
  therapistCode: z.string(),
  site: z.string(),
  arm: z.string(),
  block: z.number(),
  position: z.number(),
});
const RandomisationOut = z.object({
  id: z.string(),
  studyId: z.string(),
  algorithm: z.string(),
  seed: z.number(),
  blockSize: z.number(),
  madeBy: z.string(),
  madeAt: z.string(),
  allocations: z.array(AllocationOut),
  reproduced: z.boolean(),
});
const CompletionQuery = z.object({
  now: IsoDate.optional(),
  lateAfterDays: z.coerce.number().min(0).max(365).optional(),
  missedAfterDays: z.coerce.number().min(0).max(3650).optional(),
});
const Counts = z.object({
  due: z.number(),
  done: z.number(),
  declined: z.number(),
  open: z.number(),
  late: z.number(),
  missed: z.number(),
  rate: z.number().nullable(),
});
const FormOut = z.object({
  session: z.number(),
  sessionId: z.string(),
  questionnaire: z.string(),
  rater: z.string(),
  status: z.enum(["done", "declined", "open", "late", "missed", "upcoming"]),
});
const CompletionOut = z.object({
  now: z.string(),
  totals: Counts,
  sites: z.array(z.object({ site: z.string(), counts: Counts })),
  therapists: z.array(z.object({ therapist: z.string(), site: z.string(), counts: Counts })),
  patients: z.array(
    z.object({
      patientId: z.string(),
      episodeId: z.string(),
      lastSession: z.number().nullable(),
      patient: z.string(),
      therapist: z.string(),
      site: z.string(),
      counts: Counts,
      forms: z.array(FormOut),
    }),
  ),
});
const RemindersBody = z.object({
  now: IsoDate.optional(),
  lateAfterDays: z.number().min(0).max(365).optional(),
  missedAfterDays: z.number().min(0).max(3650).optional(),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
const ReminderOut = z.object({
  patientId: z.string(),
  patient: z.string(),
  therapist: z.string(),
  site: z.string(),
  session: z.number(),
  status: z.enum(["open", "late"]),
  forms: z.array(z.string()),
  url: z.string(),
  expiresAt: z.string(),
});
const DeclineBody = z.object({ forms: z.array(z.string().min(1).max(500)).min(1).max(50) });
const RunBody = z.object({
  study: Id.optional(),
  from: Day.optional(),
  to: Day.optional(),
  arms: z.array(Code).max(50).optional(),
  recipe: z.enum(["all", ...RECIPE_NAMES] as [string, ...string[]]),
  byCondition: z.boolean().optional(),
  rater: z.enum(["patient", "therapist"]).optional(),
  detrend: z.boolean().optional(),
});
const Selection = z.object({
  study: z.string().nullable(),
  studyName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  arms: z.array(z.string()).nullable(),
  options: z.object({
    byCondition: z.boolean(),
    rater: z.enum(["patient", "therapist"]),
    detrend: z.boolean(),
  }),
});
type Selection = z.infer<typeof Selection>;
/** An erasure removed a patient's rows from the run's CSV (docs/study.md, "Erasure and runs"). */
const RedactionOut = z.object({
  at: z.string(),
  rowsRemoved: z.number(),
  /** sha256 of the CSV before and after; the newest `after` is the sha256 of data.csv now. */
  before: z.string(),
  after: z.string(),
});
const RunOut = z.object({
  id: z.string(),
  runAt: z.string(),
  runBy: z.string(),
  attuneVersion: z.string(),
  recipe: z.string(),
  selection: Selection,
  rows: z.number(),
  /** sha256 of the CSV as recorded and analysed (unchanged by redactions). */
  dataSha256: z.string(),
  /** Oldest first; empty if no erased patient was in the run's data. */
  redactions: z.array(RedactionOut),
});
const RunWithResults = RunOut.extend({ results: z.record(z.string(), z.unknown()) });

const redactionOut = (x: RunRedaction) => ({
  at: x.at,
  rowsRemoved: Number(x.rows_removed),
  before: x.before_sha256,
  after: x.after_sha256,
});

/** Said wherever a redacted run's data or recomputed numbers are served (report, R script, run page). */
function redactionNote(redactions: readonly RunRedaction[]): string | null {
  const last = redactions.at(-1);
  if (!last) return null;
  const rows = redactions.reduce((n, x) => n + Number(x.rows_removed), 0);
  return (
    `data redacted after erasure: ${rows} row${rows === 1 ? "" : "s"} of erased patients removed ` +
    `(${redactions.length} erasure${redactions.length === 1 ? "" : "s"}, latest ${last.at}; data sha256 now ` +
    `${last.after_sha256}); numbers recomputed from these data may differ slightly from the recorded ones`
  );
}

function selectionOf(run: AnalysisRun): Selection {
  return Selection.parse(JSON.parse(run.selection));
}

async function runOut(db: Db, run: AnalysisRun) {
  const by = await getUser(db, run.run_by);
  const redactions = await listRunRedactions(db, [run.id]);
  return {
    id: run.id,
    runAt: run.run_at,
    runBy: by?.code ?? "",
    attuneVersion: run.attune_version,
    recipe: run.recipe,
    selection: selectionOf(run),
    rows: Number(run.rows),
    dataSha256: run.data_sha256,
    redactions: redactions.map(redactionOut),
  };
}

/** Omit over each member of a union (a job without the parts the run supplies). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function registerStudyRoutes(app: Api, ctx: Ctx): void {
  const db = ctx.store.db;

  async function studyOf(c: Context<AppEnv>, id: string): Promise<Study> {
    const s = await getStudy(db, id);
    if (!s || s.network_id !== userOf(c).network_id) throw notFound(`study ${id}`);
    return s;
  }

  async function runOf(c: Context<AppEnv>, id: string): Promise<AnalysisRun> {
    const r = await getRun(db, id);
    if (!r || r.network_id !== userOf(c).network_id) throw notFound(`run ${id}`);
    return r;
  }

  /**
   * A job on the run's data in the analysis worker (off the event loop); a redaction may have left too
   * little data to fit a model.
   */
  async function analyseRun<K extends AnalysisJob["kind"]>(
    run: AnalysisRun,
    redactions: readonly RunRedaction[],
    job: DistributiveOmit<Extract<AnalysisJob, { kind: K }>, "csv" | "recipe" | "options">,
  ): Promise<OutputOf<K>> {
    try {
      const full = { ...job, csv: run.data_csv, recipe: run.recipe, options: selectionOf(run).options };
      return await ctx.analysis.run<K>(full as unknown as Extract<AnalysisJob, { kind: K }>);
    } catch (e) {
      // The run fitted on its recorded data, so a failure on the redacted data is the redaction's doing
      // (a worker that died is nobody's data's doing: that stays a 500).
      if (redactions.length && !(e instanceof AnalysisWorkerError))
        throw new ApiError(
          "conflict",
          `run ${run.id}: its data were redacted after erasure and the recipe ${run.recipe} can no longer ` +
            `run on them: ${e instanceof Error ? e.message : String(e)}`,
        );
      throw e;
    }
  }

  // ---- randomisation ----

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies/{id}/randomisation",
      summary:
        "Randomise therapists to the study's arms: stratified by site, permuted blocks, from a seed drawn now " +
        "(concealed until made) and recorded with who made it and when",
      request: { ...idParam, ...jsonBody(RandomiseBody) },
      responses: { 201: json(RandomisationOut) },
    }),
    async (c) => {
      const study = await studyOf(c, c.req.valid("param").id);
      const b = c.req.valid("json");
      const me = userOf(c);
      const arms = await listArms(db, study.id);
      if (arms.length < 2) throw invalid(`study ${study.name} needs at least two arms to randomise`);
      if (b.blockSize % arms.length !== 0)
        throw invalid(`block size ${b.blockSize} is not a multiple of the ${arms.length} arms`, [
          { where: "body.blockSize", message: `a multiple of ${arms.length}` },
        ]);
      const allocated = new Set((await listAllocations(db, study.id)).map((a) => a.therapist_id));
      const staff = await listUsers(db, me.network_id, "therapist");
      let chosen = staff.filter((t) => t.disabled_at === null && !allocated.has(t.id));
      if (b.therapistIds) {
        const byId = new Map(staff.map((t) => [t.id, t]));
        chosen = [];
        for (const [i, id] of b.therapistIds.entries()) {
          const t = byId.get(id);
          if (!t) throw notFound(`therapist ${id}`);
          if (allocated.has(id))
            throw new ApiError("conflict", `therapist ${t.code} is already allocated in this study`, [
              { where: `body.therapistIds.${i}`, message: "already allocated" },
            ]);
          chosen.push(t);
        }
        if (new Set(b.therapistIds).size !== b.therapistIds.length)
          throw invalid("a therapist is listed twice");
      }
      if (chosen.length === 0)
        throw new ApiError("conflict", "no therapist is left to randomise in this study");
      const input = {
        therapists: chosen.map((t) => ({ id: t.id, site: t.site_id ?? NO_SITE })),
        arms: arms.map((a) => a.code),
      };
      const seed = randomInt(0, 2 ** 32 - 1);
      const result = randomiseTherapists({ ...input, blockSize: b.blockSize, seed });
      const armId = new Map(arms.map((a) => [a.code, a.id]));
      const row = await db
        .transaction()
        .execute(async (trx) => {
          const r = await recordRandomisation(trx, {
            studyId: study.id,
            algorithm: RANDOMISATION_ALGORITHM,
            seed,
            blockSize: b.blockSize,
            input,
            madeBy: me.id,
            allocations: result.map((a) => ({ therapistId: a.therapistId, armId: armId.get(a.arm)! })),
          });
          await audit(trx, c, {
            action: "randomise",
            entity: "study",
            entityId: study.id,
            detail: { randomisation: r.id, seed, blockSize: b.blockSize, therapists: result.length },
          });
          return r;
        })
        .catch((e: unknown) => {
          // Two randomisations racing for the same therapist: the allocation key lets only one through.
          if (/unique|duplicate key/i.test(e instanceof Error ? e.message : ""))
            throw new ApiError("conflict", "a therapist was allocated by another randomisation meanwhile");
          throw e;
        });
      const code = new Map(chosen.map((t) => [t.id, t.code]));
      return c.json(
        {
          id: row.id,
          studyId: study.id,
          algorithm: row.algorithm,
          seed,
          blockSize: b.blockSize,
          madeBy: me.code,
          madeAt: row.made_at,
          allocations: result.map((a) => ({ ...a, therapistCode: code.get(a.therapistId) ?? "" })),
          reproduced: true,
        },
        201,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/studies/{id}/randomisations",
      summary:
        "The study's randomisations (seed, block size, who, when, allocations; `reproduced` re-runs each from " +
        "its recorded seed and input and compares with the stored allocations) and every allocation's provenance",
      request: idParam,
      responses: {
        200: json(
          z.object({
            randomisations: z.array(RandomisationOut),
            allocations: z.array(
              z.object({
                therapistCode: z.string(),
                site: z.string(),
                arm: z.string(),
                randomisationId: z.string().nullable(),
                allocatedBy: z.string().nullable(),
                allocatedAt: z.string().nullable(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => {
      const study = await studyOf(c, c.req.valid("param").id);
      const allocs = await listAllocations(db, study.id);
      const users = new Map((await listUsers(db, study.network_id)).map((u) => [u.id, u.code]));
      const randomisations = (await listRandomisations(db, study.id)).map((r) => {
        const input = JSON.parse(r.input) as { therapists: { id: string; site: string }[]; arms: string[] };
        const seed = Number(r.seed);
        const again = randomiseTherapists({ ...input, blockSize: Number(r.block_size), seed });
        const stored = new Map(
          allocs.filter((a) => a.randomisation_id === r.id).map((a) => [a.therapist_id, a.arm]),
        );
        return {
          id: r.id,
          studyId: study.id,
          algorithm: r.algorithm,
          seed,
          blockSize: Number(r.block_size),
          madeBy: users.get(r.made_by) ?? "",
          madeAt: r.made_at,
          allocations: again.map((a) => ({ ...a, therapistCode: users.get(a.therapistId) ?? "" })),
          reproduced:
            r.algorithm === RANDOMISATION_ALGORITHM &&
            stored.size === again.length &&
            again.every((a) => stored.get(a.therapistId) === a.arm),
        };
      });
      await audit(db, c, { action: "read", entity: "randomisations", entityId: study.id });
      return c.json(
        {
          randomisations,
          allocations: allocs.map((a) => ({
            therapistCode: a.therapist_code,
            site: a.site_id ?? NO_SITE,
            arm: a.arm,
            randomisationId: a.randomisation_id,
            allocatedBy: a.allocated_by ? (users.get(a.allocated_by) ?? null) : null,
            allocatedAt: a.allocated_at,
          })),
        },
        200,
      );
    },
  );

  // ---- completion monitor ----

  async function completion(
    study: Study,
    o: { now?: string | undefined; lateAfterDays?: number | undefined; missedAfterDays?: number | undefined },
  ) {
    const now = o.now ?? new Date().toISOString();
    const schedule: ScheduleLine[] = (await listSchedule(db, study.id)).map((i) => ({
      questionnaire: i.questionnaire_url,
      rater: i.rater,
      sessions: i.sessions === "all" ? "all" : (JSON.parse(i.sessions) as number[]),
    }));
    const d = await completionData(db, study.network_id, study.id);
    const done = new Set(d.answered.map((a) => `${a.session_id} ${a.questionnaire_url}`));
    // Imported, already-scored answers (long CSV, REDCap) arrive on a carrier form per rater: they stand
    // for that rater's scheduled forms of the session.
    for (const a of d.answered) {
      const rater =
        a.questionnaire_url === IMPORTED_PATIENT
          ? "patient"
          : a.questionnaire_url === IMPORTED_THERAPIST
            ? "therapist"
            : null;
      if (rater)
        for (const line of schedule)
          if (line.rater === rater) done.add(`${a.session_id} ${line.questionnaire}`);
    }
    const declined = new Set(d.declined.map((a) => `${a.session_id} ${a.questionnaire_url}`));
    const patients = d.episodes.map((e) => {
      const sessions = d.sessions
        .filter((s) => s.episode_id === e.id)
        .map((s) => ({ id: s.id, number: Number(s.number), date: s.date }));
      const forms = completionStatus(schedule, sessions, done, declined, {
        now,
        ...(o.lateAfterDays !== undefined ? { lateAfterDays: o.lateAfterDays } : {}),
        ...(o.missedAfterDays !== undefined ? { missedAfterDays: o.missedAfterDays } : {}),
      });
      const lastSession = sessions.length ? Math.max(...sessions.map((x) => x.number)) : null;
      return { episode: e, site: e.site_name ?? NO_SITE, forms, lastSession };
    });
    return { now, patients };
  }

  app.openapi(
    apiRoute(["coordinator"], {
      method: "get",
      path: "/api/studies/{id}/completion",
      summary:
        "Completion monitor: per site, therapist and patient, the forms the schedule made due and whether each " +
        "is done, declined, open, late, missed (or upcoming)",
      request: { ...idParam, query: CompletionQuery },
      responses: { 200: json(CompletionOut) },
    }),
    async (c) => {
      const study = await studyOf(c, c.req.valid("param").id);
      const q = c.req.valid("query");
      let r: Awaited<ReturnType<typeof completion>>;
      try {
        r = await completion(study, q);
      } catch (e) {
        if (e instanceof InputError) throw invalid(e.message);
        throw e;
      }
      const group = (key: (p: (typeof r.patients)[number]) => string) => {
        const m = new Map<string, FormStatus[]>();
        for (const p of r.patients) m.set(key(p), [...(m.get(key(p)) ?? []), ...p.forms]);
        return m;
      };
      const therapistSite = new Map(r.patients.map((p) => [p.episode.therapist_code, p.site]));
      await audit(db, c, { action: "read", entity: "completion", entityId: study.id });
      return c.json(
        {
          now: r.now,
          totals: countCompletion(r.patients.flatMap((p) => p.forms)),
          sites: [...group((p) => p.site)].map(([site, f]) => ({ site, counts: countCompletion(f) })),
          therapists: [...group((p) => p.episode.therapist_code)].map(([therapist, f]) => ({
            therapist,
            site: therapistSite.get(therapist) ?? NO_SITE,
            counts: countCompletion(f),
          })),
          patients: r.patients.map((p) => ({
            patientId: p.episode.patient_id,
            episodeId: p.episode.id,
            lastSession: p.lastSession,
            patient: p.episode.patient_code,
            therapist: p.episode.therapist_code,
            site: p.site,
            counts: countCompletion(p.forms),
            forms: p.forms,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/studies/{id}/reminders",
      summary:
        "The reminder list: every session with open or late patient forms, each with a new one-time patient " +
        "link for exactly those forms, ready to send",
      request: { ...idParam, ...jsonBody(RemindersBody) },
      responses: { 201: json(z.object({ reminders: z.array(ReminderOut) })) },
    }),
    async (c) => {
      const study = await studyOf(c, c.req.valid("param").id);
      const b = c.req.valid("json");
      let r: Awaited<ReturnType<typeof completion>>;
      try {
        r = await completion(study, b);
      } catch (e) {
        if (e instanceof InputError) throw invalid(e.message);
        throw e;
      }
      const expiresAt = new Date(
        Date.now() + (b.expiresInHours ? b.expiresInHours * 3600_000 : ctx.config.linkTtlMs),
      );
      const reminders: z.infer<typeof ReminderOut>[] = [];
      const open = (p: (typeof r.patients)[number]) =>
        p.forms.filter((f) => f.rater === "patient" && (f.status === "open" || f.status === "late"));
      // Checked before any link is made: the list is all or nothing, never links to blank questions.
      await assertFormsHaveWording(
        ctx,
        study.network_id,
        r.patients.flatMap((p) => open(p).map((f) => f.questionnaire)),
      );
      for (const p of r.patients) {
        const bySession = new Map<string, FormStatus[]>();
        for (const f of open(p)) bySession.set(f.sessionId, [...(bySession.get(f.sessionId) ?? []), f]);
        for (const [sessionId, forms] of bySession) {
          const session = await getSession(db, sessionId);
          const episode = await getEpisode(db, p.episode.id);
          if (!session || !episode) continue;
          const link = await issueLink(ctx, c, {
            episode,
            session,
            forms: forms.map((f) => f.questionnaire),
            expiresAt,
          });
          reminders.push({
            patientId: p.episode.patient_id,
            patient: p.episode.patient_code,
            therapist: p.episode.therapist_code,
            site: p.site,
            session: session.number,
            status: forms.some((f) => f.status === "late") ? "late" : "open",
            forms: link.forms,
            url: link.url,
            expiresAt: link.expiresAt,
          });
        }
      }
      return c.json({ reminders }, 201);
    },
  );

  app.openapi(
    apiRoute(
      ["patient"],
      {
        method: "post",
        path: "/api/r/{token}/decline",
        summary: "The patient declines forms of their link; recorded as declined (not missed)",
        request: { params: z.object({ token: z.string().min(16).max(128) }), ...jsonBody(DeclineBody) },
        responses: { 200: json(z.object({ declined: z.array(z.string()) })) },
      },
      [linkFromPath(ctx)],
    ),
    async (c) => {
      const link = linkOf(c);
      if (Date.parse(link.expires_at) <= Date.now())
        throw new ApiError("gone", "this link has expired; ask your therapist for a new one");
      const forms = [...new Set(c.req.valid("json").forms)];
      const offered = new Set(JSON.parse(link.forms) as string[]);
      for (const [i, f] of forms.entries())
        if (!offered.has(f))
          throw invalid(`${f} is not a form of this link`, [
            { where: `body.forms.${i}`, message: "not offered" },
          ]);
      const answered = await db
        .selectFrom("responses")
        .select("questionnaire_url")
        .where("session_id", "=", link.session_id)
        .where("questionnaire_url", "in", forms)
        .execute();
      if (answered.length)
        throw new ApiError(
          "conflict",
          `already answered: ${answered.map((a) => a.questionnaire_url).join(", ")}`,
        );
      await db.transaction().execute(async (trx) => {
        await recordDeclines(trx, {
          networkId: link.network_id,
          episodeId: link.episode_id,
          sessionId: link.session_id,
          forms,
          linkId: link.id,
        });
        await audit(trx, c, {
          action: "decline",
          entity: "session",
          entityId: link.session_id,
          detail: { forms },
        });
      });
      return c.json({ declined: forms }, 200);
    },
  );

  // ---- researcher workspace ----

  async function filterOf(c: Context<AppEnv>, sel: Selection): Promise<LongFilter> {
    return {
      networkId: userOf(c).network_id,
      ...(sel.study ? { studyId: sel.study } : {}),
      ...(sel.from ? { from: sel.from } : {}),
      ...(sel.to ? { to: sel.to } : {}),
      ...(sel.arms ? { arms: sel.arms } : {}),
    };
  }

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "post",
      path: "/api/runs",
      summary:
        "Run a recipe (or all) on chosen data — the network or a study, a session date range, arms — and record " +
        "the run: who, when, which data (its tidy CSV and sha256), which attune version",
      request: jsonBody(RunBody),
      responses: { 201: json(RunWithResults) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const me = userOf(c);
      const study = b.study ? await studyOf(c, b.study) : null;
      if (b.arms && !study) throw invalid("arms can be chosen only within a study");
      if (b.from && b.to && b.from > b.to) throw invalid("from is after to");
      const selection: Selection = {
        study: study?.id ?? null,
        studyName: study?.name ?? null,
        from: b.from ?? null,
        to: b.to ?? null,
        arms: b.arms ?? null,
        options: {
          byCondition: b.byCondition ?? false,
          rater: b.rater ?? "patient",
          detrend: b.detrend ?? false,
        },
      };
      const rows = await longRows(db, await filterOf(c, selection));
      if (rows.length === 0) throw invalid("the chosen data has no sessions");
      const csv = toCsv(LONG_COLUMNS, rows as unknown as Record<string, unknown>[]);
      let results: string;
      try {
        // The contract plus what the researcher's page shows (intervals, headline quantities, therapists).
        results = (
          await ctx.analysis.run({ kind: "results", csv, recipe: b.recipe, options: selection.options })
        ).json;
      } catch (e) {
        if (e instanceof InputError) throw invalid(`the recipe cannot run on the chosen data: ${e.message}`);
        throw e;
      }
      const json = JSON.parse(results) as Record<string, unknown>;
      const run = await db.transaction().execute(async (trx) => {
        // An erasure between reading the rows and recording the run could not redact it: refuse instead.
        const erased = await erasedSince(
          trx,
          me.network_id,
          rows.map((x) => x.patient),
        );
        if (erased > 0)
          throw new ApiError(
            "conflict",
            `${erased} patient(s) in the chosen data were erased while the run was computed; run it again`,
          );
        const r = await recordRun(trx, {
          network_id: me.network_id,
          run_by: me.id,
          attune_version: ATTUNE_VERSION,
          selection: JSON.stringify(selection),
          recipe: b.recipe,
          rows: rows.length,
          data_sha256: sha256(csv),
          data_csv: csv,
          results,
        });
        await audit(trx, c, { action: "run", entity: "analysis_run", entityId: r.id, detail: selection });
        return r;
      });
      return c.json({ ...(await runOut(db, run)), results: json }, 201);
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs",
      summary: "The network's recorded analysis runs, newest first",
      responses: { 200: json(z.object({ runs: z.array(RunOut) })) },
    }),
    async (c) => {
      const runs = await listRuns(db, userOf(c).network_id);
      const redactions = await listRunRedactions(
        db,
        runs.map((r) => r.id),
      );
      const byRun = new Map<string, RunRedaction[]>();
      for (const x of redactions) byRun.set(x.run_id, [...(byRun.get(x.run_id) ?? []), x]);
      return c.json(
        {
          runs: runs.map((r) => ({
            id: r.id,
            runAt: r.run_at,
            runBy: r.run_by_code,
            attuneVersion: r.attune_version,
            recipe: r.recipe,
            selection: Selection.parse(JSON.parse(r.selection)),
            rows: Number(r.rows),
            dataSha256: r.data_sha256,
            redactions: (byRun.get(r.id) ?? []).map(redactionOut),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}",
      summary: "One run: its record and the numbers it reported",
      request: idParam,
      responses: { 200: json(RunWithResults) },
    }),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      await audit(db, c, { action: "read", entity: "analysis_run", entityId: run.id });
      return c.json(
        { ...(await runOut(db, run)), results: JSON.parse(run.results) as Record<string, unknown> },
        200,
      );
    },
  );

  const download = (name: string, type: string, description: string) =>
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: `/api/runs/{id}/${name}`,
      summary: description,
      request: { ...idParam, query: z.object({ download: z.enum(["0", "1"]).optional() }) },
      responses: { 200: { description: type, content: { [type]: { schema: z.string() } } } },
    });

  async function serve(
    c: Context<AppEnv>,
    id: string,
    what: string,
    filename: string,
    type: string,
    body: string,
  ) {
    await audit(db, c, { action: "export", entity: "analysis_run", entityId: id, detail: { what } });
    const headers = downloadHeaders(type, filename);
    return c.body(type === "text/csv" ? safeCsv(body) : body, 200, headers);
  }

  app.openapi(
    download("report.html", "text/html", "The run's HTML report (inline; ?download=1 to save)"),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      const sel = selectionOf(run);
      const redactions = await listRunRedactions(db, [run.id]);
      const note = redactionNote(redactions);
      const { html } = await analyseRun<"report">(run, redactions, {
        kind: "report",
        title: run.recipe === "all" ? "attune analysis" : `attune analysis: ${run.recipe}`,
        subtitle:
          `run ${run.id} · attune ${run.attune_version} · ${run.run_at} · ` +
          `${sel.studyName ? `study ${sel.studyName}` : "whole network"}` +
          `${sel.from || sel.to ? ` · sessions ${sel.from ?? "…"} to ${sel.to ?? "…"}` : ""}` +
          `${sel.arms ? ` · arms ${sel.arms.join(", ")}` : ""} · data sha256 ${run.data_sha256.slice(0, 12)}` +
          `${note ? ` · ${note}` : ""}`,
      });
      await audit(db, c, {
        action: "export",
        entity: "analysis_run",
        entityId: run.id,
        detail: { what: "report" },
      });
      const headers = reportHeaders(
        c.req.valid("query").download === "1" ? `attune-run-${run.id}.html` : null,
      );
      return c.body(html, 200, headers);
    },
  );

  app.openapi(
    download(
      "data.csv",
      "text/csv",
      "The tidy long CSV the run analysed (as recorded, less the rows of patients erased since)",
    ),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      return serve(c, run.id, "data", `attune-run-${run.id}-data.csv`, "text/csv", run.data_csv);
    },
  );

  const rOf = async (run: AnalysisRun) => {
    const redactions = await listRunRedactions(db, [run.id]);
    const note = redactionNote(redactions);
    return analyseRun<"rScript">(run, redactions, {
      kind: "rScript",
      csvName: `attune-run-${run.id}-models.csv`,
      command: `attune run ${run.id} (attune ${run.attune_version}, ${run.run_at}, data sha256 ${run.data_sha256})`,
      // attune's numbers below are recomputed from the redacted data, so R and attune still agree.
      ...(note
        ? { notes: [`NOTE: ${note}.`, "attune's numbers below are recomputed from the redacted data."] }
        : {}),
    });
  };

  app.openapi(
    download("script.R", "text/x-r", "An R script refitting every model of the run with lme4 + lmerTest"),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      return serve(c, run.id, "r-script", `attune-run-${run.id}.R`, "text/x-r", (await rOf(run)).script);
    },
  );

  app.openapi(
    download(
      "models.csv",
      "text/csv",
      "The model data the R script reads (derived columns as attune fitted them)",
    ),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      return serve(
        c,
        run.id,
        "model-data",
        `attune-run-${run.id}-models.csv`,
        "text/csv",
        (await rOf(run)).csv,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator", "researcher"], {
      method: "get",
      path: "/api/runs/{id}/fhir",
      summary:
        "A FHIR Bundle of the run's selection (its sessions, episodes, patients by code, answers) as stored now",
      request: idParam,
      responses: { 200: json(Bundle) },
    }),
    async (c) => {
      const run = await runOf(c, c.req.valid("param").id);
      const sel = selectionOf(run);
      const filter = await filterOf(c, sel);
      const bundle = await exportBundle(ctx.store, {
        networkId: filter.networkId,
        ...(sel.study ? { studyId: sel.study } : {}),
        baseUrl: ctx.config.publicBaseUrl,
        sessionIds: await selectedSessionIds(db, filter),
      });
      await audit(db, c, {
        action: "export",
        entity: "analysis_run",
        entityId: run.id,
        detail: { what: "fhir" },
      });
      return c.json(bundle as never, 200);
    },
  );
}
