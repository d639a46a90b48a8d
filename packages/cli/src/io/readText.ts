import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { InputError } from "@attune/stats";

/**
 * Reads a file the user named as strict UTF-8 text. Errors are one line naming the file: not found,
 * not UTF-8, or the system's reason.
 *
 * @example
 * const text = readTextFile("prn.csv", "data file");
 */
export function readTextFile(path: string, noun = "file"): string {
  const bytes = readFileBytes(path, noun);
  // Plain ASCII (most data files) is valid UTF-8 as it stands and decodes several times faster as latin1.
  if (isAscii(bytes)) return bytes.toString("latin1");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not valid UTF-8 text`);
  }
}

/**
 * Reads a file the user named as bytes. Errors are one line naming the file: not found, or the
 * system's reason.
 *
 * @example
 * const bytes = readFileBytes("prn.csv", "data file");
 */
export function readFileBytes(path: string, noun = "file"): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT"
        ? `${noun} not found: ${path}`
        : `cannot read ${noun} ${path}: ${code ?? String(err)}`,
    );
  }
}
