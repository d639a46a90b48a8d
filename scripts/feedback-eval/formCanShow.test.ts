// `formCanShow` (what every rupture script counts "the form can show" with) on small simulated networks of
// each scenario, against a count written separately from the simulator's item answers: a form is below the
// top when any of its items is below the scale's top category (the score is the items' mean, so this reads
// neither the score nor its 0–100 conversion).
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../packages/core/src/simulate2/index.ts";
import { formCanShow, fromAlerts, sizeClass } from "./metrics.ts";
import { fromSimulator2, type EvalNetwork, type TrueRupture } from "./networks.ts";

/** The sessions (patient:session) whose patient form has an item below the top category. */
function belowTopByItems(net: EvalNetwork, top: number): Set<string> {
  const out = new Set<string>();
  for (const d of net.dyads)
    for (const s of d.sessions)
      if (s.items?.alliancePatient?.some((a) => a !== null && a < top)) out.add(`${d.patient}:${s.session}`);
  return out;
}

describe("formCanShow on the second simulator", () => {
  for (const sc of SCENARIOS) {
    it(`agrees with the item answers and the counts' own tally: ${sc.name}`, () => {
      const net = fromSimulator2(sc, 1);
      const below = belowTopByItems(net, sc.alliancePoints);
      const byItems = (r: TrueRupture) =>
        below.has(`${r.patient}:${r.session}`) ||
        (r.duration > 1 && below.has(`${r.patient}:${r.session + 1}`));
      const shows = formCanShow(net);
      const disagree = net.ruptures.filter((r) => shows(r) !== byItems(r));
      expect(disagree).toEqual([]);
      // Both kinds occur, so the agreement is not that of an all-true or all-false rule.
      const shown = net.ruptures.filter(shows).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(net.ruptures.length);
      // The counts every table reads: the bound script's tally (large ruptures the form can show) is the
      // counts' denominator, whatever was flagged.
      const large = net.ruptures.filter((r) => sizeClass(r.size) === "large");
      const c = fromAlerts(net, [], 0);
      expect(c.largeOnForm).toEqual([0, large.filter(byItems).length]);
      expect(c.allOnForm).toEqual([0, net.ruptures.filter(byItems).length]);
    });
  }
});
