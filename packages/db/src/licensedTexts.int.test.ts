// A network's licensed wording as append-only revisions, on both dialects. The wording is placeholder
// text: no licensed wording is ever stored in the repository.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import {
  createNetwork,
  createUser,
  currentLicensedTexts,
  latestLicensedText,
  LicensedTextConflict,
  licensedTextHistory,
  sha256Hex,
  storeLicensedText,
  withdrawLicensedText,
  type NewLicensedText,
  type Store,
} from "./index.ts";
import { describeEachDialect, openTestStore } from "./testing.ts";

const URL_A = "https://attune.example/fhir/Questionnaire/wai-sr";
const URL_B = "https://attune.example/fhir/Questionnaire/sai";

describeEachDialect("licensed texts", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let netA = "";
  let netB = "";
  let coordA = "";
  let coordB = "";
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(dialect));
    const db = store.db;
    netA = (await createNetwork(db, "A")).id;
    netB = (await createNetwork(db, "B")).id;
    const mk = (networkId: string, code: string) =>
      createUser(db, { networkId, code, displayName: code, role: "coordinator" });
    coordA = (await mk(netA, "CA")).id;
    coordB = (await mk(netB, "CB")).id;
  });
  afterAll(async () => {
    await dispose?.();
  });

  const input = (over: Partial<NewLicensedText> = {}): NewLicensedText => ({
    networkId: netA,
    instrumentId: "wai-sr",
    questionnaireUrl: URL_A,
    version: "1.0.0",
    action: "import",
    languages: ["en"],
    language: "en",
    file: {
      instrument: "wai-sr",
      language: "en",
      items: [{ linkId: "wai-sr-1", text: "Test wording item 1" }],
    },
    questionnaire: { resourceType: "Questionnaire", id: "wai-sr", title: "Test title" },
    attestation: "Test network holds licence no. 0 (test)",
    createdBy: coordA,
    ...over,
  });

  it("stores revisions per network, with hash, and resolves the current one", async () => {
    const db = store.db;
    const r1 = await storeLicensedText(db, input());
    expect(r1.revision).toBe(1);
    expect(r1.file_sha256).toBe(sha256Hex(r1.file!));
    expect(JSON.parse(r1.questionnaire!)).toMatchObject({ title: "Test title" });
    const r2 = await storeLicensedText(
      db,
      input({ action: "add-language", languages: ["en", "fr"], language: "fr" }),
    );
    expect(r2.revision).toBe(2);
    await storeLicensedText(db, input({ networkId: netB, createdBy: coordB, questionnaireUrl: URL_B }));

    const a = await currentLicensedTexts(db, netA);
    expect([...a.keys()]).toEqual([URL_A]);
    expect(a.get(URL_A)?.id).toBe(r2.id);
    expect(JSON.parse(a.get(URL_A)!.languages)).toEqual(["en", "fr"]);
    expect([...(await currentLicensedTexts(db, netB)).keys()]).toEqual([URL_B]);
    expect((await currentLicensedTexts(db, netB, [URL_A])).size).toBe(0);
    expect((await currentLicensedTexts(db, netA, [])).size).toBe(0);
  });

  it("withdraws by a new revision and keeps the history", async () => {
    const db = store.db;
    const w = await withdrawLicensedText(db, {
      networkId: netA,
      instrumentId: "wai-sr",
      questionnaireUrl: URL_A,
      createdBy: coordA,
    });
    expect(w).toMatchObject({ revision: 3, action: "withdraw", questionnaire: null, languages: "[]" });
    expect((await currentLicensedTexts(db, netA)).size).toBe(0);
    expect((await latestLicensedText(db, netA, URL_A))?.action).toBe("withdraw");
    expect(
      await withdrawLicensedText(db, {
        networkId: netA,
        instrumentId: "wai-sr",
        questionnaireUrl: URL_A,
        createdBy: coordA,
      }),
    ).toBeUndefined();
    const again = await storeLicensedText(db, input({ action: "replace" }));
    expect(again.revision).toBe(4);
    expect((await licensedTextHistory(db, netA, URL_A)).map((r) => r.action)).toEqual([
      "import",
      "add-language",
      "withdraw",
      "replace",
    ]);
  });

  it("refuses updates and deletes in the database itself", async () => {
    const db = store.db;
    await expect(sql`update licensed_texts set attestation = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from licensed_texts`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      db
        .insertInto("licensed_texts")
        .values({
          id: "bad-action",
          network_id: netA,
          instrument_id: "wai-sr",
          questionnaire_url: URL_A,
          version: "1",
          revision: 99,
          action: "erase" as never,
          languages: "[]",
          language: null,
          file: null,
          file_sha256: null,
          questionnaire: null,
          attestation: null,
          created_by: coordA,
          created_at: "2026-01-01T00:00:00Z",
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("lets only one of two simultaneous imports take a revision", async () => {
    const db = store.db;
    const url = "https://attune.example/fhir/Questionnaire/srs";
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        db
          .transaction()
          .execute((trx) => storeLicensedText(trx, input({ questionnaireUrl: url, instrumentId: "srs" }))),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(LicensedTextConflict);
    const history = await licensedTextHistory(db, netA, url);
    expect(history.map((h) => h.revision)).toEqual(history.map((_, i) => i + 1));
  });
});
