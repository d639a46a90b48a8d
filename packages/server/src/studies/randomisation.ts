// Randomisation of therapists to a study's arms: made once from a seed drawn at that moment and
// recorded with its input, so that anyone can re-run it and see that the stored allocations are its.
import { randomInt } from "node:crypto";
import { listAllocations, listArms, listRandomisations, listUsers, recordRandomisation } from "@attune/db";
import {
  PATIENT_RANDOMISATION_ALGORITHM,
  randomiseTherapists,
  RANDOMISATION_ALGORITHM,
  reproduceRandomisation,
} from "@attune/core";
import { patientLevelOut } from "./patientLevel.ts";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid, notFound } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import { studyOf } from "./access.ts";
import { RandomisationOut, RandomisationsOut, RandomiseBody } from "@attune/api";
import { idParam, NO_SITE } from "./params.ts";

/**
 * POST /api/studies/{id}/randomisation and GET /api/studies/{id}/randomisations.
 *
 * @example
 * app.route("/", randomisationApi(ctx));
 */
export function randomisationApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

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
      const study = await studyOf(db, c, c.req.valid("param").id);
      if (study.allocation_level === "patient")
        throw new ApiError(
          "conflict",
          `study ${study.name} randomises patients at enrolment, not therapists`,
        );
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
        200: json(RandomisationsOut),
      },
    }),
    async (c) => {
      const study = await studyOf(db, c, c.req.valid("param").id);
      const allocs = await listAllocations(db, study.id);
      const users = new Map((await listUsers(db, study.network_id)).map((u) => [u.id, u.code]));
      const patientLevel = await patientLevelOut(db, study.id, users, userOf(c).role === "researcher");
      const randomisations = (await listRandomisations(db, study.id))
        .filter((r) => r.algorithm !== PATIENT_RANDOMISATION_ALGORITHM)
        .map((r) => {
          const input = JSON.parse(r.input) as { therapists: { id: string; site: string }[]; arms: string[] };
          const seed = Number(r.seed);
          const { allocations, reproduced } = reproduceRandomisation({
            algorithm: r.algorithm,
            input,
            blockSize: Number(r.block_size),
            seed,
            stored: new Map(
              allocs.filter((a) => a.randomisation_id === r.id).map((a) => [a.therapist_id, a.arm]),
            ),
          });
          return {
            id: r.id,
            studyId: study.id,
            algorithm: r.algorithm,
            seed,
            blockSize: Number(r.block_size),
            madeBy: users.get(r.made_by) ?? "",
            madeAt: r.made_at,
            allocations: allocations.map((a) => ({ ...a, therapistCode: users.get(a.therapistId) ?? "" })),
            reproduced,
          };
        });
      await audit(db, c, { action: "read", entity: "randomisations", entityId: study.id });
      return c.json(
        {
          patientLevel,
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
  return app;
}
