import type { FittedSurface } from "@attune/core";

/** The observed range of both ratings (a common square, so the lines of (in)congruence are visible). */
export interface SurfaceRange {
  readonly min: number;
  readonly max: number;
  /** Pooled centre c of the predictors (the surface is a polynomial in rating − c). */
  readonly center: number;
}

/**
 * The height of a fitted surface at raw ratings (x = therapist, y = patient), controls at their means.
 *
 * @example
 * surfaceHeight(surface, 4, 4, 3.9);
 */
export function surfaceHeight(s: FittedSurface, x: number, y: number, center: number): number {
  const [b0, b1, b2, b3, b4, b5] = s.b;
  const X = x - center;
  const Y = y - center;
  return b0 + b1 * X + b2 * Y + b3 * X * X + b4 * X * Y + b5 * Y * Y;
}

/**
 * The common observed range of the two ratings.
 *
 * @example
 * surfaceRange(surface, 3.9); // { min: 1.8, max: 5, center: 3.9 }
 */
export function surfaceRange(s: FittedSurface, center: number): SurfaceRange {
  let min = Infinity;
  let max = -Infinity;
  for (const [x, y] of s.points) {
    min = Math.min(min, x, y);
    max = Math.max(max, x, y);
  }
  if (!Number.isFinite(min)) return { min: center - 1, max: center + 1, center };
  return { min, max, center };
}
