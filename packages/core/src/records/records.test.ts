import { describe, expect, it } from "vitest";
import {
  armDecision,
  attuneResponse,
  codeProblem,
  csvCell,
  isoDateProblem,
  jsonDepth,
  neutraliseCell,
  sessionNumber,
  therapistRoleProblem,
} from "./index.ts";
import { rFormula, rString } from "../recipes/rSafe.ts";

describe("record contract", () => {
  it("accepts codes of letters and digits with . _ : - inside, and refuses the rest by name", () => {
    for (const ok of ["T01", "arm:1", "ü-3", "0", "a.b_c-d"]) expect(codeProblem(ok)).toBeUndefined();
    for (const bad of [
      "=1+1",
      "+1",
      "-1",
      "@x",
      "a\nb",
      "a\rb",
      "a b",
      "a\u0000",
      "",
      "x".repeat(65),
      'a"b',
      "a,b",
    ])
      expect(codeProblem(bad, "arm")).toMatch(/^arm code/);
    expect(codeProblem("=HYPERLINK()", "arm")).toContain('"=HYPERLINK()"');
  });

  it("takes whole session numbers 1..1000 only", () => {
    expect(sessionNumber(3)).toBe(3);
    expect(sessionNumber(" 12 ")).toBe(12);
    for (const bad of [1.5, 0, 1001, "1.5", "x", "", null, "1e2", -1])
      expect(typeof sessionNumber(bad)).toBe("string");
    expect(sessionNumber(1.5)).toMatch(/1\.5 is not a whole number/);
  });

  it("takes real calendar dates only", () => {
    for (const ok of ["2025-03-01", "2024-02-29", "2025-03-01T10:00:00Z", "2025-03-01T10:00+01:00"])
      expect(isoDateProblem(ok)).toBeUndefined();
    for (const bad of ["2025-02-30", "2025-13-01", "yesterday", "2025-3-1", "2025-03-01\n", "9999-01-01"])
      expect(isoDateProblem(bad)).toBeDefined();
  });

  it("lets only therapists be episodes' therapists", () => {
    expect(therapistRoleProblem({ code: "T1", role: "therapist" })).toBeUndefined();
    expect(therapistRoleProblem({ code: "K1", role: "coder" })).toBe(
      "code K1 belongs to a coder, not a therapist",
    );
  });

  it("never adds arms or allocations to a randomised study", () => {
    const base = { arms: ["0", "1"], therapist: "T9" };
    expect(armDecision({ ...base, randomised: true, current: null, armCode: "1" }).kind).toBe("refuse");
    expect(armDecision({ ...base, randomised: true, current: null, armCode: "2" })).toMatchObject({
      kind: "refuse",
      message: expect.stringMatching(/arm 2 is not one of its arms/),
    });
    expect(armDecision({ ...base, randomised: true, current: "1", armCode: "1" }).kind).toBe("keep");
    expect(armDecision({ ...base, randomised: false, current: null, armCode: "2" })).toEqual({
      kind: "allocate",
      newArm: true,
    });
    expect(armDecision({ ...base, randomised: false, current: "0", armCode: "1" }).kind).toBe("refuse");
  });
});

describe("safe out-paths", () => {
  it("neutralises spreadsheet formulas (OWASP) but leaves plain numbers", () => {
    for (const f of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
      expect(neutraliseCell(f)).toBe(`'${f}`);
    for (const n of ["-0.5", "+3", "2e-4", "abc", ""]) expect(neutraliseCell(n)).toBe(n);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell(null)).toBe("NA");
  });

  it("writes any text as one R string literal", () => {
    const hostile = '"); system("touch /tmp/pwned"); #\n\u2028\\';
    const lit = rString(hostile);
    expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
    // No unescaped quote or raw line break inside the literal.
    expect(lit.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
    expect(lit).not.toMatch(/[\n\r\u2028]/);
  });

  it("never writes data into an R comment (every template line starting # is constant)", async () => {
    const { readFileSync } = await import("node:fs");
    const src = readFileSync(new URL("../recipes/rScript.ts", import.meta.url), "utf8");
    expect(src.split("\n").filter((l) => /`#[^`]*\$\{/.test(l))).toEqual([]);
  });

  it("writes only plain model formulas into R code", () => {
    expect(rFormula("y ~ x * condition + (1 + x | therapist) + (1 | therapist:patient)")).toContain("~");
    expect(rFormula("y ~ poly(x, 2) + factor(g) + I(x^2)")).toContain("poly");
    expect(() => rFormula('y ~ system("rm")')).toThrow();
    expect(() => rFormula("y ~ x\nsystem(1)")).toThrow();
    expect(() => rFormula("y ~ evil(x)")).toThrow(/evil/);
  });

  it("keeps only attune's fields of a QuestionnaireResponse", () => {
    const out = attuneResponse({
      resourceType: "QuestionnaireResponse",
      questionnaire: "q",
      status: "completed",
      contained: [{ resourceType: "Patient", name: [{ text: "Ann" }] }],
      text: { div: "<div>Ann</div>" },
      meta: { tag: [] },
      subject: { reference: "Patient/1", display: "Ann Example" },
      item: [
        {
          linkId: "a",
          text: "phone 0123",
          extension: [{ url: "x", valueString: "y" }],
          answer: [{ valueInteger: 1, foo: 2 }],
        },
      ],
    });
    expect(JSON.stringify(out)).not.toMatch(/Ann|0123|contained|meta|foo/);
    expect(out).toEqual({
      resourceType: "QuestionnaireResponse",
      questionnaire: "q",
      status: "completed",
      subject: { reference: "Patient/1" },
      item: [{ linkId: "a", answer: [{ valueInteger: 1 }] }],
    });
  });

  it("measures JSON depth without recursion, even 100 000 levels", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep, 64)).toBe(65);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
  });
});

describe("session modality and episode end", () => {
  it("reads the usual spellings and names a bad value with the accepted ones", async () => {
    const { modalityOf, endReasonOf, episodeEndProblem } = await import("./sessionFacts.ts");
    expect(["In person", " in-person ", "Face to face", "office"].map(modalityOf)).toEqual(
      Array(4).fill("in person"),
    );
    expect([modalityOf("Telephone"), modalityOf("VIDEO")]).toEqual(["phone", "video"]);
    expect(modalityOf("=cmd")).toBe('modality "=cmd" is not one of in person, video, phone');
    expect(modalityOf(3)).toMatch(/^modality 3 is not one of/);
    expect([endReasonOf("Drop-out"), endReasonOf("referred on"), endReasonOf("Completed")]).toEqual([
      "dropout",
      "referred",
      "completed",
    ]);
    expect(endReasonOf("moved")).toBe('end reason "moved" is not one of completed, dropout, referred, other');
    expect(
      episodeEndProblem({ endedAt: "2025-03-01", lastSessionDate: "2025-03-01T10:00:00Z" }),
    ).toBeUndefined();
    expect(episodeEndProblem({ endedAt: "2025-02-28", lastSessionDate: "2025-03-01" })).toBe(
      "end date 2025-02-28 is before the episode's last session (2025-03-01)",
    );
  });
});
