import type { Command } from "commander";

/**
 * Parses the command line with `program` and turns a thrown error into one line on stderr and exit
 * code 1: input errors are the user's to fix (no stack), anything else is our bug and says so.
 *
 * @example
 * runProgram(new Command("attune"));
 */
export function runProgram(program: Command): void {
  program.parseAsync(process.argv).catch((err: unknown) => {
    const known = err instanceof Error && (err.name === "InputError" || err.name === "CommanderError");
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(known ? `attune: ${message}\n` : `attune: internal error: ${message}\n`);
    process.exit(1);
  });
}
