// When a scheduled session's patient link opens: the start of the session's day in the clinic's time zone
// (the therapist's browser sends its IANA zone, e.g. "Europe/Paris"). Computed with Intl only: the zone's
// offset at that day's midnight, found by reading the UTC guess back in the zone and correcting once more
// (a day that starts inside a daylight-saving change lands on its first existing minute).

/** The zone's offset from UTC in minutes at an instant ("Europe/Paris" in winter: +60). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - instant) / 60_000);
}

/**
 * The instant (ISO, UTC) a day starts in a time zone; an unknown zone is refused with its name.
 *
 * @example
 * dayStart("2026-12-08", "Europe/Paris"); // "2026-12-07T23:00:00.000Z"
 * dayStart("2026-12-08", "UTC"); // "2026-12-08T00:00:00.000Z"
 */
export function dayStart(date: string, timeZone: string): string {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - offsetAt(guess, timeZone) * 60_000;
  instant = guess - offsetAt(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/**
 * True when Intl knows the IANA time zone.
 *
 * @example
 * isTimeZone("Europe/Paris"); // true
 * isTimeZone("Mars/Olympus"); // false
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
