import { FORM_COLUMNS, IMPORT_COLUMNS } from "@attune/core";
import { readTextFile as readText } from "../io/readText.ts";
import type { Command } from "commander";
import {
  finishImport,
  importBundle,
  importLongCsv,
  importRedcap,
  inputError,
  parseScales,
  type DeclaredScales,
  openCliStore,
  progressLine,
  resolveNetwork,
  type RedcapMapping,
} from "@attune/server";

interface StoreFlags {
  database?: string;
  dataDir?: string;
  network?: string;
  study?: string;
  json: boolean;
}

function storeOptions(c: Command): Command {
  return c
    .option(
      "--database <url>",
      "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)",
    )
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option("--network <name-or-id>", "network to import into (created if missing; default: the only one)")
    .option("--study <name>", 'study the episodes are filed under (default "imported")')
    .option("--json", "print the import report as JSON", false);
}

interface ScaleFlags {
  allianceScale?: string;
  wellbeingScale?: string;
}

function scaleOptions(c: Command): Command {
  return c
    .option("--alliance-scale <min-max>", "scale of both alliance scores, e.g. 1-7 (default: assumed 1-5)")
    .option(
      "--wellbeing-scale <min-max>",
      "scale of the well-being scores, e.g. 0-100 (default: assumed 1-5)",
    );
}

function declaredScales(o: ScaleFlags): DeclaredScales {
  const scales = parseScales(
    { alliance: o.allianceScale, wellbeing: o.wellbeingScale },
    (r) => `--${r}-scale`,
  );
  if (typeof scales === "string") throw inputError(scales);
  return scales;
}

async function run(
  o: StoreFlags,
  kind: string,
  body: (
    ctx: Awaited<ReturnType<typeof openCliStore>>["ctx"],
    networkId: string,
  ) => Promise<Parameters<typeof finishImport>[1]>,
) {
  const { store, ctx } = await openCliStore({
    ...(o.database ? { database: o.database } : {}),
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
  try {
    const networkId = await resolveNetwork(store, o.network, true);
    finishImport(kind, await body(ctx, networkId), o.json);
  } finally {
    await store.close();
  }
}

/** Registers `attune import long-csv|redcap|fhir`: each all-or-nothing, with a row-by-row report. */
export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description("import data into the store (all or nothing, row-by-row report)");

  storeOptions(
    scaleOptions(cmd.command("long-csv <file>"))
      .description(
        "the recipes' long CSV: therapist, patient, session, condition, alliance_patient, alliance_therapist, wellbeing|outcome, and form totals without item answers (phq9, gad7, core10, who5, …)",
      )
      .option("--outcome <column>", "name of the outcome column (default wellbeing, or outcome)"),
  ).action(async (file: string, o: StoreFlags & ScaleFlags & { outcome?: string }) => {
    const scales = declaredScales(o);
    const text = readText(file);
    await run(o, "long CSV", (ctx, networkId) =>
      importLongCsv(ctx, text, {
        networkId,
        scales,
        actorId: null,
        ...(o.study ? { study: o.study } : {}),
        ...(o.outcome ? { columns: { wellbeing: o.outcome } } : {}),
        onProgress: progressLine("rows"),
      }),
    );
  });

  storeOptions(
    scaleOptions(cmd.command("redcap"))
      .description("a REDCap records export (CSV, raw values) with its data dictionary")
      .requiredOption("--records <file>", "records CSV")
      .requiredOption("--dictionary <file>", "data dictionary CSV")
      .requiredOption(
        "--map <role=field,...>",
        "mapping of roles to REDCap fields, e.g. therapist=ther_id,patient=record_id,session=redcap_event_name,alliance_patient=wai_total,phq9=phq_total (a form total: phq9, gad7, …)",
      ),
  ).action(async (o: StoreFlags & ScaleFlags & { records: string; dictionary: string; map: string }) => {
    const scales = declaredScales(o);
    const mapping: Record<string, string> = {};
    for (const pair of o.map.split(",")) {
      const [role, field] = pair.split("=").map((s) => s.trim());
      if (!role || !field) throw inputError(`--map: "${pair}" is not role=field`);
      // A form total (phq9, gad7, …) is a role too: its field is stored without item answers.
      const roles = [...IMPORT_COLUMNS, ...FORM_COLUMNS.map((c) => c.column)] as readonly string[];
      if (!roles.includes(role))
        throw inputError(`--map: unknown role "${role}" (known: ${roles.join(", ")})`);
      mapping[role] = field;
    }
    for (const need of ["therapist", "patient", "session"])
      if (!mapping[need]) throw inputError(`--map: the ${need} role needs a field`);
    const records = readText(o.records);
    const dictionary = readText(o.dictionary);
    await run(o, "REDCap", (ctx, networkId) =>
      importRedcap(
        ctx,
        { records, dictionary, mapping: mapping as unknown as RedcapMapping },
        {
          networkId,
          actorId: null,
          scales,
          ...(o.study ? { study: o.study } : {}),
          onProgress: progressLine("rows"),
        },
      ),
    );
  });

  storeOptions(
    cmd.command("fhir <file>").description("a FHIR Bundle of QuestionnaireResponses (e.g. an attune export)"),
  ).action(async (file: string, o: StoreFlags) => {
    let bundle: unknown;
    try {
      bundle = JSON.parse(readText(file));
    } catch (e) {
      if (e instanceof SyntaxError) throw inputError(`${file}: malformed JSON: ${e.message}`);
      throw e;
    }
    await run(o, "FHIR Bundle", (ctx, networkId) =>
      importBundle(ctx, bundle, {
        networkId,
        actorId: null,
        ...(o.study ? { study: o.study } : {}),
        onProgress: progressLine("responses"),
      }),
    );
  });
}
