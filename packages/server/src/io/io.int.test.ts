// Import and export on each dialect: the recipes' long CSV round-trips exactly, a FHIR Bundle
// export re-imports to the same long table, REDCap maps by the user's choice, and a rejected
// import stores nothing. Plus the CLI commands on a SQLite file.
import { afterAll, beforeAll, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeEachDialect } from "@attune/db/testing";
import { countResponses, createNetwork, openStore, type Store } from "@attune/db";
import { builtinCatalog } from "../instruments/builtin.ts";
import { exportLongCsv, importLongCsv } from "./longCsv.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import { importRedcap } from "./redcap.ts";
import { buildServer, REPO } from "../testing/process.ts";

const GOLDEN = join(REPO, "../shared/golden/prn_small.csv");
const golden = (() => {
  try {
    return readFileSync(GOLDEN, "utf8");
  } catch {
    return readFileSync("/work/shared/golden/prn_small.csv", "utf8");
  }
})();

/** The golden file projected on the long columns, as attune writes them. */
function projectGolden(): string {
  const lines = golden.trim().split("\n");
  const header = lines[0]!.split(",").map((h) => h.replace(/"/g, ""));
  const cols = [
    "therapist",
    "patient",
    "session",
    "condition",
    "alliance_patient",
    "alliance_therapist",
    "wellbeing",
  ];
  const idx = cols.map((c) => header.indexOf(c));
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(",").map((c) => c.replace(/"/g, ""));
    return idx.map((i) => cells[i]!);
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
  beforeAll(async () => {
    const made = await dialect.create();
    dispose = made.dispose;
    store = await openStore({ url: made.url });
  });
  afterAll(async () => {
    await store?.close();
    await dispose?.();
  });

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
      { row: 11, column: "session", message: expect.stringMatching(/"x\d" is not a session number/) },
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
    expect((await exportLongCsv(store, { networkId: net.id })).csv).toBe(
      "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing\n" +
        "TH1,101,1,1,5.5,5,2\nTH1,101,2,1,6,5.5,3\nTH2,102,1,0,4,NA,1.5\n",
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
      const a = cli("import", "long-csv", file, "--database", url, "--network", "PRN");
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
