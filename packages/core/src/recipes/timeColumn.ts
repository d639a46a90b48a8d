// Time for unequally spaced sessions: a numeric column (weeks, days, the actual session number) or dates.
import { InputError } from "@attune/stats";
import { deriveTime } from "./derive.ts";
import { rowRef, type PrnData } from "./prepare.ts";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DAY = 86_400_000;

/**
 * `time` for growth and lagged models: session − 1 by default (sessions numbered as held, e.g. 3, 12, 20,
 * 40, are already unequally spaced); with `column`, its numeric values as they are, or for dates
 * (YYYY-MM-DD…) the weeks since the patient's first dated session. Missing values stay NaN (those rows
 * are left out); a value that is neither a number nor a date is an error naming the row.
 *
 * @example
 * timeOf(data, "week"); // Float64Array of the week column
 * timeOf(data, "date"); // weeks since each patient's first session date
 */
export function timeOf(data: PrnData, column?: string): Float64Array {
  if (!column) return deriveTime(data);
  const col = data.source.columns.get(column);
  if (!col) {
    throw new InputError(
      `--time: column "${column}" not found; the data have columns: ${data.source.names.join(", ")}`,
    );
  }
  if (col.type === "numeric") return col.values;
  const days = new Float64Array(data.nrow).fill(Number.NaN);
  for (let i = 0; i < data.nrow; i++) {
    const v = col.values[i];
    if (v === null || v === undefined || v === "") continue;
    const m = ISO_DATE.exec(v);
    const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
    if (!Number.isFinite(t)) {
      throw new InputError(
        `--time: column "${column}" must hold numbers or dates (YYYY-MM-DD), but ${rowRef(i)} has "${v}"`,
      );
    }
    days[i] = t / DAY;
  }
  const first = new Map<string, number>();
  for (let i = 0; i < data.nrow; i++) {
    const d = days[i] as number;
    if (Number.isNaN(d)) continue;
    const p = data.patient[i] as string;
    first.set(p, Math.min(first.get(p) ?? d, d));
  }
  return days.map((d, i) => (d - (first.get(data.patient[i] as string) as number)) / 7);
}
