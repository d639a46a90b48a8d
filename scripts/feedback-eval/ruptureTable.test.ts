// The rupture table (ruptureTable.ts) on every scenario: each row has the head's columns, in the head's
// order. A rule alerting at every session flags every rupture and raises one false alert per non-rupture
// session; a rule that never alerts flags none and raises none.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { fromAlerts, windows } from "./metrics.ts";
import { fromSimulator2 } from "./networks.ts";
import { addCounts, emptyCounts } from "./ruptureCounts.ts";
import { countsRow, printHead } from "./ruptureTable.ts";

const cells = (line: string): string[] =>
  line
    .split("|")
    .slice(1, -1)
    .map((x) => x.trim());

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the rupture table", () => {
  it("renders every scenario under the head, in the head's columns", () => {
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    printHead("Seeds 1–1", "rule");
    for (const sc of SCENARIOS) {
      const net = fromSimulator2(sc, 1);
      const w = windows(net);
      const every = net.dyads.flatMap((d) =>
        d.sessions.map((s) => ({ patient: d.patient, session: s.session })),
      );
      const falseAll = every.filter((a) => !w.get(a.patient)?.has(a.session)).length;
      // Summed over two copies, as the scripts sum networks: percentages stay, counts double.
      const all = emptyCounts();
      addCounts(all, fromAlerts(net, every, falseAll));
      addCounts(all, fromAlerts(net, every, falseAll));
      expect(all.falseAlerts).toBe(2 * falseAll);
      expect(all.nonRuptureSessions).toBe(2 * falseAll);
      console.log(`| ${sc.name} | every session | ${countsRow(all)} |`);
      console.log(`| ${sc.name} | never | ${countsRow(fromAlerts(net, [], 0))} |`);
    }
    const [title, head, rule, ...rows] = printed;
    expect(title).toBe("Seeds 1–1");
    const columns = cells(head as string);
    expect(cells(rule as string)).toHaveLength(columns.length);
    expect(rows).toHaveLength(2 * SCENARIOS.length);
    for (const sc of SCENARIOS) {
      const mine = rows.filter((r) => cells(r)[0] === sc.name).map(cells);
      expect(mine.map((r) => r[1])).toEqual(["every session", "never"]);
      for (const r of mine) expect(r).toHaveLength(columns.length);
      const [every, never] = mine as [string[], string[]];
      const at = (name: string) => columns.findIndex((c) => c.startsWith(name));
      expect(every[at("false /100")]).toBe("100.00");
      expect(every[at("large ≥1 SD flagged")]).toBe("100.0%");
      expect(every[at("all flagged")]).toBe("100.0%");
      expect(every[at("large among those the form can show")]).toBe("100.0%");
      expect(never[at("false /100")]).toBe("0.00");
      expect(never[at("all flagged")]).toBe("0.0%");
    }
  });
});
