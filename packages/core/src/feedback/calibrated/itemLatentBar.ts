// The bar of the item-level rupture statistic (itemLatent.ts) that meets a network's alert budget, read
// off the fitted model by replaying the network's own sessions with answers drawn from it.
import { qNormal } from "@attune/stats";
import { createRng } from "../../simulate/prng.ts";
import {
  itemGrowthBetween,
  itemLatentSignal,
  itemLatentStart,
  itemLatentUpdate,
  type ItemLatentModel,
  type ItemSeries,
} from "./itemLatent.ts";

/**
 * The bar of the item statistic that meets an alert budget: the network's own sessions (which patients,
 * which sessions, which items answered) replayed `rounds` times with answers drawn from the fitted model,
 * and the z exceeded by `allowed / eligible` of the simulated statistics. The statistic is a mid-p of a
 * discrete score, so its law is not the standard normal's (a Gaussian bar spent about half the budget on
 * the second simulator's training seeds); the simulation reads the law off the model itself.
 *
 * @example
 * itemLatentBar(model, patients, 150, 3000); // ≈ 1.7
 */
export function itemLatentBar(
  model: ItemLatentModel,
  patients: readonly ItemSeries[],
  allowed: number,
  eligible: number,
  rounds = 2,
  seed = 20261206,
): number {
  const rng = createRng(seed);
  const normal = (): number => rng.normal();
  const se = Math.sqrt(1 - model.loading * model.loading);
  const zs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const series of patients) {
      let level = model.mean0 + Math.sqrt(model.tau2) * normal();
      let prev: number | null = null;
      let state = itemLatentStart(model);
      for (const [session, answers] of series) {
        if (prev !== null)
          level += itemGrowthBetween(model.growth, prev, session) + Math.sqrt(model.driftVar) * normal();
        prev = session;
        const x = level + Math.sqrt(model.noiseVar) * normal();
        const drawn = answers.map((a, j) => {
          if (a === null) return null;
          const y = model.loading * x + se * normal();
          const t = model.tau[j] as readonly number[];
          let k = 0;
          while (k < t.length && y > (t[k] as number)) k++;
          return model.min + k;
        });
        if (state.session !== null) {
          const sig = itemLatentSignal(model, state, drawn, session);
          if (sig) zs.push(sig.z);
        }
        state = itemLatentUpdate(model, state, drawn, session).state;
      }
    }
  }
  if (zs.length === 0 || !(eligible > 0)) return qNormal(0.95);
  zs.sort((a, b) => b - a);
  const p = Math.min(0.5, Math.max(1e-6, allowed / eligible));
  return Math.max(1, zs[Math.min(zs.length - 1, Math.floor(p * zs.length))] as number);
}
