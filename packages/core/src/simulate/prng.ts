import { InputError } from "@attune/stats";
/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32) built only from 32-bit integer
 * arithmetic, so the same seed gives the same stream on every machine and JavaScript engine.
 */
export interface Rng {
  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** Integer uniform on [0, n). */
  int(n: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a generator from an integer seed (any finite number; the low 32 bits and the high part are
 * both mixed in).
 *
 * @example
 * const rng = createRng(1);
 * rng.uniform(); // same value on every machine
 * rng.normal();
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new InputError(`seed must be a finite number, got ${seed}`);
  const mix = splitmix32((seed >>> 0) ^ Math.floor(seed / 4294967296));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1;
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  let spare: number | null = null;
  const uniform = (): number => next32() / 4294967296;
  return {
    uniform,
    int: (n) => Math.floor(uniform() * n),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      for (;;) {
        const u = 2 * uniform() - 1;
        const v = 2 * uniform() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const f = Math.sqrt((-2 * Math.log(s)) / s);
          spare = v * f;
          return u * f;
        }
      }
    },
  };
}
