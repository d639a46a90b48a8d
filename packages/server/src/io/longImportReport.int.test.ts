// The long import's report and stored data, case by case, on each dialect: new and stored patients,
// therapists, sites and episodes; a stored session without answers joined by scores (its modality set);
// form totals skipped because the session has the form answered or imported before; an episode's end on
// several rows; undeclared scores beyond 1–5 (a warning); then a file whose every kind of conflict is
// refused row by row and a file with a bad row — both storing nothing. The expected reports and data
// were read on the import that ran some ten queries per row, so its faster form must give the same.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import { createNetwork, createUser, scoresOf, type Store } from "@attune/db";
import { getInstrument, instrumentUrl } from "@attune/core";
import { builtinCatalog } from "../instruments/builtin.ts";
import { checkResponse } from "../fhir/qr.ts";
import { store as storeResponse } from "../submissions.ts";
import { exportLongCsv, importLongCsv } from "./longCsv.ts";
import { pickColumns } from "../testing/longCsv.ts";

const FILE_HEADER =
  "therapist,patient,session,condition,site,alliance_patient,alliance_therapist,wellbeing,modality,end_date,end_reason";
/** The export's columns compared (it has every long column; end_date is not exported). */
const EXPORTED = [
  "therapist",
  "patient",
  "session",
  "condition",
  "site",
  "alliance_patient",
  "alliance_therapist",
  "wellbeing",
  "phq9",
  "gad7",
  "modality",
  "end_reason",
];

/**
 * Everything an import stores in the network, one sorted line per record: patients with their site,
 * episodes with arm and end, sessions with modality and date, responses with their form (the address's
 * last part), rater, author, version and stored scores (with a declared range).
 */
async function storedData(store: Store, networkId: string): Promise<string[]> {
  const db = store.db;
  const patients = await db
    .selectFrom("patients as p")
    .leftJoin("sites as st", "st.id", "p.site_id")
    .select(["p.code", "st.name as site"])
    .where("p.network_id", "=", networkId)
    .execute();
  const episodes = await db
    .selectFrom("episodes as e")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as u", "u.id", "e.therapist_id")
    .leftJoin("arms as a", "a.id", "e.arm_id")
    .select(["p.code as patient", "u.code as therapist", "a.code as arm", "e.ended_at", "e.end_reason"])
    .where("e.network_id", "=", networkId)
    .execute();
  const sessions = await db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .innerJoin("users as u", "u.id", "e.therapist_id")
    .select(["p.code as patient", "u.code as therapist", "s.number", "s.modality", "s.date"])
    .where("e.network_id", "=", networkId)
    .execute();
  const responses = await db
    .selectFrom("responses as r")
    .innerJoin("therapy_sessions as s", "s.id", "r.session_id")
    .innerJoin("episodes as e", "e.id", "r.episode_id")
    .innerJoin("patients as p", "p.id", "r.patient_id")
    .innerJoin("users as u", "u.id", "e.therapist_id")
    .select([
      "r.id",
      "p.code as patient",
      "u.code as therapist",
      "s.number",
      "r.questionnaire_url",
      "r.rater",
      "r.author_kind",
      "r.version",
    ])
    .where("r.network_id", "=", networkId)
    .execute();
  const scores = await scoresOf(
    db,
    responses.map((r) => r.id),
  );
  const scoresOfResponse = (id: string) =>
    scores
      .filter((s) => s.response_id === id)
      .map((s) => `${s.scale}=${s.value}${s.range_min === null ? "" : `[${s.range_min}–${s.range_max}]`}`)
      .sort()
      .join(" ");
  return [
    ...patients.map((p) => `patient ${p.code} site=${p.site ?? "-"}`),
    ...episodes.map(
      (e) =>
        `episode ${e.patient}/${e.therapist} arm=${e.arm ?? "-"} end=${e.ended_at ?? "-"} ${e.end_reason ?? "-"}`,
    ),
    ...sessions.map(
      (s) =>
        `session ${s.patient}/${s.therapist}/${s.number} modality=${s.modality ?? "-"} date=${s.date ?? "-"}`,
    ),
    ...responses.map(
      (r) =>
        `response ${r.patient}/${r.therapist}/${r.number} ${r.questionnaire_url.split("/").pop()} ` +
        `${r.rater} ${r.author_kind} v${r.version}: ${scoresOfResponse(r.id)}`,
    ),
  ].sort();
}

describeEachDialect("long import: the report and the stored data, case by case", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let networkId = "";
  const instruments = builtinCatalog();
  const ctx = () => ({ store, instruments });
  /** The progress an import reports, as [done, total] pairs. */
  let progress: number[][] = [];
  const importCsv = (lines: string[], header = FILE_HEADER) => {
    progress = [];
    return importLongCsv(ctx(), [header, ...lines].join("\n") + "\n", {
      networkId,
      actorId: null,
      onProgress: (done, total) => progress.push([done, total]),
    });
  };
  const exported = async () => pickColumns((await exportLongCsv(store, { networkId })).csv, EXPORTED);

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(dialect));
    networkId = (await createNetwork(store.db, "every case")).id;
    // A coordinator's code: a row naming it as therapist is refused.
    await createUser(store.db, { networkId, code: "C1", displayName: "C1", role: "coordinator" });
  });
  afterAll(() => dispose?.());

  it("a first file: new therapists, patients, site, episodes, sessions; a session without scores; totals", async () => {
    const rep = await importCsv(
      [
        "T1,P1,1,a,North,4,5,3,video,,,12",
        "T1,P1,2,a,North,NA,NA,NA,NA,,,12",
        "T1,P1,3,a,North,NA,NA,NA,NA,,,NA",
        "T1,P1,4,a,North,NA,NA,NA,NA,,,NA",
        "T2,P2,1,b,NA,4,4,4,in person,2026-01-10,completed,NA",
      ],
      `${FILE_HEADER},phq9`,
    );
    expect(rep).toEqual({
      ok: true,
      rows: 5,
      created: { therapists: 2, patients: 2, episodes: 2, sessions: 5, responses: 6, sites: 1 },
      rejected: [],
    });
    // The patient answers PHQ-9 at session 4 (every item 2: total 18).
    const phq9 = getInstrument("phq-9");
    const checked = checkResponse(
      ctx(),
      {
        resourceType: "QuestionnaireResponse",
        questionnaire: instrumentUrl(phq9),
        status: "completed",
        item: phq9.items.map((i) => ({ linkId: i.linkId, answer: [{ valueCoding: { code: "2" } }] })),
      },
      "test",
    );
    const episode = await store.db
      .selectFrom("episodes as e")
      .innerJoin("patients as p", "p.id", "e.patient_id")
      .selectAll("e")
      .where("p.code", "=", "P1")
      .where("e.network_id", "=", networkId)
      .executeTakeFirstOrThrow();
    const session = await store.db
      .selectFrom("therapy_sessions")
      .selectAll()
      .where("episode_id", "=", episode.id)
      .where("number", "=", 4)
      .executeTakeFirstOrThrow();
    await storeResponse(store.db, checked, { episode, session, authorKind: "user", authorId: null });
  });

  it("a second file: every case that stores, with the report's counts and warnings", async () => {
    const rep = await importCsv(
      [
        // Session 2 has PHQ-9 totals imported before: not overwritten.
        "T1,P1,2,a,North,NA,NA,NA,NA,,,15,NA",
        // Session 3 is stored without answers: its scores join it and its modality is set.
        "T1,P1,3,a,North,4.5,5,3.5,phone,,,NA,7",
        // Session 4 has PHQ-9 answered: the answers win; GAD-7 is stored.
        "T1,P1,4,a,North,NA,NA,NA,NA,,,20,8",
        // New sessions of a stored episode, which ends (on two rows).
        "T1,P1,5,a,NA,3,3,3,NA,2026-02-01,dropout,NA,NA",
        "T1,P1,6,a,NA,3,3,3,NA,2026-02-01,dropout,NA,NA",
        // A new therapist, arm, patient and site; scores beyond 1–5 undeclared (a warning).
        "T3,P3,1,c,South,6,6,6,NA,,,NA,NA",
        "T3,P3,2,c,South,4,4,4,video,,,10,5",
        // A stored episode that ended, the same end again, a new session.
        "T2,P2,2,b,NA,4,4,4,in person,2026-01-10,completed,NA,NA",
        // A stored patient with a new therapist: a new episode.
        "T3,P1,1,c,North,4,4,4,NA,,,NA,NA",
      ],
      `${FILE_HEADER},phq9,gad7`,
    );
    expect(rep).toEqual({
      ok: true,
      rows: 9,
      created: { therapists: 1, patients: 1, episodes: 2, sessions: 6, responses: 18, sites: 1 },
      rejected: [],
      warnings: [
        "no scale declared for alliance_patient and alliance_therapist: the dashboard assumes item means on 1–5, but 2 of 14 values lie outside it (range 3 to 6); declare the scale (alliance_scale, e.g. 1-7) so the dashboard puts the scores on 0–100 correctly",
        "no scale declared for wellbeing: the dashboard assumes item means on 1–5, but 1 of 7 values lie outside it (range 3 to 6); declare the scale (wellbeing_scale, e.g. 1-7) so the dashboard puts the scores on 0–100 correctly",
        "column phq9 (PHQ-9 total): 1 value not imported: its session already has PHQ-9 answers, and the answered form wins (its items and scores were kept unchanged)",
        "column phq9 (PHQ-9 total): 1 value not imported: its session already has imported PHQ-9 totals (imports never overwrite)",
      ],
    });
    expect(progress).toEqual([
      [0, 9],
      [9, 9],
    ]);
    // Session 2 keeps its imported PHQ-9 total (12), session 4 its answered one (18); P1#1 and P1#2 are
    // P1's two episodes.
    expect(await exported()).toBe(
      [
        "therapist,patient,session,condition,site,alliance_patient,alliance_therapist,wellbeing,phq9,gad7,modality,end_reason",
        "T1,P1#1,1,a,North,4,5,3,12,NA,video,dropout",
        "T1,P1#1,2,a,North,NA,NA,NA,12,NA,NA,dropout",
        "T1,P1#1,3,a,North,4.5,5,3.5,NA,7,phone,dropout",
        "T1,P1#1,4,a,North,NA,NA,NA,18,8,NA,dropout",
        "T1,P1#1,5,a,North,3,3,3,NA,NA,NA,dropout",
        "T1,P1#1,6,a,North,3,3,3,NA,NA,NA,dropout",
        "T2,P2,1,b,NA,4,4,4,NA,NA,in person,completed",
        "T2,P2,2,b,NA,4,4,4,NA,NA,in person,completed",
        "T3,P1#2,1,c,North,4,4,4,NA,NA,NA,NA",
        "T3,P3,1,c,South,6,6,6,NA,NA,NA,NA",
        "T3,P3,2,c,South,4,4,4,10,5,video,NA",
      ].join("\n") + "\n",
    );
    expect(await storedData(store, networkId)).toEqual([
      "episode P1/T1 arm=a end=2026-02-01 dropout",
      "episode P1/T3 arm=c end=- -",
      "episode P2/T2 arm=b end=2026-01-10 completed",
      "episode P3/T3 arm=c end=- -",
      "patient P1 site=North",
      "patient P2 site=-",
      "patient P3 site=South",
      "response P1/T1/1 imported-scores-patient patient import v1: alliance=4 wellbeing=3",
      "response P1/T1/1 imported-scores-therapist therapist import v1: alliance=5",
      "response P1/T1/1 imported-totals-phq-9 patient import v1: percent_of_max=44.44444444444444 total=12",
      "response P1/T1/2 imported-totals-phq-9 patient import v1: percent_of_max=44.44444444444444 total=12",
      "response P1/T1/3 imported-scores-patient patient import v1: alliance=4.5 wellbeing=3.5",
      "response P1/T1/3 imported-scores-therapist therapist import v1: alliance=5",
      "response P1/T1/3 imported-totals-gad-7 patient import v1: percent_of_max=33.333333333333336 total=7",
      "response P1/T1/4 imported-totals-gad-7 patient import v1: percent_of_max=38.095238095238095 total=8",
      "response P1/T1/4 phq-9 patient user v1: percent_of_max=66.66666666666667 total=18",
      "response P1/T1/5 imported-scores-patient patient import v1: alliance=3 wellbeing=3",
      "response P1/T1/5 imported-scores-therapist therapist import v1: alliance=3",
      "response P1/T1/6 imported-scores-patient patient import v1: alliance=3 wellbeing=3",
      "response P1/T1/6 imported-scores-therapist therapist import v1: alliance=3",
      "response P1/T3/1 imported-scores-patient patient import v1: alliance=4 wellbeing=4",
      "response P1/T3/1 imported-scores-therapist therapist import v1: alliance=4",
      "response P2/T2/1 imported-scores-patient patient import v1: alliance=4 wellbeing=4",
      "response P2/T2/1 imported-scores-therapist therapist import v1: alliance=4",
      "response P2/T2/2 imported-scores-patient patient import v1: alliance=4 wellbeing=4",
      "response P2/T2/2 imported-scores-therapist therapist import v1: alliance=4",
      "response P3/T3/1 imported-scores-patient patient import v1: alliance=6 wellbeing=6",
      "response P3/T3/1 imported-scores-therapist therapist import v1: alliance=6",
      "response P3/T3/2 imported-scores-patient patient import v1: alliance=4 wellbeing=4",
      "response P3/T3/2 imported-scores-therapist therapist import v1: alliance=4",
      "response P3/T3/2 imported-totals-gad-7 patient import v1: percent_of_max=23.80952380952381 total=5",
      "response P3/T3/2 imported-totals-phq-9 patient import v1: percent_of_max=37.03703703703704 total=10",
      "session P1/T1/1 modality=video date=-",
      "session P1/T1/2 modality=- date=-",
      "session P1/T1/3 modality=phone date=-",
      "session P1/T1/4 modality=- date=-",
      "session P1/T1/5 modality=- date=-",
      "session P1/T1/6 modality=- date=-",
      "session P1/T3/1 modality=- date=-",
      "session P2/T2/1 modality=in person date=-",
      "session P2/T2/2 modality=in person date=-",
      "session P3/T3/1 modality=- date=-",
      "session P3/T3/2 modality=video date=-",
    ]);
  });

  it("a file with every kind of conflict is refused row by row and stores nothing", async () => {
    const before = await storedData(store, networkId);
    const rep = await importCsv([
      // Session 1 has answers: scores cannot join it.
      "T1,P1,1,a,NA,4,4,4,NA,,",
      // A coordinator's code as therapist.
      "C1,P1,7,x,NA,4,4,4,NA,,",
      // T2 is allocated to arm b.
      "T2,P4,1,a,NA,4,4,4,NA,,",
      // P2's session 1 is stored as in person.
      "T2,P2,1,a,NA,NA,NA,NA,video,,",
      // P3 is stored at site South.
      "T3,P3,3,c,North,4,4,4,NA,,",
      // P1's episode with T1 ended as dropout on 2026-02-01 (two rows).
      "T1,P1,8,a,NA,4,4,4,NA,2026-03-01,completed",
      "T1,P1,9,a,NA,4,4,4,NA,2026-03-01,completed",
      // A row that would be stored.
      "T4,P5,1,d,NA,4,4,4,NA,,",
    ]);
    const ended = "patient P1's episode already ended (dropout, 2026-02-01); imports never overwrite";
    expect(rep).toEqual({
      ok: false,
      rows: 8,
      created: {},
      rejected: [
        {
          row: 2,
          column: "session",
          message: "patient P1 session 1 already has stored answers (imports never overwrite)",
        },
        { row: 3, column: "therapist", message: "code C1 belongs to a coordinator, not a therapist" },
        { row: 4, column: "condition", message: "therapist T2 is already allocated to arm b" },
        {
          row: 5,
          column: "modality",
          message: "patient P2 session 1 is stored as in person, not video (imports never overwrite)",
        },
        {
          row: 6,
          column: "site",
          message: 'patient P3 is stored at site "South", not "North" (imports never overwrite)',
        },
        { row: 7, column: "end_date", message: ended },
        { row: 8, column: "end_date", message: ended },
      ],
    });
    expect(await storedData(store, networkId)).toEqual(before);
  });

  it("a file with a bad row is rejected before anything is read or stored", async () => {
    const before = await storedData(store, networkId);
    const rep = await importCsv(["T1,P1,10,a,NA,4,4,4,NA,,", "T1,P1,x3,a,NA,4,4,4,NA,,"]);
    expect(rep).toEqual({
      ok: false,
      rows: 2,
      created: {},
      rejected: [{ row: 3, column: "session", message: 'session number "x3" is not a whole number 1..1000' }],
    });
    expect(await storedData(store, networkId)).toEqual(before);
  });
});
