import { isAscii, isUtf8 } from "node:buffer";
import { InputError, type DataFrame } from "@attune/stats";
import { parseCsvBytes, parseCsvColumns } from "./csvColumns.ts";
import { readFileBytes } from "./readText.ts";

/** U+FFFD, the replacement character, in UTF-8: a file holding it was mangled by an earlier decoding. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Reads a CSV file with a header row into a DataFrame (types inferred as R's read.csv does).
 * Errors name the file and the line. The bytes are parsed as they are (no decoding of the whole
 * file) after the same checks, with the same messages, as decoding it as strict UTF-8 made.
 *
 * @example
 * const df = readCsvFile("sleepstudy.csv");
 */
export function readCsvFile(path: string): DataFrame {
  let bytes = readFileBytes(path, "data file");
  const ascii = isAscii(bytes);
  if (!ascii) {
    if (!isUtf8(bytes)) throw new InputError(`${path} is not valid UTF-8 text`);
    if (bytes.includes(REPLACEMENT)) throw new InputError(`${path}: not valid UTF-8 text`);
    // A strict UTF-8 decoding dropped a leading byte order mark before the reader skipped one.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  }
  return parseCsvBytes(bytes, path, ascii);
}

/**
 * Parses CSV text with a header row into a DataFrame.
 *
 * @example
 * parseCsvText("y,g\n1,a\n2,b\n").nrow; // 2
 */
export function parseCsvText(text: string, source = "CSV"): DataFrame {
  if (text.includes("\uFFFD")) throw new InputError(`${source}: not valid UTF-8 text`);
  return parseCsvColumns(text, source);
}
