// Two server processes started at once on a fresh database both store the built-in Questionnaires
// (server/src/instruments/sync.ts). Each looks the form up, finds nothing and inserts it: the slower
// one used to hit the primary key and fail to start. Here two stores on one database race on the same
// forms; both must end with the one stored row.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStore, type Store } from "./open.ts";
import { putQuestionnaire, searchQuestionnaires } from "./repo/questionnaires.ts";
import { describeEachDialect, openTestStore } from "./testing.ts";

describeEachDialect("putQuestionnaire from two processes at once", (d) => {
  let first: Awaited<ReturnType<typeof openTestStore>>;
  let second: Store;
  beforeAll(async () => {
    first = await openTestStore(d);
    second = await openStore({ url: first.url });
  });
  afterAll(async () => {
    await second.close();
    await first.dispose();
  });

  it("stores each form once and gives both callers its row", async () => {
    const forms = Array.from({ length: 12 }, (_, i) => ({
      id: `race-${i}`,
      url: `https://attune.example/fhir/Questionnaire/race-${i}`,
      version: "1",
      title: `race ${i}`,
      status: "active",
      resource: { resourceType: "Questionnaire", status: "active" },
    }));
    const rows = await Promise.all(
      forms.flatMap((q) => [putQuestionnaire(first.store.db, q), putQuestionnaire(second.db, q)]),
    );
    expect(rows.map((r) => r.id)).toEqual(forms.flatMap((q) => [q.id, q.id]));
    for (const q of forms) expect(await searchQuestionnaires(first.store.db, { url: q.url })).toHaveLength(1);
  });
});
