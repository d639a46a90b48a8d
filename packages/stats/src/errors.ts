/**
 * An error in the user's input (formula, data, options): the message names the bad value and where it is.
 * Callers (CLI, API) show the message as is and never a stack trace.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** Where the problem is, when known: a formula position, a column, or a row (1-based, as a spreadsheet shows it). */
  readonly where: { readonly position?: number; readonly column?: string; readonly row?: number };

  constructor(message: string, where: InputError["where"] = {}) {
    super(message);
    this.where = where;
  }
}
