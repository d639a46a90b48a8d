import { describe, expect, it } from "vitest";
import { createRng } from "./prng.ts";

describe("createRng", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it("gives a fixed stream (guards cross-machine determinism)", () => {
    const r = createRng(42);
    const first = [r.uniform(), r.uniform(), r.int(10)];
    expect(first.map((v) => Math.round(v * 1e9) / 1e9)).toMatchSnapshot();
  });

  it("has standard-normal moments", () => {
    const r = createRng(7);
    const n = 20000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.04);
  });

  it("rejects a non-finite seed", () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed must be a finite number, got NaN/);
  });
});
