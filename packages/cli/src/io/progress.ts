/** A progress reporter for long fits: call it after each evaluation, and `done()` at the end. */
export interface FitProgress {
  (evaluations: number, criterion: number): void;
  done(): void;
}

/**
 * A progress line on stderr for fits that take longer than `afterMs` (default 2 s): deviance
 * evaluations so far and the lowest criterion so far, redrawn in place on a terminal (at most 4 times a
 * second) or as a new line every 5 s when stderr is a file or pipe. Disabled, it costs one branch.
 *
 * @example
 * const progress = fitProgress(true);
 * fitLmm(formula, data, { onEvaluation: progress });
 * progress.done();
 */
export function fitProgress(
  enabled: boolean,
  afterMs = 2000,
  stream: { readonly isTTY?: boolean; write(text: string): unknown } = process.stderr,
): FitProgress {
  const start = Date.now();
  const tty = stream.isTTY === true;
  const every = tty ? 250 : 5000;
  let next = start + afterMs;
  let shown = false;
  const report = ((evaluations: number, criterion: number) => {
    if (!enabled) return;
    const now = Date.now();
    if (now < next) return;
    next = now + every;
    const line = `attune fit: ${evaluations} evaluations, criterion ${criterion.toFixed(4)}, ${((now - start) / 1000).toFixed(1)} s`;
    stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    shown = true;
  }) as FitProgress;
  report.done = () => {
    if (shown && tty) stream.write("\r\x1b[K");
  };
  return report;
}
