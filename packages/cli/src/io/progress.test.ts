import { describe, expect, it } from "vitest";
import { fitProgress } from "./progress.ts";

/** A stand-in for process.stderr that keeps what is written. */
function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { isTTY, write: (s: string) => chunks.push(s) },
  };
}

describe("fitProgress", () => {
  it("writes evaluations and the lowest criterion once the delay has passed (a line per report off a terminal)", () => {
    const { chunks, stream } = sink(false);
    const progress = fitProgress(true, 0, stream);
    progress(12, 1743.6283);
    progress.done();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^attune fit: 12 evaluations, criterion 1743\.6283, \d+\.\d s\n$/);
  });

  it("redraws in place on a terminal and clears the line at the end", () => {
    const { chunks, stream } = sink(true);
    const progress = fitProgress(true, 0, stream);
    progress(3, 10);
    progress.done();
    expect(chunks[0]).toMatch(/^\rattune fit: 3 evaluations/);
    expect(chunks[chunks.length - 1]).toBe("\r\x1b[K");
  });

  it("is silent when disabled or before the delay", () => {
    const off = sink(false);
    const p1 = fitProgress(false, 0, off.stream);
    p1(5, 1);
    p1.done();
    const early = sink(false);
    const p2 = fitProgress(true, 60_000, early.stream);
    p2(5, 1);
    p2.done();
    expect(off.chunks).toEqual([]);
    expect(early.chunks).toEqual([]);
  });
});
