// Form totals without item answers on each dialect: a long CSV's and a REDCap export's phq9, gad7, …
// columns are stored on each form's imported-totals carrier, read back by the long table, survive a round
// trip into a fresh network unchanged; an answered form wins over an imported total for its session (the
// import says how many it skipped), and hostile values are refused naming row, column and value.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import { countResponses, createNetwork, listResponses, longRows, type Store } from "@attune/db";
import { FORM_COLUMNS, getInstrument, importedTotalsUrl, instrumentUrl } from "@attune/core";
import { builtinCatalog } from "../instruments/builtin.ts";
import { checkResponse } from "../fhir/qr.ts";
import { store as storeResponse } from "../submissions.ts";
import { exportLongCsv, importLongCsv } from "./longCsv.ts";
import { importRedcap } from "./redcap.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import type { QuestionnaireResponse } from "fhir/r4";
import { pickColumns } from "../testing/longCsv.ts";

const KEYS = ["therapist", "patient", "session"];
const FORMS = FORM_COLUMNS.map((c) => c.column);
/** A value of each form column for row k, inside the column's range (whole for codes, else some .5). */
function formValues(k: number): string[] {
  return FORM_COLUMNS.map((c) => {
    const span = c.range.max - c.range.min;
    const whole = c.range.min + ((k * 7 + c.column.length) % (Math.floor(span) + 1));
    return String(
      c.score === "total" && span > 10 && k % 3 === 0 ? whole - 0.5 + (whole === c.range.min ? 1 : 0) : whole,
    );
  });
}

describeEachDialect("form totals from long files and REDCap", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const instruments = builtinCatalog();
  const ctx = () => ({ store, instruments });
  beforeAll(async () => ({ store, dispose } = await openTestStore(dialect)));
  afterAll(() => dispose?.());

  it("stores every form column without items, reads it back, and round-trips into a fresh network", async () => {
    const net = await createNetwork(store.db, "totals");
    const lines = [0, 1, 2, 3].map(
      (k) => `T1,P${1 + (k % 2)},${1 + Math.floor(k / 2)},${formValues(k).join(",")}`,
    );
    const file = [[...KEYS, ...FORMS].join(","), ...lines].join("\n");
    const rep = await importLongCsv(ctx(), file, { networkId: net.id, actorId: null });
    expect(rep).toMatchObject({ ok: true, rejected: [] });
    expect(rep.warnings ?? []).toEqual([]);
    // One response per form and row, each on the form's carrier, with the form's score names as items.
    const forms = new Set(FORM_COLUMNS.map((c) => c.instrument));
    expect(rep.created["responses"]).toBe(4 * forms.size);
    const stored = await listResponses(store.db, { networkId: net.id });
    expect(new Set(stored.map((r) => r.questionnaire_url))).toEqual(
      new Set([...forms].map((f) => importedTotalsUrl(f))),
    );
    const phq = stored.find((r) => r.questionnaire_url === importedTotalsUrl("phq-9"))!;
    const resource = JSON.parse(phq.resource) as { item: { linkId: string }[] };
    expect(resource.item.map((i) => i.linkId)).toEqual(["total"]);

    // The long table reads the values as the forms' own, in file order.
    const table = await longRows(store.db, { networkId: net.id });
    const expected = [0, 2, 1, 3].map((k) => formValues(k).map(Number));
    expect(table.map((r) => FORMS.map((c) => r[c]))).toEqual(expected);

    // Export, import into a fresh network, export again: the same form columns, cell for cell.
    const first = (await exportLongCsv(store, { networkId: net.id })).csv;
    const fresh = await createNetwork(store.db, "totals-again");
    const again = await importLongCsv(ctx(), first, { networkId: fresh.id, actorId: null });
    expect(again.rejected).toEqual([]);
    const second = (await exportLongCsv(store, { networkId: fresh.id })).csv;
    expect(pickColumns(second, [...KEYS, ...FORMS])).toBe(pickColumns(first, [...KEYS, ...FORMS]));
    expect(pickColumns(first, ["phq9"])).not.toMatch(/NA/);

    // FHIR: each total travels as a QuestionnaireResponse of its carrier (no PHQ-9 item is claimed, the
    // items are the form's score names); it re-imports unchanged.
    const bundle = await exportBundle(store, { networkId: net.id, baseUrl: "http://x" });
    const qrs = (bundle.entry ?? [])
      .map((e) => e.resource!)
      .filter((r): r is QuestionnaireResponse => r.resourceType === "QuestionnaireResponse");
    const phqQr = qrs.find((r) => r.questionnaire === importedTotalsUrl("phq-9"))!;
    expect(phqQr.item?.map((i) => i.linkId)).toEqual(["total"]);
    const copy = await createNetwork(store.db, "totals-fhir");
    const back = await importBundle(ctx(), bundle, { networkId: copy.id, actorId: null });
    expect(back.rejected).toEqual([]);
    const third = (await exportLongCsv(store, { networkId: copy.id })).csv;
    expect(pickColumns(third, [...KEYS, ...FORMS])).toBe(pickColumns(first, [...KEYS, ...FORMS]));
  });

  it("an answered form wins over an imported total; the import counts what it skipped and overwrites nothing", async () => {
    const net = await createNetwork(store.db, "answered");
    const made = await importLongCsv(
      ctx(),
      "therapist,patient,session,alliance_patient\nT1,P1,1,4\nT1,P1,2,4\n",
      { networkId: net.id, actorId: null },
    );
    expect(made.ok).toBe(true);
    // The patient answered PHQ-9 at session 1 (every item 2: total 18).
    const phq9 = getInstrument("phq-9");
    const qr = {
      resourceType: "QuestionnaireResponse",
      questionnaire: instrumentUrl(phq9),
      status: "completed",
      item: phq9.items.map((it) => ({ linkId: it.linkId, answer: [{ valueCoding: { code: "2" } }] })),
    };
    const checked = checkResponse(ctx(), qr, "test");
    const s1 = await store.db
      .selectFrom("therapy_sessions as s")
      .innerJoin("episodes as e", "e.id", "s.episode_id")
      .selectAll("s")
      .select(["e.patient_id", "e.therapist_id", "e.study_id", "e.network_id"])
      .where("e.network_id", "=", net.id)
      .where("s.number", "=", 1)
      .executeTakeFirstOrThrow();
    const episode = await store.db
      .selectFrom("episodes")
      .selectAll()
      .where("id", "=", s1.episode_id)
      .executeTakeFirstOrThrow();
    const session = await store.db
      .selectFrom("therapy_sessions")
      .selectAll()
      .where("id", "=", s1.id)
      .executeTakeFirstOrThrow();
    const answered = await storeResponse(store.db, checked, {
      episode,
      session,
      authorKind: "user",
      authorId: null,
    });
    const before = await countResponses(store.db, net.id);

    const file = "therapist,patient,session,phq9,gad7\nT1,P1,1,5,7\nT1,P1,2,9,\n";
    const rep = await importLongCsv(ctx(), file, { networkId: net.id, actorId: null });
    expect(rep.rejected).toEqual([]);
    expect(rep.warnings).toEqual([
      "column phq9 (PHQ-9 total): 1 value not imported: its session already has PHQ-9 answers, and the answered form wins (its items and scores were kept unchanged)",
    ]);
    expect(await countResponses(store.db, net.id)).toBe(before + 2);
    const table = await longRows(store.db, { networkId: net.id });
    expect(table.map((r) => [r.session, r["phq9"], r["gad7"]])).toEqual([
      [1, 18, 7],
      [2, 9, null],
    ]);
    const kept = await listResponses(store.db, { networkId: net.id, sessionId: s1.id });
    expect(kept.find((r) => r.id === answered.id)?.resource).toBe(answered.resource);

    // The same file again: nothing new, each skipped value counted with its reason.
    const twice = await importLongCsv(ctx(), file, { networkId: net.id, actorId: null });
    expect(twice.ok).toBe(true);
    expect(twice.warnings).toEqual([
      "column phq9 (PHQ-9 total): 1 value not imported: its session already has PHQ-9 answers, and the answered form wins (its items and scores were kept unchanged)",
      "column phq9 (PHQ-9 total): 1 value not imported: its session already has imported PHQ-9 totals (imports never overwrite)",
      "column gad7 (GAD-7 total): 1 value not imported: its session already has imported GAD-7 totals (imports never overwrite)",
    ]);
    expect(await countResponses(store.db, net.id)).toBe(before + 2);
  });

  it("REDCap: the mapping names the field that feeds each form total; ranges and hostile values refused", async () => {
    const net = await createNetwork(store.db, "redcap");
    const dictionary = (phqMax: number) =>
      [
        '"Variable / Field Name","Form Name","Field Type","Text Validation Min","Text Validation Max"',
        "record_id,visit,text,,",
        "ther_id,visit,text,,",
        `phq_total,visit,text,0,${phqMax}`,
        "gad_score,visit,text,,",
      ].join("\n");
    const records = (phq: string) =>
      [
        "record_id,redcap_event_name,ther_id,phq_total,gad_score",
        `R1,session_1_arm_1,T9,${phq},4`,
        "R1,session_2_arm_1,T9,11,",
      ].join("\n");
    const mapping = {
      therapist: "ther_id",
      patient: "record_id",
      session: "redcap_event_name",
      phq9: "phq_total",
      gad7: "gad_score",
    };
    const opts = { networkId: net.id, actorId: null };

    const wide = await importRedcap(
      ctx(),
      { records: records("14"), dictionary: dictionary(100), mapping },
      opts,
    );
    expect(wide.ok).toBe(false);
    expect(wide.rejected).toEqual([
      {
        row: 0,
        column: "phq_total",
        message:
          'mapping.phq9: field "phq_total" allows 0..100 in the data dictionary, but the PHQ-9 total lies in 0–27',
      },
    ]);
    for (const [value, message] of [
      ["=1+1", '"=1+1" is not a number (PHQ-9 total, 0–27)'],
      ["1e308", "1e308 is outside the PHQ-9 total's range 0–27"],
      ["NaN", '"NaN" is not a number (PHQ-9 total); leave the cell empty or NA for a missing total'],
    ] as const) {
      const bad = await importRedcap(
        ctx(),
        { records: records(value), dictionary: dictionary(27), mapping },
        opts,
      );
      expect(bad.ok).toBe(false);
      expect(bad.rejected).toEqual([{ row: 2, column: "phq_total", message }]);
    }
    expect(await countResponses(store.db, net.id)).toBe(0);

    const ok = await importRedcap(
      ctx(),
      { records: records(" 14 "), dictionary: dictionary(27), mapping },
      opts,
    );
    expect(ok.rejected).toEqual([]);
    const table = await longRows(store.db, { networkId: net.id });
    expect(table.map((r) => [r.patient, r.session, r["phq9"], r["gad7"]])).toEqual([
      ["R1", 1, 14, 4],
      ["R1", 2, 11, null],
    ]);
  });
});
