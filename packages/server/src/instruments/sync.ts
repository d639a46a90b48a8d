// Stores the catalog's Questionnaires so FHIR read/search and exports see the forms in use.
import { putQuestionnaire } from "@attune/db";
import type { Ctx } from "../context.ts";

export async function syncQuestionnaires(ctx: Ctx): Promise<void> {
  for (const i of ctx.instruments.all()) {
    const q = i.questionnaire;
    await putQuestionnaire(ctx.store.db, {
      id: q.id,
      url: q.url,
      version: q.version ?? "1",
      title: q.title ?? q.url,
      status: q.status,
      resource: q as unknown as Record<string, unknown>,
    });
  }
}
