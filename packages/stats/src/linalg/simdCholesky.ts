// The dense tail's Cholesky with its inner products in WebAssembly SIMD (f64x2): 2–2.5× the scalar
// JavaScript kernel on the crossed models' tails. The module is one small function, assembled below
// from its opcodes (no build step, no binary blob); where WebAssembly SIMD is missing the JavaScript
// kernel (choleskyDense) is used instead. Both run the one driver, choleskyTiled.
import { choleskyTiled, type TileDots } from "./denseCholesky.ts";

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/**
 * tile(ri, rk, rj, rl, len, out): the four dot products of rows i, k with rows j, l (byte addresses
 * in the imported memory) over their first len & ~1 entries, stored as f64 at out, out+8, out+16,
 * out+24 (ij, il, kj, kl). The odd last entry, if any, is the caller's.
 */
function tileModule(): Uint8Array {
  const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const F64X2_ADD = 0xf0;
  const F64X2_MUL = 0xf2;
  const EXTRACT = 0x21;
  // locals: 0..5 params, 6 m (byte offset), 7 end, 8..11 accumulators, 12..15 loaded rows
  const load = (p: number) => [...get(p), ...get(6), 0x6a, ...simd(0), 3, 0];
  const acc = (a: number, x: number, y: number) => [
    ...get(a),
    ...get(x),
    ...get(y),
    ...simd(F64X2_MUL),
    ...simd(F64X2_ADD),
    ...set(a),
  ];
  const store = (off: number, a: number) => [
    ...get(5),
    ...get(a),
    ...simd(EXTRACT),
    0,
    ...get(a),
    ...simd(EXTRACT),
    1,
    0xa0, // f64.add
    0x39, // f64.store
    3,
    off,
  ];
  const body = [
    ...[2, 2, 0x7f, 8, 0x7b], // locals: 2 i32, 8 v128
    ...[...get(4), 0x41, 3, 0x74, 0x41, 0x70, 0x71, ...set(7)], // end = (len << 3) & -16
    ...[0x02, 0x40, 0x03, 0x40], // block loop
    ...[...get(6), ...get(7), 0x4f, 0x0d, 1], // br_if m >= end
    ...[...load(0), ...set(12), ...load(1), ...set(13), ...load(2), ...set(14), ...load(3), ...set(15)],
    ...[...acc(8, 12, 14), ...acc(9, 12, 15), ...acc(10, 13, 14), ...acc(11, 13, 15)],
    ...[...get(6), 0x41, 0x10, 0x6a, ...set(6)], // m += 16
    ...[0x0c, 0, 0x0b, 0x0b], // br loop; end; end
    ...[...store(0, 8), ...store(8, 9), ...store(16, 10), ...store(24, 11)],
    0x0b,
  ];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...str("env"), ...str("mem"), 0x02, 0x00, 0x00]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str("tile"), 0x00, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

type Tile = (ri: number, rk: number, rj: number, rl: number, len: number, out: number) => void;

/** The part of the WebAssembly API used here (the engine's libraries declare no DOM/WebAssembly types). */
interface Wasm {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
let compiled: object | null | undefined;

function tileCode(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = tileModule();
      compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** An n×n matrix in WebAssembly memory and its in-place Cholesky; null where SIMD is unavailable. */
export interface SimdCholesky {
  /** The matrix (row-major, lower part factored in place). */
  readonly matrix: Float64Array;
  /** Factors `matrix`; returns log det or NaN when not positive definite (as choleskyDense). */
  factor(): number;
}

/** Row-major matrices in one WebAssembly memory with the SIMD 2×2-tile dot products over them. */
export interface SimdTiles {
  /** The memory's matrices: element offsets as the tile kernel takes them. */
  readonly array: Float64Array;
  /** The tile kernel ({@link TileDots}) over {@link array}, writing to {@link out}. */
  readonly dots: TileDots;
  /** The tile's four results. */
  readonly out: Float64Array;
}

/**
 * Allocates `elements` doubles in their own WebAssembly memory with the SIMD tile kernel over them,
 * or returns null when WebAssembly SIMD is not available (then use {@link scalarTile} on a plain
 * Float64Array).
 *
 * @example
 * const t = simdTiles(2 * n * n); // t.array, t.dots(ri, rk, rj, rl, len) → t.out
 */
export function simdTiles(elements: number): SimdTiles | null {
  const code = tileCode();
  if (!code || !wasm) return null;
  const bytes = elements * 8 + 32;
  const mem = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const tile = new wasm.Instance(code, { env: { mem } }).exports["tile"] as Tile;
  const array = new Float64Array(mem.buffer, 0, elements);
  const OUT = elements * 8;
  const out = new Float64Array(mem.buffer, OUT, 4);
  // The shared drivers pass element offsets; the module reads byte addresses.
  const dots: TileDots = (ri, rk, rj, rl, len) => tile(ri * 8, rk * 8, rj * 8, rl * 8, len, OUT);
  return { array, dots, out };
}

/**
 * Allocates an n×n matrix in its own WebAssembly memory with a SIMD Cholesky, or returns null when
 * WebAssembly SIMD is not available (then use {@link choleskyDense} on a plain Float64Array).
 *
 * @example
 * const chol = simdCholesky(1000);
 * chol?.matrix.set(a); chol?.factor(); // log det(a)
 */
export function simdCholesky(n: number): SimdCholesky | null {
  if (n < 2) return null;
  const t = simdTiles(n * n);
  if (!t) return null;
  return { matrix: t.array, factor: () => choleskyTiled(t.array, n, t.dots, t.out) };
}
