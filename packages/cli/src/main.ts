// Entry point of the `attune` command: each command lives in its own file under commands/.
import { Command } from "commander";
import { ATTUNE_VERSION } from "@attune/server";
import { registerAnalyze } from "./commands/analyze.ts";
import { registerRates } from "./commands/rates.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerFeedback } from "./commands/feedback.ts";
import { registerFit } from "./commands/fit.ts";
import { registerImport } from "./commands/import.ts";
import { registerExport } from "./commands/export.ts";
import { registerServe } from "./commands/serve.ts";
import { registerInstruments } from "./commands/instruments.ts";
import { registerSimulate } from "./commands/simulate.ts";
import { runProgram } from "./run.ts";

const program = new Command("attune")
  .description(
    "attune: dyadic alliance feedback and lme4-compatible mixed models for practice research networks",
  )
  .version(ATTUNE_VERSION, "-V, --version", "print attune's version")
  .showHelpAfterError();

registerFit(program);
registerImport(program);
registerExport(program);
registerServe(program);
registerDemo(program);
registerInstruments(program);
registerAnalyze(program);
registerRates(program);
registerSimulate(program);
registerBackup(program);
registerMigrate(program);
registerFeedback(program);

runProgram(program);
