// What the coder's pages read: GET /api/coding/sessions (see the OpenAPI at /api/openapi.json).
import type { MySessionOut } from "@attune/api";

/** One session assigned to the signed-in coder (@attune/api's MySessionOut). */
export type { MySessionOut as CodingSession };

/**
 * A moment as the coder reads it, in their own time zone and language.
 *
 * @example
 * when("2026-11-22T13:05:00Z", "fr"); // "22 nov. 2026, 14:05" in Zurich
 */
export const when = (iso: string, lang: "en" | "fr" = "en"): string =>
  new Date(iso).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });

/**
 * A session's day (YYYY-MM-DD) as the coder reads it: "20 Nov 2026", "20 nov. 2026"; "—" for none.
 *
 * @example
 * day("2026-11-20", "fr"); // "20 nov. 2026"
 */
export const day = (date: string | null, lang: "en" | "fr" = "en"): string =>
  date === null
    ? "—"
    : new Date(`${date}T12:00:00Z`).toLocaleDateString(lang === "fr" ? "fr-FR" : "en-GB", {
        dateStyle: "medium",
        timeZone: "UTC",
      });

/**
 * Sessions to code first (oldest session first), then the coded ones (most recently coded first).
 *
 * @example
 * const list = [...sessions].sort(codingOrder);
 */
export function codingOrder(a: MySessionOut, b: MySessionOut): number {
  if ((a.codedAt === null) !== (b.codedAt === null)) return a.codedAt === null ? -1 : 1;
  if (a.codedAt !== null && b.codedAt !== null) return b.codedAt.localeCompare(a.codedAt);
  return (
    (a.date ?? "").localeCompare(b.date ?? "") || a.patient.localeCompare(b.patient) || a.number - b.number
  );
}
