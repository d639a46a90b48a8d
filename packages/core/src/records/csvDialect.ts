// Which CSV a spreadsheet wrote. Excel and LibreOffice in French (and German, Spanish, Italian…)
// locales save "CSV" with ";" between fields and a decimal comma ("3,5"), because the comma is the
// decimal mark there. Such files used to be refused as one unreadable column; they are read as meant.

/** How a CSV file separates fields and writes decimals. */
export interface CsvDialect {
  /** The field separator: "," (default) or ";". */
  delimiter: "," | ";";
  /** Whether numbers are written with a decimal comma ("3,5"); only with the ";" separator. */
  decimalComma: boolean;
}

/** Counts a character in a line outside double-quoted fields. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

/**
 * The dialect of a CSV text, read from its header line: ";" when the header has more semicolons
 * than commas (outside quotes), and then decimal commas.
 *
 * @example
 * csvDialect("therapist;patient;session\nT1;P1;1\n") // { delimiter: ";", decimalComma: true }
 * csvDialect("therapist,patient,session\n")          // { delimiter: ",", decimalComma: false }
 */
export function csvDialect(text: string): CsvDialect {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const semicolons = countOutsideQuotes(header, ";");
  return semicolons > 0 && semicolons > countOutsideQuotes(header, ",")
    ? { delimiter: ";", decimalComma: true }
    : { delimiter: ",", decimalComma: false };
}

const DECIMAL_COMMA = /^\s*([+-]?\d+),(\d+)\s*$/;

/**
 * A cell's text with a decimal comma written as a point ("3,5" → "3.5"); other text unchanged
 * (codes, dates and text are left alone: only a whole cell that is one decimal number changes).
 *
 * @example
 * decimalPoint("3,5") // "3.5"
 * decimalPoint("P1,2b") // "P1,2b"
 */
export function decimalPoint(cell: string): string {
  const m = DECIMAL_COMMA.exec(cell);
  return m ? `${m[1]}.${m[2]}` : cell;
}

/** The words an import report uses for a dialect other than the default. */
export const dialectNote =
  'Read as a spreadsheet CSV with ";" between fields and decimal commas (as French and other ' +
  "locales save it); numbers such as 3,5 were read as 3.5.";
