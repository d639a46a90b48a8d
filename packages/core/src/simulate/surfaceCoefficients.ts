/** Polynomial coefficients b1..b5 of Z = b1·X + b2·Y + b3·X² + b4·X·Y + b5·Y². */
export type PolynomialCoefficients = [number, number, number, number, number];

/**
 * Inverts the response-surface parameters: returns b1..b5 whose a1..a5 (a1 = b1 + b2, a2 = b3 + b4 + b5,
 * a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5) are the given ones.
 *
 * @example
 * polynomialFromSurface(0.2, 0, -0.1, -0.2, 0); // [0.05, 0.15, -0.05, 0.1, -0.05]
 */
export function polynomialFromSurface(
  a1: number,
  a2: number,
  a3: number,
  a4: number,
  a5: number,
): PolynomialCoefficients {
  const b4 = (a2 - a4) / 2;
  const b35 = (a2 + a4) / 2;
  return [(a1 + a3) / 2, (a1 - a3) / 2, (b35 + a5) / 2, b4, (b35 - a5) / 2];
}
