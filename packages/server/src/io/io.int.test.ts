// Import and export on each dialect: the recipes' long CSV round-trips exactly, a FHIR Bundle
// export re-imports to the same long table, REDCap maps by the user's choice, and a rejected
// import stores nothing. Plus the CLI commands on a SQLite file.
import { afterAll, beforeAll, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import { countResponses, createNetwork, type Store } from "@attune/db";
import { builtinCatalog } from "../instruments/builtin.ts";
import { exportLongCsv, importLongCsv } from "./longCsv.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import { importRedcap } from "./redcap.ts";
import { loadSeries } from "../dashboard/series.ts";
import { buildServer, REPO } from "../testing/process.ts";
import { KEY_SCORE_FACT_COLUMNS, pickColumns } from "../testing/longCsv.ts";
import { LONG_COLUMNS } from "@attune/core";

const golden = readFileSync(join(REPO, "fixtures/golden/prn_small.csv"), "utf8");

/** The columns these tests compare (the export has every LONG_COLUMNS column). */
const PICKED = KEY_SCORE_FACT_COLUMNS;

/** The golden file projected on the long columns, as attune writes them. */
function projectGolden(): string {
  const lines = golden.trim().split("\n");
  const header = lines[0]!.split(",").map((h) => h.replace(/"/g, ""));
  // Every long column (core's LONG_COLUMNS); those the golden file lacks are NA.
  const cols = [...LONG_COLUMNS];
  const idx = cols.map((c) => header.indexOf(c));
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(",").map((c) => c.replace(/"/g, ""));
    return idx.map((i) => (i < 0 ? "NA" : cells[i]!));
  });
  rows.sort((a, b) =>
    a[0]! < b[0]!
      ? -1
      : a[0]! > b[0]!
        ? 1
        : a[1]! < b[1]!
          ? -1
          : a[1]! > b[1]!
            ? 1
            : Number(a[2]) - Number(b[2]),
  );
  return (
    [cols.join(","), ...rows.map((r) => r.map((v) => (v === "NA" || v === "" ? "NA" : v)).join(","))].join(
      "\n",
    ) + "\n"
  );
}

describeEachDialect("import/export", (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const instruments = builtinCatalog();
  beforeAll(async () => ({ store, dispose } = await openTestStore(dialect)));
  afterAll(() => dispose?.());

  it("round-trips the recipes' long CSV exactly, and a FHIR Bundle export re-imports to the same table", async () => {
    const net = await createNetwork(store.db, "golden");
    const progress: number[] = [];
    const rep = await importLongCsv({ store, instruments }, golden, {
      networkId: net.id,
      actorId: null,
      onProgress: (d) => progress.push(d),
    });
    expect(rep.rejected).toEqual([]);
    expect(rep).toMatchObject({
      ok: true,
      rows: 657,
      created: { therapists: 40, patients: 121, sessions: 657 },
    });
    expect(progress.at(-1)).toBe(657);
    const { csv } = await exportLongCsv(store, { networkId: net.id });
    expect(csv).toBe(projectGolden());

    const bundle = await exportBundle(store, { networkId: net.id, baseUrl: "http://x" });
    const copy = await createNetwork(store.db, "copy");
    const rep2 = await importBundle({ store, instruments }, bundle, { networkId: copy.id, actorId: null });
    expect(rep2.rejected).toEqual([]);
    expect((await exportLongCsv(store, { networkId: copy.id })).csv).toBe(csv);
  });

  it("rejects a whole file when one row is bad (nothing stored), naming row and column", async () => {
    const net = await createNetwork(store.db, "bad");
    const lines = golden.trim().split("\n");
    lines[10] = lines[10]!.replace(/,(\d),(\d),/, ",$1,x$2,");
    const rep = await importLongCsv({ store, instruments }, lines.join("\n"), {
      networkId: net.id,
      actorId: null,
    });
    expect(rep.ok).toBe(false);
    expect(rep.rejected).toEqual([
      {
        row: 11,
        column: "session",
        message: expect.stringMatching(/session number "x\d" is not a whole number/),
      },
    ]);
    expect(await countResponses(store.db, net.id)).toBe(0);
  });

  it("imports a REDCap export by the user's mapping, checking the dictionary's ranges", async () => {
    const net = await createNetwork(store.db, "redcap");
    const dictionary = [
      "Variable / Field Name,Form Name,Field Type,Field Label,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max",
      "record_id,intake,text,Record ID,,,",
      "ther_id,intake,text,Therapist,,,",
      "arm,intake,text,Arm,,,",
      "wai_p,session,text,WAI patient,number,1,7",
      "wai_t,session,text,WAI therapist,number,1,7",
      "wb,session,text,Well-being,number,0,4",
    ].join("\n");
    const records = [
      "record_id,redcap_event_name,ther_id,arm,wai_p,wai_t,wb",
      "101,session_1_arm_1,TH1,1,5.5,5,2",
      "101,session_2_arm_1,TH1,1,6,5.5,3",
      "102,session_1_arm_1,TH2,0,4,,1.5",
    ].join("\n");
    const mapping = {
      patient: "record_id",
      session: "redcap_event_name",
      therapist: "ther_id",
      condition: "arm",
      alliance_patient: "wai_p",
      alliance_therapist: "wai_t",
      wellbeing: "wb",
    };
    const rep = await importRedcap(
      { store, instruments },
      { records, dictionary, mapping },
      { networkId: net.id, actorId: null },
    );
    expect(rep.rejected).toEqual([]);
    expect(pickColumns((await exportLongCsv(store, { networkId: net.id })).csv, PICKED)).toBe(
      "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing,modality,end_reason\n" +
        "TH1,101,1,1,5.5,5,2,NA,NA\nTH1,101,2,1,6,5.5,3,NA,NA\nTH2,102,1,0,4,NA,1.5,NA,NA\n",
    );
    const bad = await importRedcap(
      { store, instruments },
      {
        records: records.replace("6,5.5,3", "9,5.5,3"),
        dictionary,
        mapping: { ...mapping, wellbeing: "nope" },
      },
      { networkId: net.id, actorId: null },
    );
    expect(bad.rejected[0]?.message).toMatch(/field "nope" is not in the data dictionary/);
    const range = await importRedcap(
      { store, instruments },
      { records: records.replace("6,5.5,3", "9,5.5,3"), dictionary, mapping },
      { networkId: net.id, actorId: null },
    );
    expect(range.rejected).toEqual([
      { row: 3, column: "wai_p", message: "9 is outside the dictionary's range 1..7" },
    ]);
  });

  // Declared scales of imported scores.
  const csv = (rows: string[]) =>
    ["therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing", ...rows].join("\n");
  const series = async (networkId: string) => {
    const eps = await store.db
      .selectFrom("episodes")
      .select("id")
      .where("network_id", "=", networkId)
      .execute();
    const all = await loadSeries(
      store.db,
      instruments,
      eps.map((e) => e.id),
    );
    return [...all.values()].flat().map((s) => [s.alliancePatient, s.allianceTherapist, s.outcome]);
  };

  it("puts scores on 0–100 with the declared scale, and keeps the raw values for researchers", async () => {
    const net = await createNetwork(store.db, "scales");
    const rep = await importLongCsv({ store, instruments }, csv(["T1,P1,1,a,4,7,20", "T1,P1,2,a,6.5,1,27"]), {
      networkId: net.id,
      actorId: null,
      scales: { alliance: { min: 1, max: 7 }, wellbeing: { min: 0, max: 27 } },
    });
    expect(rep).toMatchObject({ ok: true, rejected: [] });
    expect(rep.warnings).toBeUndefined();
    // (4 − 1)/6 = 50%, (7 − 1)/6 = 100%, 20/27 = 74.1%; (6.5 − 1)/6 = 91.7%, 0%, 100%
    expect(await series(net.id)).toEqual([
      [50, 100, 74.1],
      [91.7, 0, 100],
    ]);
    expect(pickColumns((await exportLongCsv(store, { networkId: net.id })).csv, PICKED)).toContain(
      "T1,P1,2,a,6.5,1,27",
    );
    // The scale travels with the FHIR export, so a re-import keeps it.
    const bundle = await exportBundle(store, { networkId: net.id, baseUrl: "http://x" });
    expect(JSON.stringify(bundle)).toContain("declared-scale");
    const copy = await createNetwork(store.db, "scales-copy");
    expect(
      (await importBundle({ store, instruments }, bundle, { networkId: copy.id, actorId: null })).ok,
    ).toBe(true);
    expect(await series(copy.id)).toEqual(await series(net.id));
  });

  it("reads a French-locale spreadsheet CSV (';' separators, decimal commas) as the same data", async () => {
    const comma = csv(["T1,P1,1,a,4,7,20", "T1,P1,2,a,6.5,1,27"]);
    const french = comma
      .split("\n")
      .map((l) => l.replace(/,/g, ";").replace("6.5", "6,5"))
      .join("\n");
    const net = await createNetwork(store.db, "french");
    const rep = await importLongCsv({ store, instruments }, french, {
      networkId: net.id,
      actorId: null,
      scales: { alliance: { min: 1, max: 7 }, wellbeing: { min: 0, max: 27 } },
    });
    expect(rep).toMatchObject({ ok: true, rejected: [], created: { sessions: 2 } });
    expect(rep.warnings?.[0]).toMatch(/";" between fields and decimal commas.*3,5 were read as 3\.5/);
    expect(pickColumns((await exportLongCsv(store, { networkId: net.id })).csv, PICKED)).toContain(
      "T1,P1,2,a,6.5,1,27",
    );
  });

  it("refuses a value outside the declared scale, naming row, column and scale; stores nothing", async () => {
    const net = await createNetwork(store.db, "scales-bad");
    const rep = await importLongCsv({ store, instruments }, csv(["T1,P1,1,a,4,7,20", "T1,P1,2,a,8,1,2"]), {
      networkId: net.id,
      actorId: null,
      scales: { alliance: { min: 1, max: 7 } },
    });
    expect(rep.ok).toBe(false);
    expect(rep.rejected).toEqual([
      { row: 3, column: "alliance_patient", message: "8 is outside the declared scale 1–7" },
    ]);
    expect(await countResponses(store.db, net.id)).toBe(0);
  });

  it("warns when undeclared scores do not fit the assumed 1–5 (the dashboard would clamp them)", async () => {
    const net = await createNetwork(store.db, "scales-undeclared");
    const rep = await importLongCsv({ store, instruments }, csv(["T1,P1,1,a,4,6,20", "T1,P1,2,a,5,5,3"]), {
      networkId: net.id,
      actorId: null,
    });
    expect(rep.ok).toBe(true);
    expect(rep.warnings).toEqual([
      expect.stringMatching(
        /alliance_patient and alliance_therapist: .* 1 of 4 values lie outside it \(range 4 to 6\)/,
      ),
      expect.stringMatching(/^no scale declared for wellbeing: .* 1 of 2 values .*wellbeing_scale/),
    ]);
    expect(await series(net.id)).toEqual([
      [75, 100, 100],
      [100, 100, 50],
    ]);
  });

  it("takes the scale from the REDCap dictionary's validation range", async () => {
    const net = await createNetwork(store.db, "scales-redcap");
    const dictionary = [
      "Variable / Field Name,Form Name,Field Type,Field Label,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max",
      "record_id,intake,text,Record ID,,,",
      "ther_id,intake,text,Therapist,,,",
      "wai_p,session,text,WAI patient,number,1,7",
      "wai_t,session,text,WAI therapist,number,1,7",
      "phq,session,text,Well-being,number,0,10",
    ].join("\n");
    const records = [
      "record_id,redcap_event_name,ther_id,wai_p,wai_t,phq",
      "101,session_1_arm_1,TH1,4,7,5",
    ].join("\n");
    const mapping = { patient: "record_id", session: "redcap_event_name", therapist: "ther_id" };
    const rep = await importRedcap(
      { store, instruments },
      {
        records,
        dictionary,
        mapping: { ...mapping, alliance_patient: "wai_p", alliance_therapist: "wai_t", wellbeing: "phq" },
      },
      { networkId: net.id, actorId: null },
    );
    expect(rep).toMatchObject({ ok: true, rejected: [] });
    expect(await series(net.id)).toEqual([[50, 100, 50]]);
  });
});

describeEachDialect("CLI import/export", (dialect) => {
  let dir: string;
  beforeAll(() => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), "attune-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(REPO, "packages/cli/bin/attune.js"), ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });

  it("imports, refuses a second import of the same rows (exit 1, row report), and exports", async () => {
    const { url, dispose } = await dialect.create();
    try {
      const file = join(dir, `in-${dialect.name}.csv`);
      writeFileSync(file, golden);
      const badScale = cli("import", "long-csv", file, "--database", url, "--alliance-scale", "7-1");
      expect(badScale.status).toBe(1);
      expect(badScale.stderr).toMatch(/--alliance-scale: scale "7-1" has max 1 not above min 7/);
      // prn_small's scores are not item means on 1–5 (alliance up to 5.9, well-being down to 0.6): declared.
      const a = cli(
        "import",
        "long-csv",
        file,
        "--database",
        url,
        "--network",
        "PRN",
        "--alliance-scale",
        "1-7",
        "--wellbeing-scale",
        "0-5",
      );
      expect(a.stderr).toBe("");
      expect(a.stdout).toMatch(/imported 657 rows/);
      const again = cli("import", "long-csv", file, "--database", url, "--network", "PRN");
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(
        /row 2, column session: patient P00001 session 1 already has stored answers/,
      );
      const out = execFileSync(
        process.execPath,
        [join(REPO, "packages/cli/bin/attune.js"), "export", "long-csv", "--database", url],
        {
          encoding: "utf8",
        },
      );
      expect(out).toBe(projectGolden());
      const fhir = cli("export", "fhir", "--database", url);
      expect(JSON.parse(fhir.stdout).resourceType).toBe("Bundle");
    } finally {
      await dispose();
    }
  });
});
