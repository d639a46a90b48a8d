// Entry point of the `attune` command: each command lives in its own file under commands/.
import { Command } from "commander";
import { registerAnalyze } from "./commands/analyze.ts";
import { registerFit } from "./commands/fit.ts";
import { registerSimulate } from "./commands/simulate.ts";

const program = new Command("attune")
  .description(
    "attune: dyadic alliance feedback and lme4-compatible mixed models for practice research networks",
  )
  .showHelpAfterError();

registerFit(program);
registerAnalyze(program);
registerSimulate(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`attune: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
