// A second-simulator network as the feedback rules read it: one history per dyad (the shape
// `attune feedback` builds from its CSV), with the item answers.
import type { DyadHistory } from "../feedback/calibrated/calibrate.ts";
import type { SessionRecord } from "../feedback/types.ts";
import type { Sim2Network } from "./network.ts";

/**
 * The network's dyad histories in row order, items included.
 *
 * @example
 * network2Histories(simulateNetwork2(SCENARIOS[0], 101))[0].sessions[0].alliancePatient; // e.g. 4.25
 */
export function network2Histories(net: Sim2Network): DyadHistory[] {
  const by = new Map<string, { therapist: string; patient: string; sessions: SessionRecord[] }>();
  for (const r of net.rows) {
    const d = by.get(r.patient) ?? { therapist: r.therapist, patient: r.patient, sessions: [] };
    d.sessions.push({
      session: r.session,
      date: r.date,
      alliancePatient: r.alliance_patient,
      allianceTherapist: r.alliance_therapist,
      outcome: r.outcome,
      items: {
        ...(r.items.alliancePatient ? { alliancePatient: r.items.alliancePatient } : {}),
        ...(r.items.allianceTherapist ? { allianceTherapist: r.items.allianceTherapist } : {}),
        ...(r.items.outcome ? { outcome: r.items.outcome } : {}),
      },
    });
    by.set(r.patient, d);
  }
  return [...by.values()];
}
