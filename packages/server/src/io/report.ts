// The answer of every import: what was created, and row by row what was rejected and why.
import { ApiError } from "../errors.ts";

export interface Rejection {
  /** 1-based line of the file (the header is line 1), or entry index for a Bundle. */
  row: number;
  column?: string;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  rows: number;
  created: Record<string, number>;
  rejected: Rejection[];
  /** Stored, but worth a look (e.g. scores beyond the assumed scale when none was declared). */
  warnings?: string[];
}

export type Progress = (done: number, total: number) => void;

/** An import with rejections stores nothing; it fails as a 400 listing every rejected row. */
export function rejectedError(kind: string, report: ImportReport): ApiError {
  const n = report.rejected.length;
  const first = report.rejected[0];
  return new ApiError(
    "invalid",
    `${kind} import rejected, nothing was stored: ${n} problem${n === 1 ? "" : "s"}` +
      (first ? `; first: ${where(first)}: ${first.message}` : ""),
    report.rejected.map((r) => ({ where: where(r), message: r.message })),
  );
}

function where(r: Rejection): string {
  return r.column ? `row ${r.row}, column ${r.column}` : `row ${r.row}`;
}
