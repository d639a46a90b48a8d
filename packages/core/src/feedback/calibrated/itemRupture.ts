// The item-level rupture rule as a stored part of a network's calibration. Its fit (itemLatent.ts and the
// simulated bar of itemLatentBar.ts) takes seconds to minutes, so a server computes it in the background
// with `fitItemRupture`, stores the plain result, and lays it over the network's quick (mean) calibration
// with `withItemRupture`: the rule then reads exactly what `attune feedback --rupture-statistic items`
// reads after calibrating the same data in one go.
import {
  calibrateNetwork,
  type AlertBudget,
  type DyadHistory,
  type NetworkCalibration,
} from "./calibrate.ts";
import type { ItemLatentModel } from "./itemLatent.ts";
import { declaredScale } from "./replay.ts";

/**
 * The rupture statistic a network uses until its coordinator chooses: "mean". The item rule flagged 0.5–4.5
 * points more large ruptures at the same false-alert rate held out, but reached the ≥ 60% goal nowhere the
 * mean missed it (docs/feedback.md, "Session 8"); change it here when it does.
 */
export const DEFAULT_RUPTURE_STATISTIC: "mean" | "items" = "mean";

/** The item-level rupture rule of a network (plain data, storable as JSON). */
export interface ItemRuptureFit {
  /** The graded-response model of the patient's alliance form and its dynamics. */
  readonly itemLatent: ItemLatentModel;
  /** The item statistic's bar that meets the alert budget. */
  readonly zThreshold: number;
  readonly probabilityBar: number;
  /** The least fall (0–100) an alert needs: a quarter of one item step of the form's mean. */
  readonly minDrop: number;
  /** Sessions the fit saw (the network's data stamp, for the coordinator's page). */
  readonly sessions: number;
}

/**
 * Fits the item-level rupture rule on a network's dyads whose patient alliance is given on the form's
 * own item scale (`min`–`max`, the score the mean of the items) with `items.alliancePatient`: the same
 * `calibrateNetwork` call the replay command makes with `ruptureStatistic: "items"`. Null when the
 * network is too small for a calibrated rule or has no item answers.
 *
 * @example
 * const fit = fitItemRupture(dyads, { min: 1, max: 5 }); // { itemLatent, zThreshold: 1.8, … }
 */
export function fitItemRupture(
  dyads: readonly DyadHistory[],
  itemScale: { readonly min: number; readonly max: number },
  budget: AlertBudget = {},
): ItemRuptureFit | null {
  const scale = declaredScale("alliance", itemScale.min, itemScale.max, true);
  const cal = calibrateNetwork(
    dyads,
    { patientAlliance: scale, therapistAlliance: scale, outcome: scale },
    { ...budget, ruptureStatistic: "items" },
  );
  const r = cal.rupture;
  if (!r.itemLatent || r.status !== "network") return null;
  return {
    itemLatent: r.itemLatent,
    zThreshold: r.zThreshold,
    probabilityBar: r.probabilityBar,
    minDrop: r.minDrop,
    sessions: cal.sessions,
  };
}

/**
 * The network's calibration with its rupture rule replaced by the stored item-level one (everything
 * else — not on track, forms, the mean model — as calibrated).
 *
 * @example
 * evaluateDyad(history, config, withItemRupture(calibration, storedFit));
 */
export function withItemRupture(cal: NetworkCalibration, fit: ItemRuptureFit): NetworkCalibration {
  return {
    ...cal,
    budget: { ...cal.budget, ruptureStatistic: "items" },
    rupture: {
      ...cal.rupture,
      itemLatent: fit.itemLatent,
      zThreshold: fit.zThreshold,
      probabilityBar: fit.probabilityBar,
      minDrop: fit.minDrop,
      meanBar: {
        zThreshold: cal.rupture.zThreshold,
        probabilityBar: cal.rupture.probabilityBar,
        minDrop: cal.rupture.minDrop,
      },
    },
  };
}
