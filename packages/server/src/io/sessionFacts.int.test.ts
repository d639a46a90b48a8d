// Session modality and episode end on every path in and out, on each dialect: the long CSV, REDCap and
// a FHIR Bundle import them through the one validation path (bad values named by row and column, nothing
// stored); the long CSV and FHIR Encounter/EpisodeOfCare export them, and a Bundle re-imports to the same
// table; spreadsheet-looking values never reach a cell unneutralised.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bundle, Encounter, EpisodeOfCare } from "fhir/r4";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import { countResponses, createNetwork, type Store } from "@attune/db";
import { builtinCatalog } from "../instruments/builtin.ts";
import { exportLongCsv, importLongCsv } from "./longCsv.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import { importRedcap } from "./redcap.ts";
import { END_REASON_EXTENSION, MODALITY_EXTENSION } from "../fhir/bundle.ts";
import { pickColumns } from "../testing/longCsv.ts";

const HEADER = "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing";
const csv = (header: string, rows: string[]) => [header, ...rows].join("\n");
/** The export's columns these tests compare (it has every LONG_COLUMNS column). */
const PICKED = [...HEADER.split(","), "modality", "end_reason"];

describeEachDialect("session modality and episode end: imports and exports", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const instruments = builtinCatalog();
  beforeAll(async () => ({ store, dispose } = await openTestStore(dialect)));
  afterAll(() => dispose?.());

  it("imports modality and end from the long CSV (any usual spelling), exports them, and FHIR round-trips them", async () => {
    const net = await createNetwork(store.db, "facts");
    const rep = await importLongCsv(
      { store, instruments },
      csv(`${HEADER},modality,end_date,end_reason`, [
        "T1,P1,1,a,4,4,3,In-person,,",
        "T1,P1,2,a,4,4,3,Video,2026-03-01,Dropout",
        "T1,P2,1,a,4,4,3,telephone,,",
        "T1,P2,2,a,4,4,3,,2026-04-01,completed",
        "T1,P3,1,a,4,4,3,NA,NA,NA",
      ]),
      { networkId: net.id, actorId: null },
    );
    expect(rep).toMatchObject({ ok: true, rejected: [] });
    const out = (await exportLongCsv(store, { networkId: net.id })).csv;
    expect(pickColumns(out, PICKED)).toBe(
      `${HEADER},modality,end_reason\n` +
        "T1,P1,1,a,4,4,3,in person,dropout\nT1,P1,2,a,4,4,3,video,dropout\n" +
        "T1,P2,1,a,4,4,3,phone,completed\nT1,P2,2,a,4,4,3,NA,completed\nT1,P3,1,a,4,4,3,NA,NA\n",
    );
    const ended = await store.db
      .selectFrom("episodes as e")
      .innerJoin("patients as p", "p.id", "e.patient_id")
      .select(["p.code", "e.ended_at", "e.end_reason"])
      .where("e.network_id", "=", net.id)
      .orderBy("p.code")
      .execute();
    expect(ended).toEqual([
      { code: "P1", ended_at: "2026-03-01", end_reason: "dropout" },
      { code: "P2", ended_at: "2026-04-01", end_reason: "completed" },
      { code: "P3", ended_at: null, end_reason: null },
    ]);

    const bundle = (await exportBundle(store, { networkId: net.id, baseUrl: "http://x" })) as Bundle;
    const resources = (bundle.entry ?? []).map((e) => e.resource!);
    const encounters = resources.filter((r): r is Encounter => r.resourceType === "Encounter");
    const video = encounters.find((e) =>
      e.extension?.some((x) => x.url === MODALITY_EXTENSION && x.valueCode === "video"),
    );
    expect(video?.class.code).toBe("VR");
    expect(
      encounters
        .filter((e) => !e.extension?.some((x) => x.url === MODALITY_EXTENSION))
        .map((e) => e.class.code),
    ).toEqual(["AMB", "AMB"]);
    const episodes = resources.filter((r): r is EpisodeOfCare => r.resourceType === "EpisodeOfCare");
    expect(
      episodes
        .map((e) => [
          e.status,
          e.period?.end ?? null,
          e.extension?.find((x) => x.url === END_REASON_EXTENSION)?.valueCode ?? null,
        ])
        .sort(),
    ).toEqual([
      ["active", null, null],
      ["finished", "2026-03-01", "dropout"],
      ["finished", "2026-04-01", "completed"],
    ]);
    const copy = await createNetwork(store.db, "facts-copy");
    const back = await importBundle({ store, instruments }, bundle, { networkId: copy.id, actorId: null });
    expect(back.rejected).toEqual([]);
    expect((await exportLongCsv(store, { networkId: copy.id })).csv).toBe(out);

    // The researcher's long CSV (reasons, no dates) re-imports to the same table: a reason without a day.
    const again = await createNetwork(store.db, "facts-again");
    expect(
      (await importLongCsv({ store, instruments }, out, { networkId: again.id, actorId: null })).rejected,
    ).toEqual([]);
    expect((await exportLongCsv(store, { networkId: again.id })).csv).toBe(out);
  });

  it("refuses bad modalities, dates and reasons and disagreeing ends by row and column; stores nothing", async () => {
    const net = await createNetwork(store.db, "facts-bad");
    const rep = await importLongCsv(
      { store, instruments },
      csv(`${HEADER},modality,end_date,end_reason`, [
        "T1,P1,1,a,4,4,3,=HYPERLINK(1),,",
        "T1,P1,2,a,4,4,3,video,2026-02-30,dropout",
        "T1,P2,1,a,4,4,3,video,2026-03-01,moved away",
        "T1,P3,1,a,4,4,3,video,2026-03-01,",
        "T1,P4,1,a,4,4,3,video,2026-03-01,dropout",
        "T1,P4,2,a,4,4,3,video,2026-03-01,completed",
      ]),
      { networkId: net.id, actorId: null },
    );
    expect(rep.ok).toBe(false);
    expect(rep.rejected).toEqual([
      {
        row: 2,
        column: "modality",
        message: 'modality "=HYPERLINK(1)" is not one of in person, video, phone',
      },
      { row: 3, column: "end_date", message: 'end date "2026-02-30" is not a day of the calendar' },
      {
        row: 4,
        column: "end_reason",
        message: 'end reason "moved away" is not one of completed, dropout, referred, other',
      },
      {
        row: 5,
        column: "end_reason",
        message: "an end date (2026-03-01) needs its reason (completed, dropout, referred, other)",
      },
      {
        row: 7,
        column: "end_reason",
        message:
          "patient P4 ends 2026-03-01 (completed) here but 2026-03-01 (dropout) in row 6 (the end is the episode's)",
      },
    ]);
    expect(await countResponses(store.db, net.id)).toBe(0);
    expect(
      await store.db.selectFrom("episodes").select("id").where("network_id", "=", net.id).execute(),
    ).toEqual([]);
  });

  it("never overwrites a stored modality or end, and says which", async () => {
    const net = await createNetwork(store.db, "facts-keep");
    const first = csv(`${HEADER},modality,end_date,end_reason`, [
      "T1,P1,1,a,NA,NA,NA,video,2026-03-01,dropout",
    ]);
    expect(
      (await importLongCsv({ store, instruments }, first, { networkId: net.id, actorId: null })).ok,
    ).toBe(true);
    const second = await importLongCsv(
      { store, instruments },
      csv(`${HEADER},modality,end_date,end_reason`, ["T1,P1,1,a,4,4,3,phone,2026-03-01,completed"]),
      { networkId: net.id, actorId: null },
    );
    expect(second.rejected).toEqual([
      {
        row: 2,
        column: "end_date",
        message: "patient P1's episode already ended (dropout, 2026-03-01); imports never overwrite",
      },
    ]);
    expect(pickColumns((await exportLongCsv(store, { networkId: net.id })).csv, PICKED)).toBe(
      `${HEADER},modality,end_reason\nT1,P1,1,a,NA,NA,NA,video,dropout\n`,
    );
  });

  it("maps REDCap fields to modality and end, and refuses a FHIR Encounter with an unknown modality", async () => {
    const net = await createNetwork(store.db, "facts-redcap");
    const dictionary = [
      "Variable / Field Name,Form Name,Field Type,Field Label,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max",
      "record_id,intake,text,Record ID,,,",
      "ther_id,intake,text,Therapist,,,",
      "wai_p,session,text,WAI patient,number,1,7",
      "how,session,text,Modality,,,",
      "end_dt,exit,text,End date,date_ymd,,",
      "end_why,exit,text,End reason,,,",
    ].join("\n");
    const records = [
      "record_id,redcap_event_name,ther_id,wai_p,how,end_dt,end_why",
      "101,session_1_arm_1,TH1,5,phone,,",
      "101,session_2_arm_1,TH1,6,in person,2026-05-02,referred",
    ].join("\n");
    const mapping = {
      patient: "record_id",
      session: "redcap_event_name",
      therapist: "ther_id",
      alliance_patient: "wai_p",
      modality: "how",
      end_date: "end_dt",
      end_reason: "end_why",
    };
    const rep = await importRedcap(
      { store, instruments },
      { records, dictionary, mapping },
      { networkId: net.id, actorId: null },
    );
    expect(rep.rejected).toEqual([]);
    expect(pickColumns((await exportLongCsv(store, { networkId: net.id })).csv, PICKED)).toBe(
      `${HEADER},modality,end_reason\nTH1,101,1,,5,NA,NA,phone,referred\nTH1,101,2,,6,NA,NA,in person,referred\n`,
    );
    const bad = await importRedcap(
      { store, instruments },
      { records: records.replace("phone", "carrier pigeon"), dictionary, mapping },
      { networkId: net.id, actorId: null },
    );
    expect(bad.rejected).toEqual([
      { row: 2, column: "how", message: 'modality "carrier pigeon" is not one of in person, video, phone' },
    ]);

    const bundle = (await exportBundle(store, { networkId: net.id, baseUrl: "http://x" })) as Bundle;
    const hostile = JSON.parse(
      JSON.stringify(bundle).replace('"valueCode":"phone"', '"valueCode":"=cmd|calc"'),
    ) as Bundle;
    const copy = await createNetwork(store.db, "facts-redcap-copy");
    const refused = await importBundle({ store, instruments }, hostile, {
      networkId: copy.id,
      actorId: null,
    });
    expect(refused.ok).toBe(false);
    expect(refused.rejected.map((r) => r.message)).toEqual([
      expect.stringMatching(
        /\(Encounter\): extension .*session-modality: modality "=cmd\|calc" is not one of/,
      ),
    ]);
    expect(await countResponses(store.db, copy.id)).toBe(0);
  });
});
