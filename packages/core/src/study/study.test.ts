import { describe, expect, it } from "vitest";
import { completionStatus, countCompletion, type ScheduleLine } from "./completion.ts";
import { randomiseTherapists } from "./randomise.ts";

const therapists = ["A", "B", "C"].flatMap((site, s) =>
  Array.from({ length: 7 + s * 3 }, (_, i) => ({ id: `${site}-t${String(i).padStart(2, "0")}`, site })),
);

describe("randomiseTherapists", () => {
  it("reproduces the same allocation from the same seed, whatever the input order", () => {
    const a = randomiseTherapists({ therapists, arms: ["0", "1"], blockSize: 4, seed: 20251121 });
    const b = randomiseTherapists({
      therapists: [...therapists].reverse(),
      arms: ["1", "0"],
      blockSize: 4,
      seed: 20251121,
    });
    expect(b).toEqual(a);
    const c = randomiseTherapists({ therapists, arms: ["0", "1"], blockSize: 4, seed: 20251122 });
    expect(c.map((x) => x.arm)).not.toEqual(a.map((x) => x.arm));
    expect(a).toHaveLength(therapists.length);
  });

  it("balances every complete block within each site, and sites within block size / arms", () => {
    for (const seed of [1, 2, 3, 99, 4294967295]) {
      for (const [arms, blockSize] of [
        [["0", "1"], 2],
        [["0", "1"], 4],
        [["a", "b", "c"], 6],
      ] as const) {
        const alloc = randomiseTherapists({ therapists, arms, blockSize, seed });
        for (const site of ["A", "B", "C"]) {
          const s = alloc.filter((x) => x.site === site);
          const blocks = new Map<number, string[]>();
          for (const x of s) blocks.set(x.block, [...(blocks.get(x.block) ?? []), x.arm]);
          for (const members of blocks.values()) {
            if (members.length < blockSize) continue;
            for (const arm of arms)
              expect(members.filter((m) => m === arm)).toHaveLength(blockSize / arms.length);
          }
          const counts = arms.map((arm) => s.filter((x) => x.arm === arm).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(blockSize / arms.length);
        }
      }
    }
  });

  it("is pinned: the allocation of a seed does not change between releases", () => {
    const alloc = randomiseTherapists({
      therapists: therapists.slice(0, 8),
      arms: ["0", "1"],
      blockSize: 4,
      seed: 42,
    });
    expect(alloc.map((x) => x.arm).join("")).toMatchInlineSnapshot(`"01101011"`);
  });

  it("refuses bad block sizes, seeds and duplicates", () => {
    const t = [{ id: "x", site: "A" }];
    expect(() => randomiseTherapists({ therapists: t, arms: ["0", "1"], blockSize: 3, seed: 1 })).toThrow(
      /multiple/,
    );
    expect(() => randomiseTherapists({ therapists: t, arms: ["0"], blockSize: 2, seed: 1 })).toThrow(
      /two arms/,
    );
    expect(() => randomiseTherapists({ therapists: t, arms: ["0", "1"], blockSize: 2, seed: -1 })).toThrow(
      /seed/,
    );
    expect(() =>
      randomiseTherapists({ therapists: [...t, ...t], arms: ["0", "1"], blockSize: 2, seed: 1 }),
    ).toThrow(/twice/);
  });
});

describe("completionStatus", () => {
  const schedule: ScheduleLine[] = [
    { questionnaire: "alliance", rater: "patient", sessions: "all" },
    { questionnaire: "phq9", rater: "patient", sessions: [1, 3] },
    { questionnaire: "t-alliance", rater: "therapist", sessions: [2] },
  ];
  const sessions = [
    { id: "s1", number: 1, date: "2025-01-01" },
    { id: "s2", number: 2, date: "2025-01-08" },
    { id: "s3", number: 3, date: "2025-01-14" },
    { id: "s4", number: 4, date: "2025-01-20" },
    { id: "s5", number: 5, date: null },
  ];

  it("derives due, done, declined, open, late, missed and upcoming from a hand-made schedule", () => {
    const done = new Set(["s1 alliance", "s2 t-alliance"]);
    const declined = new Set(["s3 phq9"]);
    const st = completionStatus(schedule, sessions, done, declined, { now: "2025-01-19T12:00:00Z" });
    expect(st.map((s) => `${s.session}:${s.questionnaire}:${s.status}`)).toEqual([
      "1:alliance:done",
      "1:phq9:missed", // 18.5 days > 14
      "2:alliance:late", // 11.5 days
      "2:t-alliance:done",
      "3:alliance:late", // 5.5 days
      "3:phq9:declined",
      "4:alliance:upcoming", // tomorrow
      "5:alliance:upcoming", // not dated
    ]);
    expect(countCompletion(st)).toEqual({
      due: 6,
      done: 2,
      declined: 1,
      open: 0,
      late: 2,
      missed: 1,
      rate: 2 / 6,
    });
    const soon = completionStatus(schedule, sessions.slice(3, 4), new Set(), new Set(), {
      now: "2025-01-21T00:00:00Z",
    });
    expect(soon.map((s) => s.status)).toEqual(["open"]);
  });

  it("honours the thresholds and refuses a bad now", () => {
    const st = completionStatus(schedule.slice(0, 1), sessions.slice(0, 1), new Set(), new Set(), {
      now: "2025-01-04T00:00:00Z",
      lateAfterDays: 1,
      missedAfterDays: 2,
    });
    expect(st[0]?.status).toBe("missed");
    expect(countCompletion([]).rate).toBeNull();
    expect(() => completionStatus(schedule, sessions, new Set(), new Set(), { now: "soon" })).toThrow(/now/);
  });
});
