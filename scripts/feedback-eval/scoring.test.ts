// The evaluation's scoring on a hand-made network whose answers follow from the rules in docs/feedback.md
// ("Scoring"): a rupture is flagged by an alert at its onset or the next session; an alert is false outside
// the rupture's sessions and the one after; the false-alert denominator is all non-rupture sessions (a
// missing form included). Every expected number below is counted by hand from the network drawn here.
import { declaredScale, type SessionRecord } from "@attune/core";
import { describe, expect, it } from "vitest";
import { atFalseRate, atThreshold, formCanShow, fromAlerts, windows, type Scored } from "./metrics.ts";
import type { EvalNetwork, TrueRupture } from "./networks.ts";
import { countsRow } from "./ruptureTable.ts";

const scale = declaredScale("alliance_patient", 1, 5, true);

/** A dyad whose patient alliance is `scores` at sessions 1, 2, … (null: the form is missing). */
function dyad(patient: string, scores: (number | null)[]) {
  const sessions: SessionRecord[] = scores.map((y, i) => ({
    session: i + 1,
    alliancePatient: y,
    allianceTherapist: null,
    outcome: null,
  }));
  return { therapist: "T1", patient, sessions };
}

const rupture = (
  patient: string,
  session: number,
  duration: number,
  size: number,
  topBox = false,
): TrueRupture => ({
  patient,
  session,
  duration,
  size,
  topBox,
});

// A: a large rupture at 3 (rated below the top): window 3–4, non-rupture sessions 1, 2, 5, 6.
// B: a small rupture of a top-box responder at 2 lasting 2, every form at the top: window 2–4; non-rupture
//    1, 5 (form missing) and 6.
// C: a medium rupture at 2 lasting 2, the onset form missing, the next below the top: window 2–4; non-rupture 1.
// D: a large rupture at 2 lasting 1, the onset form missing (the next session is after it): window 2–3;
//    non-rupture 1.
// E: no rupture: non-rupture 1, 2, 3.
// Non-rupture sessions: 4 + 3 + 1 + 1 + 3 = 12.
const net: EvalNetwork = {
  dyads: [
    dyad("A", [4, 4, 3, 3, 4, 4]),
    dyad("B", [5, 5, 5, 4, null, 5]),
    dyad("C", [4, null, 3, 4]),
    dyad("D", [4, null, 3]),
    dyad("E", [4, 4, 4]),
  ],
  scales: { patientAlliance: scale, therapistAlliance: scale, outcome: scale },
  ruptures: [
    rupture("A", 3, 1, 1.2),
    rupture("B", 2, 2, 0.5, true),
    rupture("C", 2, 2, 0.8),
    rupture("D", 2, 1, 1),
  ],
  deteriorating: new Set(),
  sessions: 22,
};

const inWindow = (patient: string, session: number) => windows(net).get(patient)?.has(session) ?? false;
const scored = (patient: string, session: number, stat: number): Scored => ({
  patient,
  session,
  stat,
  inWindow: inWindow(patient, session),
});

describe("the evaluation's rupture scoring", () => {
  it("counts a rupture's window as its sessions and the one after", () => {
    const w = windows(net);
    expect([...(w.get("A") ?? [])]).toEqual([3, 4]);
    expect([...(w.get("B") ?? [])]).toEqual([2, 3, 4]);
    expect([...(w.get("D") ?? [])]).toEqual([2, 3]);
    expect(w.has("E")).toBe(false);
  });

  it("a form can show a rupture rated below the top at its onset, or at the next session while it lasts", () => {
    const shows = formCanShow(net);
    expect(net.ruptures.map((r) => `${r.patient}:${shows(r)}`)).toEqual([
      "A:true",
      "B:false",
      "C:true",
      "D:false",
    ]);
  });

  it("divides false alerts by every non-rupture session, a missing form included", () => {
    // Alerts at A:4 (flags A, the session after its onset), D:3 (flags D), and false ones at A:6, E:2, B:5.
    const fired = [
      { patient: "A", session: 4 },
      { patient: "D", session: 3 },
      { patient: "A", session: 6 },
      { patient: "E", session: 2 },
      { patient: "B", session: 5 },
    ];
    const falseAlerts = fired.filter((a) => !inWindow(a.patient, a.session)).length;
    expect(falseAlerts).toBe(3);
    const c = fromAlerts(net, fired, falseAlerts);
    expect(c.nonRuptureSessions).toBe(12);
    expect(countsRow(c).split(" | ")[0]).toBe("25.00"); // 3 of 12
    expect([c.flagged, c.ruptures]).toEqual([2, 4]);
    expect(c.bySize).toEqual({ small: [0, 1], medium: [0, 1], large: [2, 2] });
    expect(c.topBox).toEqual([0, 1]);
    expect(c.largeNotTopBox).toEqual([2, 2]);
    expect(c.largeOnForm).toEqual([1, 1]);
    expect(c.allOnForm).toEqual([1, 2]);
  });

  it("matches a false-alert count by whole ties of the statistic, never part of one", () => {
    const list = [
      scored("A", 3, 3), // true: flags A
      scored("E", 2, 2.5), // false
      scored("C", 3, 2), // true: flags C (the session after its onset)
      scored("A", 6, 2), // false, tied with C:3
      scored("D", 3, 1), // true: flags D
    ];
    // One false alert allowed: the tie at 2 would bring a second, so the threshold stays above it.
    const one = atFalseRate(net, list, 1);
    expect([one.falseAlerts, one.flagged]).toEqual([1, 1]);
    // Two allowed: the tie is taken, and D:3 below it adds no false alert.
    const two = atFalseRate(net, list, 2);
    expect([two.falseAlerts, two.flagged]).toEqual([2, 3]);
    expect(two.nonRuptureSessions).toBe(12);
    // A fixed threshold of 2 fires at A:3, E:2, C:3 and A:6.
    const fixed = atThreshold(net, list, 2);
    expect([fixed.falseAlerts, fixed.flagged]).toEqual([2, 2]);
  });
});
