import { describe, expect, it } from "vitest";
import { assembleCompletion } from "./monitor.ts";
import { randomiseTherapists, reproduceRandomisation, RANDOMISATION_ALGORITHM } from "./randomise.ts";

describe("assembleCompletion", () => {
  const schedule = [
    { questionnaire: "alliance", rater: "patient", sessions: "all" },
    { questionnaire: "rating", rater: "therapist", sessions: [2] },
  ] as const;
  const base = {
    schedule,
    episodes: [{ id: "e1" }, { id: "e2" }],
    sessions: [
      { id: "s1", episodeId: "e1", number: 1, date: "2025-01-01" },
      { id: "s2", episodeId: "e1", number: 2, date: "2025-01-08" },
    ],
    declined: [{ sessionId: "s2", questionnaire: "alliance" }],
  };

  it("marks answered and declined forms, and a carrier's answer stands for its rater's forms only", () => {
    const [e1, e2] = assembleCompletion(
      {
        ...base,
        answered: [
          { sessionId: "s1", questionnaire: "alliance" },
          { sessionId: "s2", questionnaire: "imported-therapist" },
        ],
        carriers: new Map([["imported-therapist", "therapist"]]),
      },
      { now: "2025-01-09T00:00:00Z" },
    );
    expect(e1?.lastSession).toBe(2);
    expect(e1?.forms.map((f) => `${f.session} ${f.questionnaire} ${f.status}`)).toEqual([
      "1 alliance done",
      "2 alliance declined",
      "2 rating done",
    ]);
    expect(e2).toEqual({ episode: { id: "e2" }, forms: [], lastSession: null });
  });

  it("leaves the therapist's form open when no carrier is declared", () => {
    const [e1] = assembleCompletion(
      { ...base, answered: [{ sessionId: "s2", questionnaire: "imported-therapist" }], carriers: new Map() },
      { now: "2025-01-09T00:00:00Z" },
    );
    expect(e1?.forms.find((f) => f.questionnaire === "rating")?.status).toBe("open");
  });
});

describe("reproduceRandomisation", () => {
  const input = {
    therapists: ["t1", "t2", "t3", "t4"].map((id, i) => ({ id, site: i < 2 ? "A" : "B" })),
    arms: ["0", "1"],
  };
  const made = randomiseTherapists({ ...input, blockSize: 2, seed: 42 });
  const stored = new Map(made.map((a) => [a.therapistId, a.arm]));

  it("reproduces the stored allocations from the recorded seed", () => {
    const r = reproduceRandomisation({
      algorithm: RANDOMISATION_ALGORITHM,
      input,
      blockSize: 2,
      seed: 42,
      stored,
    });
    expect(r.reproduced).toBe(true);
    expect(r.allocations).toEqual(made);
  });

  it("says so when a stored allocation, the algorithm or the count differs", () => {
    const flipped = new Map(stored);
    flipped.set("t1", stored.get("t1") === "0" ? "1" : "0");
    const args = { algorithm: RANDOMISATION_ALGORITHM, input, blockSize: 2, seed: 42 };
    expect(reproduceRandomisation({ ...args, stored: flipped }).reproduced).toBe(false);
    expect(reproduceRandomisation({ ...args, algorithm: "other/1", stored }).reproduced).toBe(false);
    const fewer = new Map([...stored].slice(1));
    expect(reproduceRandomisation({ ...args, stored: fewer }).reproduced).toBe(false);
  });
});
