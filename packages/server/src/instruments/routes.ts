// The instrument library as a network sees it, and the network's licensed wording: a coordinator
// imports the wording of a shell from the network's licensed copy; the merged form is then what the
// network's staff and patient links get. Every change is a new revision (db) and an audit entry.
import type { Questionnaire } from "fhir/r4";
import {
  currentLicensedTexts,
  latestLicensedText,
  LicensedTextConflict,
  storeLicensedText,
  withdrawLicensedText,
  type LicensedText,
} from "@attune/db";
import {
  ATTUNE_CANONICAL,
  findInstrument,
  listInstruments,
  mergeLicensedText,
  questionnaireLanguages,
  type Questionnaire as CoreQuestionnaire,
} from "@attune/core";
import { z } from "@hono/zod-openapi";
import { newApi, type Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError, invalid } from "../errors.ts";
import { userOf } from "../auth/principal.ts";
import { audit } from "../audit/record.ts";
import { apiRoute, json, jsonBody } from "../route.ts";
import type { Instrument } from "../instruments/catalog.ts";
import { fitsCatalog } from "../instruments/licensed.ts";
import { InstrumentsOut, LicensedTextBody, LicensedTextOut, WithdrawOut } from "@attune/api";

const InstrumentId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "instrument ids are lower-case letters, digits and -");
const idParam = { params: z.object({ id: InstrumentId }) };

/**
 * Registers `GET /api/instruments` and `POST`/`DELETE /api/instruments/{id}/licensed-text`.
 *
 * @example
 * registerInstrumentRoutes(app, ctx);
 * // POST /api/instruments/wai-sr/licensed-text { file, attestation: { holdsLicence: true, statement } } → 201
 */
export function instrumentApi(ctx: Ctx): Api {
  const app = newApi();
  const db = ctx.store.db;

  /** The catalog's form of a library instrument, if the catalog has it. */
  const fromCatalog = (id: string): Instrument | undefined =>
    ctx.instruments.byUrl(`${ATTUNE_CANONICAL}/Questionnaire/${id}`);

  /** The catalog's form of a library instrument (the shell, for a licensed one); 404 names the known ids. */
  function libraryInstrument(id: string): Instrument {
    const inCatalog = fromCatalog(id);
    if (!inCatalog)
      throw new ApiError(
        "not-found",
        `instrument "${id}" not found; known: ${listInstruments()
          .map((i) => i.id)
          .join(", ")}`,
      );
    return inCatalog;
  }

  app.openapi(
    apiRoute(["coordinator", "therapist", "researcher", "coder"], {
      method: "get",
      path: "/api/instruments",
      summary:
        "The instrument library as this network sees it: whether each form's wording is available here " +
        "(shipped, or licensed wording the network imported)",
      responses: { 200: json(InstrumentsOut) },
    }),
    async (c) => {
      const me = userOf(c);
      const texts = await currentLicensedTexts(db, me.network_id);
      const instruments = listInstruments().flatMap((s) => {
        const inst = fromCatalog(s.id);
        if (!inst) return [];
        const q = inst.questionnaire;
        const row = texts.get(q.url);
        const fits = row ? fitsCatalog(ctx.instruments, row) : false;
        const languages = fits
          ? (JSON.parse(row!.languages) as string[])
          : questionnaireLanguages(q as unknown as CoreQuestionnaire);
        return [
          {
            id: s.id,
            url: q.url,
            version: q.version ?? "1",
            title: s.title.en,
            shortTitle: s.shortTitle,
            construct: s.construct.en,
            items: s.items,
            licenceHolder: findInstrument(s.id)?.licence.holder ?? "",
            rater: s.rater,
            kind: s.kind,
            perSession: findInstrument(s.id)?.perSession === true,
            validated: s.validated,
            licence: s.licence,
            textShipped: s.textShipped,
            textAvailable: s.textShipped || fits,
            languages,
            licensedText: row
              ? {
                  revision: row.revision,
                  languages: JSON.parse(row.languages) as string[],
                  importedAt: row.created_at,
                  importedBy: row.created_by,
                  sha256: row.file_sha256,
                  fitsShell: fits,
                }
              : null,
          },
        ];
      });
      return c.json({ instruments }, 200);
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "post",
      path: "/api/instruments/{id}/licensed-text",
      summary:
        "Import the network's licensed wording of an instrument (one language per file) into its shell. " +
        "The merged form is shown to this network only; a file that does not match the shell is refused " +
        "with one issue per mismatch and nothing is stored. Requires an attestation that the network holds the licence.",
      request: { ...idParam, ...jsonBody(LicensedTextBody) },
      responses: { 201: json(LicensedTextOut, "the wording was merged and stored") },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const body = c.req.valid("json");
      const me = userOf(c);
      const inst = libraryInstrument(id);
      const shell = inst.questionnaire;
      const head = await latestLicensedText(db, me.network_id, shell.url);
      // Add a language to the current form unless asked to start again (or it no longer fits the shell).
      const current =
        head && head.action !== "withdraw" && fitsCatalog(ctx.instruments, head) ? head : undefined;
      const base: Questionnaire =
        current && !body.replace ? (JSON.parse(current.questionnaire!) as Questionnaire) : shell;
      const merged = mergeLicensedText(base as unknown as CoreQuestionnaire, body.file);
      if (!merged.ok) {
        const problems = merged.issues.map((i) => ({
          where: `body.file${i.path ? `.${i.path}` : ""}`,
          message: i.message,
        }));
        throw invalid(
          `the file does not match the ${id} ${current && !body.replace ? "form" : "shell"}: ${problems
            .slice(0, 3)
            .map((p) => p.message)
            .join("; ")}${problems.length > 3 ? `; and ${problems.length - 3} more` : ""}`,
          problems,
        );
      }
      const q = merged.questionnaire as unknown as Questionnaire;
      const languages = questionnaireLanguages(merged.questionnaire);
      const action: "import" | "replace" | "add-language" = !current
        ? "import"
        : body.replace
          ? "replace"
          : "add-language";
      const row: LicensedText = await db
        .transaction()
        .execute(async (trx) => {
          const r = await storeLicensedText(trx, {
            networkId: me.network_id,
            instrumentId: id,
            questionnaireUrl: shell.url,
            version: shell.version ?? "1",
            action,
            languages,
            language: merged.language,
            file: body.file,
            questionnaire: q as unknown as Record<string, unknown>,
            attestation: body.attestation.statement,
            createdBy: me.id,
          });
          await audit(trx, c, {
            action: "import-licensed-text",
            entity: "Questionnaire",
            entityId: id,
            detail: {
              revision: r.revision,
              action,
              language: merged.language,
              languages,
              sha256: r.file_sha256,
              attestation: body.attestation.statement,
            },
          });
          return r;
        })
        .catch((e: unknown) => {
          if (e instanceof LicensedTextConflict) throw new ApiError("conflict", e.message);
          throw e;
        });
      const file = body.file as { items?: { linkId?: unknown }[]; answerOptions?: Record<string, unknown> };
      return c.json(
        {
          instrument: id,
          url: shell.url,
          version: row.version,
          revision: row.revision,
          action,
          language: merged.language,
          languages,
          items: (file.items ?? []).map((i) => String(i.linkId)),
          answerScales: Object.keys(file.answerOptions ?? {}),
          sha256: row.file_sha256 ?? "",
          importedAt: row.created_at,
        },
        201,
      );
    },
  );

  app.openapi(
    apiRoute(["coordinator"], {
      method: "delete",
      path: "/api/instruments/{id}/licensed-text",
      summary:
        "Withdraw the network's licensed wording (e.g. the licence ended): the network gets the shell again. " +
        "The earlier revisions stay on record (append-only).",
      request: idParam,
      responses: { 200: json(WithdrawOut) },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const me = userOf(c);
      const inst = libraryInstrument(id);
      const row = await db
        .transaction()
        .execute(async (trx) => {
          const r = await withdrawLicensedText(trx, {
            networkId: me.network_id,
            instrumentId: id,
            questionnaireUrl: inst.questionnaire.url,
            createdBy: me.id,
          });
          if (!r) throw new ApiError("not-found", `no licensed wording of ${id} in this network to withdraw`);
          await audit(trx, c, {
            action: "withdraw-licensed-text",
            entity: "Questionnaire",
            entityId: id,
            detail: { revision: r.revision },
          });
          return r;
        })
        .catch((e: unknown) => {
          if (e instanceof LicensedTextConflict) throw new ApiError("conflict", e.message);
          throw e;
        });
      return c.json({ instrument: id, revision: row.revision, withdrawn: true as const }, 200);
    },
  );
  return app;
}
