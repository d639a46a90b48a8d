// The network's outcome rates, as practice-research networks report them: of the patients with a first
// and a last rated session, the share reliably improved, with no reliable change, and reliably
// deteriorated (Jacobson–Truax, STATS.md §6.1, in the outcome's own direction); and of the episodes that
// ended, the share that ended as dropout (the episode end reason the therapist or an import recorded).
// Overall and by group (arm, site, ...), counts beside every share.
import { InputError } from "@attune/stats";
import { byPatient, rciInfo, sd, type RciInfo } from "./deterioration.ts";
import { labelColumn } from "./extraColumns.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";

/** The rates of one group of patients. */
export interface GroupRates {
  /** "all", or the group's value (an arm code, a site name). */
  readonly group: string;
  /** Patients in the group. */
  readonly patients: number;
  /** Patients with a first and a later rated session (the denominator of the change rates). */
  readonly rated: number;
  readonly improved: number;
  readonly noChange: number;
  readonly deteriorated: number;
  /** Shares of `rated` (null when none is rated). */
  readonly improvedRate: number | null;
  readonly noChangeRate: number | null;
  readonly deterioratedRate: number | null;
  /** Patients whose episode ended (any reason); the denominator of the dropout rate. */
  readonly ended: number;
  readonly dropout: number;
  readonly dropoutRate: number | null;
}

export interface NetworkRates {
  readonly rci: RciInfo;
  readonly overall: GroupRates;
  /** Rates by each grouping column asked for (e.g. condition, site), groups in sorted order. */
  readonly by: Readonly<Record<string, readonly GroupRates[]>>;
  readonly notes: readonly string[];
}

/** Options: the reliable-change threshold (as `deterioration`), the grouping columns and the end-reason column. */
export interface NetworkRateOptions extends Pick<RecipeOptions, "rci" | "reliability"> {
  /** Columns to group by, e.g. ["condition", "site"] (the role name `condition` reads the arm). */
  readonly by?: readonly string[];
  /** The column holding the episode's end reason [end_reason]. */
  readonly endReason?: string;
}

interface PatientOutcome {
  change: "improved" | "no change" | "deteriorated" | null;
  ended: boolean;
  dropout: boolean;
  first: number;
}

/**
 * Reliable improvement, no change, deterioration and dropout rates, overall and by group.
 *
 * @example
 * networkRates(data, { by: ["condition"], reliability: 0.85 }).by.condition[0].improvedRate; // 0.42
 */
export function networkRates(data: PrnData, options: NetworkRateOptions = {}): NetworkRates {
  requireRole(data, "outcome", "rates");
  const direction = data.outcomeDirection;
  if (direction === "unknown")
    throw new InputError(
      `rates: which way is the outcome "${data.roles.outcome}" better? Give --outcome-higher-is-better or --outcome-lower-is-better`,
    );
  const endColumn = options.endReason ?? "end_reason";
  const hasEnd = data.source.columns.has(endColumn);
  const reasons = hasEnd ? labelColumn(data, endColumn, "rates") : null;
  const patients = [...byPatient(data).values()];
  const baselines: number[] = [];
  for (const rows of patients) {
    const first = rows.find((i) => Number.isFinite(data.outcome[i] as number));
    if (first !== undefined) baselines.push(data.outcome[first] as number);
  }
  if (baselines.length < 2) throw new InputError("rates: fewer than two patients have a rated session");
  const rci = rciInfo(options, sd(baselines), direction);
  const sign = direction === "higher-is-better" ? 1 : -1;
  const outcomes: PatientOutcome[] = patients.map((rows) => {
    const rated = rows.filter((i) => Number.isFinite(data.outcome[i] as number));
    const reason = reasons ? rows.map((i) => reasons[i] ?? null).find((r) => r !== null) : undefined;
    let change: PatientOutcome["change"] = null;
    if (rated.length >= 2) {
      const gain =
        sign *
        ((data.outcome[rated[rated.length - 1] as number] as number) -
          (data.outcome[rated[0] as number] as number));
      change = gain > rci.threshold ? "improved" : gain < -rci.threshold ? "deteriorated" : "no change";
    }
    return {
      change,
      ended: reason !== undefined && reason !== null,
      dropout: reason === "dropout",
      first: rows[0] as number,
    };
  });
  const by: Record<string, GroupRates[]> = {};
  for (const column of options.by ?? []) {
    const labels =
      column === "condition" || column === data.roles.condition
        ? Array.from({ length: data.nrow }, (_, i) => {
            const v = data.condition[i];
            return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))
              ? null
              : String(v);
          })
        : labelColumn(data, column, "rates");
    const groups = new Map<string, PatientOutcome[]>();
    for (const o of outcomes) {
      const g = labels[o.first] ?? "NA";
      groups.set(g, [...(groups.get(g) ?? []), o]);
    }
    by[column] = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([g, os]) => groupRates(g, os));
  }
  return {
    rci,
    overall: groupRates("all", outcomes),
    by,
    notes: [
      `Reliable change: last rated session minus the first, beyond ${Number(rci.threshold.toPrecision(4))} points (${rci.source}), in the outcome's good direction (${direction}).`,
      hasEnd
        ? `Dropout: episodes whose end reason (column "${endColumn}") is dropout, of the episodes that ended; open episodes are left out.`
        : `Dropout: not computed — the data have no "${endColumn}" column (record each episode's end and reason).`,
    ],
  };
}

function groupRates(group: string, os: readonly PatientOutcome[]): GroupRates {
  const count = (c: PatientOutcome["change"]) => os.filter((o) => o.change === c).length;
  const rated = os.filter((o) => o.change !== null).length;
  const ended = os.filter((o) => o.ended).length;
  const dropout = os.filter((o) => o.dropout).length;
  const share = (n: number, d: number) => (d > 0 ? n / d : null);
  const improved = count("improved");
  const noChange = count("no change");
  const deteriorated = count("deteriorated");
  return {
    group,
    patients: os.length,
    rated,
    improved,
    noChange,
    deteriorated,
    improvedRate: share(improved, rated),
    noChangeRate: share(noChange, rated),
    deterioratedRate: share(deteriorated, rated),
    ended,
    dropout,
    dropoutRate: share(dropout, ended),
  };
}
