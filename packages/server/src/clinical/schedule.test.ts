// The start of a session's day in the clinic's time zone, checked against instants worked out by hand
// (winter and summer time, a zone east of UTC+12, one west of UTC, the day daylight saving starts).
import { describe, expect, it } from "vitest";
import { dayStart, isTimeZone } from "./schedule.ts";

describe("dayStart", () => {
  it("is local midnight as a UTC instant, in and out of daylight saving", () => {
    expect(dayStart("2026-12-08", "Europe/Paris")).toBe("2026-12-07T23:00:00.000Z");
    expect(dayStart("2026-07-08", "Europe/Paris")).toBe("2026-07-07T22:00:00.000Z");
    expect(dayStart("2026-12-08", "Pacific/Kiritimati")).toBe("2026-12-07T10:00:00.000Z");
    expect(dayStart("2026-12-08", "America/Montreal")).toBe("2026-12-08T05:00:00.000Z");
    expect(dayStart("2026-12-08", "UTC")).toBe("2026-12-08T00:00:00.000Z");
    // Paris moves to summer time at 02:00 on 29 March 2026; midnight still exists and is UTC+1.
    expect(dayStart("2026-03-29", "Europe/Paris")).toBe("2026-03-28T23:00:00.000Z");
  });

  it("refuses a zone Intl does not know, naming it", () => {
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(() => dayStart("2026-12-08", "Mars/Olympus")).toThrow('unknown time zone "Mars/Olympus"');
  });
});
