import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { getStudy, getStudyByName } from "@attune/db";
import {
  exportBundle,
  exportLongCsv,
  inputError,
  openCliStore,
  progressLine,
  resolveNetwork,
} from "@attune/server";

interface ExportFlags {
  database?: string;
  dataDir?: string;
  network?: string;
  study?: string;
  out?: string;
}

function common(c: Command): Command {
  return c
    .option(
      "--database <url>",
      "postgres://… or a SQLite file (default: ATTUNE_DATABASE_URL or .attune-data/attune.sqlite)",
    )
    .option("--data-dir <dir>", "directory of the default SQLite file")
    .option("--network <name-or-id>", "network to export (default: the only one)")
    .option("--study <name-or-id>", "only this study")
    .option("--out <file>", "write to this file instead of standard output");
}

async function withStore(
  o: ExportFlags,
  body: (
    networkId: string,
    studyId: string | undefined,
    store: Awaited<ReturnType<typeof openCliStore>>["store"],
  ) => Promise<string>,
) {
  const { store } = await openCliStore({
    ...(o.database ? { database: o.database } : {}),
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
  try {
    const networkId = await resolveNetwork(store, o.network);
    let studyId: string | undefined;
    if (o.study) {
      const s = (await getStudy(store.db, o.study)) ?? (await getStudyByName(store.db, networkId, o.study));
      if (!s || s.network_id !== networkId) throw inputError(`no study "${o.study}" in this network`);
      studyId = s.id;
    }
    const text = await body(networkId, studyId, store);
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
  } finally {
    await store.close();
  }
}

/** Registers `attune export long-csv|fhir` (pseudonymised codes only). */
export function registerExport(program: Command): void {
  const cmd = program.command("export").description("export the network's data (pseudonymised)");
  common(cmd.command("long-csv").description("tidy long CSV, the format the recipes read"))
    .option("--outcome <column>", "name of the outcome column", "wellbeing")
    .action(async (o: ExportFlags & { outcome: string }) => {
      await withStore(o, async (networkId, studyId, store) => {
        const { csv, rows } = await exportLongCsv(store, {
          networkId,
          ...(studyId ? { studyId } : {}),
          outcome: o.outcome,
        });
        if (o.out) process.stderr.write(`${rows} rows\n`);
        return csv;
      });
    });
  common(cmd.command("fhir").description("FHIR R4 Bundle (collection)"))
    .option("--base-url <url>", "base of the fullUrls", "http://localhost:8080")
    .action(async (o: ExportFlags & { baseUrl: string }) => {
      await withStore(o, async (networkId, studyId, store) => {
        const b = await exportBundle(store, {
          networkId,
          ...(studyId ? { studyId } : {}),
          baseUrl: o.baseUrl,
          onProgress: progressLine("episodes"),
        });
        return `${JSON.stringify(b)}\n`;
      });
    });
}
