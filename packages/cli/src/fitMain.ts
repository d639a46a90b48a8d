// Entry point of the lean `attune fit` bundle (dist/attune-fit.js): only the engine and the CSV
// reader, so a fit does not load the server, the database and the report code (bin/attune.js picks
// this bundle when the first argument is `fit`). The full CLI (main.ts) registers the same command.
import { Command } from "commander";
import { registerFit } from "./commands/fit.ts";
import { runProgram } from "./run.ts";

const program = new Command("attune").showHelpAfterError();
registerFit(program);
runProgram(program);
