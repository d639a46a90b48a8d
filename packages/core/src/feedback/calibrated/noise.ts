// How much a patient's alliance moves from session to session by noise alone, estimated from the
// network's own data on each form's scale. Ordinal forms are heteroscedastic: near the top of the scale
// a patient can hardly rise and moves little, in the middle they move more. So the noise is estimated per
// band of the patient's recent level (how close it is to the ceiling), which is what makes a drop from the
// top count for more than the same drop in the middle.

/** Session-to-session noise of one form as a step function of the patient's recent level (0–100). */
export interface LevelNoise {
  /** Upper edges of the level bands (0–100, increasing; the last is 100). */
  readonly upTo: readonly number[];
  /** Robust SD of (score − recent mean) within each band, 0–100 points. */
  readonly sd: readonly number[];
  /** Pairs (session, recent mean) each band rests on. */
  readonly n: readonly number[];
  /** SD over all bands (the same estimator on every pair). */
  readonly overall: number;
}

/** One residual of a session against the mean of the patient's previous rated sessions. */
export interface LevelResidual {
  /** Mean of the previous (up to `window`) rated sessions, 0–100. */
  readonly level: number;
  /** score − level. */
  readonly residual: number;
}

/**
 * Residuals of every rated session against the mean of the patient's previous `window` rated sessions
 * (0–100 values in session order, null = missing form).
 *
 * @example
 * levelResiduals([[80, 85, null, 70]], 3); // [{ level: 80, residual: 5 }, { level: 82.5, residual: -12.5 }]
 */
export function levelResiduals(
  series: readonly (readonly (number | null)[])[],
  window: number,
): LevelResidual[] {
  const out: LevelResidual[] = [];
  for (const s of series) {
    const rated = s.filter((v): v is number => v !== null);
    for (let i = 1; i < rated.length; i++) {
      let sum = 0;
      const from = Math.max(0, i - window);
      for (let j = from; j < i; j++) sum += rated[j] as number;
      out.push({ level: sum / (i - from), residual: (rated[i] as number) - sum / (i - from) });
    }
  }
  return out;
}

/**
 * A robust SD that survives both the outliers ruptures make and the many exact zeros of ordinal forms:
 * the root mean square of the central 90% of |residual| (scaled to a normal SD), never below `floor`.
 *
 * @example
 * robustSd([-1, 0, 0, 1, 0, 30], 0.5); // small: the 30 is trimmed
 */
export function robustSd(values: readonly number[], floor: number): number {
  if (values.length === 0) return floor;
  const abs = Float64Array.from(values, Math.abs).sort();
  const keep = Math.max(1, Math.floor(abs.length * 0.9));
  let ss = 0;
  for (let i = 0; i < keep; i++) ss += (abs[i] as number) ** 2;
  // E[X² | |X| ≤ q0.9] for a standard normal is 0.7020; dividing by it puts the trimmed RMS on the SD scale.
  return Math.max(floor, Math.sqrt(ss / keep / 0.702));
}

/**
 * Noise per level band: bands are cut at quantiles of the observed levels (about `bands` of them, each
 * with at least `minPerBand` pairs), so a network whose patients sit at the ceiling gets fine bands there.
 *
 * @example
 * const noise = levelNoise(levelResiduals(series, 3), { floor: 1 });
 * noiseAt(noise, 97); // the SD of patients near the top
 */
export function levelNoise(
  residuals: readonly LevelResidual[],
  options: { bands?: number; minPerBand?: number; floor: number },
): LevelNoise {
  const bands = options.bands ?? 6;
  const minPer = options.minPerBand ?? 40;
  const overall = robustSd(
    residuals.map((r) => r.residual),
    options.floor,
  );
  if (residuals.length < 2 * minPer) return { upTo: [100], sd: [overall], n: [residuals.length], overall };
  const sorted = [...residuals].sort((a, b) => a.level - b.level);
  const per = Math.max(minPer, Math.ceil(sorted.length / bands));
  const upTo: number[] = [];
  const sd: number[] = [];
  const n: number[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = Math.min(sorted.length, start + per);
    // Ties of level stay in one band; a short remainder joins the last band.
    while (
      end < sorted.length &&
      (sorted[end] as LevelResidual).level === (sorted[end - 1] as LevelResidual).level
    )
      end++;
    if (sorted.length - end < minPer) end = sorted.length;
    const slice = sorted.slice(start, end);
    upTo.push(end === sorted.length ? 100 : (slice.at(-1) as LevelResidual).level);
    sd.push(
      robustSd(
        slice.map((r) => r.residual),
        options.floor,
      ),
    );
    n.push(slice.length);
    start = end;
  }
  return { upTo, sd, n, overall };
}

/**
 * The noise SD for a patient whose recent level is `level`.
 *
 * @example
 * noiseAt({ upTo: [80, 100], sd: [9, 4], n: [50, 50], overall: 7 }, 95); // 4
 */
export function noiseAt(noise: LevelNoise, level: number): number {
  for (let i = 0; i < noise.upTo.length; i++) {
    if (level <= (noise.upTo[i] as number)) return noise.sd[i] as number;
  }
  return noise.sd.at(-1) ?? noise.overall;
}

/**
 * Cronbach's alpha of a form from its item answers (rows = completed forms, all items answered).
 * Null with fewer than 2 items or 10 forms.
 *
 * @example
 * cronbachAlpha([[1, 2], [2, 3], [3, 3], ...]); // ≈ 0.8
 */
export function cronbachAlpha(forms: readonly (readonly number[])[]): number | null {
  const k = forms[0]?.length ?? 0;
  const rows = forms.filter((f) => f.length === k);
  if (k < 2 || rows.length < 10) return null;
  const variance = (get: (f: readonly number[]) => number): number => {
    let m = 0;
    for (const f of rows) m += get(f);
    m /= rows.length;
    let ss = 0;
    for (const f of rows) ss += (get(f) - m) ** 2;
    return ss / (rows.length - 1);
  };
  let itemVar = 0;
  for (let j = 0; j < k; j++) itemVar += variance((f) => f[j] as number);
  const totalVar = variance((f) => f.reduce((a, b) => a + b, 0));
  if (!(totalVar > 0)) return null;
  return (k / (k - 1)) * (1 - itemVar / totalVar);
}
