// The second simulator's own random source: mulberry32 with Box–Muller normals. Deliberately not the
// first simulator's generator (sfc32 + polar method), so the two share no code path.

/** A seeded random source. */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal. */
  gauss(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Uniform on [a, b). */
  between(a: number, b: number): number;
  /** Integer uniform on [a, b] (inclusive). */
  integer(a: number, b: number): number;
}

/**
 * A mulberry32 generator seeded with `seed`.
 *
 * @example
 * const r = mulberry(7); r.gauss();
 */
export function mulberry(seed: number): Random {
  let s = (Math.floor(seed) ^ 0x6d2b79f5) >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    gauss() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      const u = Math.max(next(), 1e-12);
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    between: (a, b) => a + (b - a) * next(),
    integer: (a, b) => a + Math.floor(next() * (b - a + 1)),
  };
}
