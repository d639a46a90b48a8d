// The rupture scripts' shares of a count (rates.ts): an empty group or an empty sum of networks prints "–",
// never NaN or a made-up 0, and a non-empty one prints its rate.
import { describe, expect, it } from "vitest";
import { falsePer100, NO_RATE, pct, youdenJ } from "./rates.ts";
import { addCounts, emptyCounts } from "./ruptureCounts.ts";
import { countsRow } from "./ruptureTable.ts";

describe("a share of a count", () => {
  it("is a percentage with one decimal, and no rate for 0 of 0", () => {
    expect(pct(1, 8)).toBe("12.5%");
    expect(pct(2, 3)).toBe("66.7%");
    expect(pct(0, 5)).toBe("0.0%");
    expect(pct(0, 0)).toBe(NO_RATE);
    expect(NO_RATE).toBe("–");
  });

  it("gives false alerts per 100 non-rupture sessions, and no rate for an empty sum of networks", () => {
    expect(falsePer100({ falseAlerts: 3, nonRuptureSessions: 12 })).toBe("25.00");
    expect(falsePer100({ falseAlerts: 0, nonRuptureSessions: 7 })).toBe("0.00");
    // Two networks that measured nothing, summed as the scripts sum them: 0 false of 0 sessions.
    const sum = emptyCounts();
    addCounts(sum, emptyCounts());
    addCounts(sum, emptyCounts());
    expect(falsePer100(sum)).toBe(NO_RATE);
    expect(falsePer100(sum)).not.toContain("NaN");
  });

  it("prints an empty count's table row without NaN or a percent sign after the dash", () => {
    expect(countsRow(emptyCounts())).toBe("– | – | – | – | –");
  });

  it("gives Youden's J only when both groups have patients", () => {
    expect(youdenJ({ deteriorating: 10, deterioratingFlagged: 6, others: 90, othersFlagged: 9 })).toBe(
      "0.50",
    );
    expect(youdenJ({ deteriorating: 0, deterioratingFlagged: 0, others: 90, othersFlagged: 9 })).toBe(
      NO_RATE,
    );
    expect(youdenJ({ deteriorating: 4, deterioratingFlagged: 1, others: 0, othersFlagged: 0 })).toBe(NO_RATE);
  });
});
