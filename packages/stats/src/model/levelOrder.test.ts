import { describe, expect, it } from "vitest";
import { levelOrder } from "./levelOrder.ts";

// The fast path's weight table must order exactly as ICU's "en" collation (what R's sort() and the
// collator path use): checked here against Intl.Collator itself, never against a list written by hand.
const collator = new Intl.Collator("en");
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

/** Deterministic PRNG (an LCG), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function byCollator(levels: readonly string[]): string[] {
  return [...levels].sort(collator.compare);
}

function byLevelOrder(levels: readonly string[]): string[] {
  return levelOrder(levels).map((i) => levels[i] as string);
}

describe("levelOrder", () => {
  it("orders every pair of printable ASCII characters as the collator does", () => {
    const pairs: string[] = [];
    for (const a of PRINTABLE) for (const b of PRINTABLE) if (a !== b) pairs.push(a + b, a, b);
    const distinct = [...new Set(pairs)];
    expect(byLevelOrder(distinct)).toEqual(byCollator(distinct));
  });

  it("orders random ASCII strings as the collator does (case, punctuation, digits, prefixes)", () => {
    const rnd = random(20261206);
    // Characters where the levels differ only in case or are prefixes of each other, drawn often.
    const tricky = "aAbB0_-. 1zZ";
    for (let trial = 0; trial < 200; trial++) {
      const set = new Set<string>();
      while (set.size < 150) {
        const len = Math.floor(rnd() * 6);
        let s = "";
        for (let k = 0; k < len; k++)
          s +=
            rnd() < 0.5
              ? tricky[Math.floor(rnd() * tricky.length)]
              : PRINTABLE[Math.floor(rnd() * PRINTABLE.length)];
        set.add(s);
      }
      const levels = [...set];
      expect(byLevelOrder(levels), `trial ${trial}`).toEqual(byCollator(levels));
    }
  });

  it("orders ids as R does: P10 before P2, lower case before upper case", () => {
    const levels = ["P2", "P10", "p1", "P1", "T1_2", "T1_10", "T1-3"];
    expect(byLevelOrder(levels)).toEqual(["p1", "P1", "P10", "P2", "T1_10", "T1_2", "T1-3"]);
  });

  it("falls back to the collator for text beyond ASCII", () => {
    const levels = ["Zürich", "Zug", "Ärztin", "Arzt", "arzt", "zürich", "Zurich"];
    expect(byLevelOrder(levels)).toEqual(byCollator(levels));
  });
});
