// Bad input, property-based: whatever arrives, the answer is a 4xx naming the problem — never a
// 5xx — and nothing stored changes.
import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "kysely";
import { describeEachDialect } from "@attune/db/testing";
import { createLink, type Db } from "@attune/db";
import { openHarness, validSubmission, type Client, type Harness } from "./testing/harness.ts";
import { ALLIANCE_PATIENT, WELLBEING } from "@attune/core";

const TABLES = [
  "networks",
  "sites",
  "users",
  "studies",
  "arms",
  "allocations",
  "patients",
  "patient_contacts",
  "episodes",
  "therapy_sessions",
  "responses",
  "scores",
  "patient_links",
  "licensed_texts",
] as const;

/** Row counts of every data table plus the number of used links (the audit log may grow). */
async function fingerprint(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    parts.push(`${t}=${Number(r.rows[0]?.n)}`);
  }
  const used = await sql<{
    n: number | string;
  }>`select count(*) as n from patient_links where submitted_at is not null`.execute(db);
  parts.push(`used=${Number(used.rows[0]?.n)}`);
  return parts.join(" ");
}

describeEachDialect("bad input", (dialect) => {
  let h: Harness;
  let coordinator: Client;
  let therapist: Client;
  let token: string;
  const runs = Number(process.env["ATTUNE_FC_RUNS"] ?? (dialect.name === "sqlite" ? 60 : 25));

  beforeAll(async () => {
    h = await openHarness(dialect, { maxBodyBytes: 64 * 1024, maxImportBytes: 256 * 1024 });
    coordinator = await h.signIn(h.a.emails.coordinator);
    therapist = await h.signIn(h.a.emails.therapist);
    token = (
      await createLink(h.store.db, {
        networkId: h.a.networkId,
        episodeId: h.a.ids.episode,
        sessionId: h.a.ids.session,
        forms: [ALLIANCE_PATIENT, WELLBEING],
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        createdBy: h.a.ids.coordinator,
      })
    ).token;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends, and checks: 4xx, an OperationOutcome whose message matches, nothing changed. */
  async function refused(
    c: Client,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    pattern: RegExp,
  ) {
    const before = await fingerprint(h.store.db);
    const res = await c.request(method, path, body, headers);
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
    const outcome = JSON.parse(text) as { resourceType: string; issue: { diagnostics: string }[] };
    expect(outcome.resourceType).toBe("OperationOutcome");
    expect(outcome.issue.map((i) => i.diagnostics).join(" | ")).toMatch(pattern);
    expect(await fingerprint(h.store.db)).toBe(before);
  }

  const jsonRoutes = (): [Client, string][] => [
    [h.patient(token), `/api/r/${token}/submit`],
    [therapist, "/api/fhir/QuestionnaireResponse"],
    [coordinator, "/api/patients"],
    [coordinator, "/api/studies"],
    [coordinator, "/api/import/fhir"],
    [coordinator, "/api/import/redcap"],
    [coordinator, "/api/instruments/wai-sr/licensed-text"],
  ];

  it("answers malformed JSON with 400 naming it", async () => {
    const notJson = fc.string({ maxLength: 200 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(notJson, fc.integer({ min: 0, max: 6 }), async (s, i) => {
        const [c, path] = jsonRoutes()[i]!;
        await refused(c, "POST", path, s, { "content-type": "application/json" }, /JSON|empty/);
      }),
      { numRuns: runs },
    );
  });

  it("answers any JSON of the wrong shape with a 4xx naming the field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 6 }), async (v, i) => {
        const [c, path] = jsonRoutes()[i]!;
        await refused(
          c,
          "POST",
          path,
          JSON.stringify(v),
          { "content-type": "application/json" },
          /body|Bundle|entry|not valid|expected/i,
        );
      }),
      { numRuns: runs },
    );
  });

  it("refuses out-of-range answers, naming item and range", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("goal", "task", "bond1", "bond2"),
        fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 6, max: 100000 })),
        async (item, value) => {
          const sub = validSubmission() as {
            responses: { item: { linkId: string; answer: { valueInteger: number }[] }[] }[];
          };
          sub.responses[0]!.item.find((x) => x.linkId === item)!.answer[0]!.valueInteger = value;
          await refused(
            h.patient(token),
            "POST",
            `/api/r/${token}/submit`,
            sub,
            {},
            new RegExp(`${value}.*"${item}".*outside 1\\.\\.5`),
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("refuses answers of the wrong type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ valueString: fc.string() }),
          fc.record({ valueDecimal: fc.double({ noInteger: true, noNaN: true }) }),
          fc.record({ valueBoolean: fc.boolean() }),
          fc.record({
            valueInteger: fc.oneof(fc.string(), fc.constant(null), fc.double({ noInteger: true })),
          }),
        ),
        async (answer) => {
          const sub = validSubmission() as { responses: { item: { answer: unknown[] }[] }[] };
          sub.responses[0]!.item[1]!.answer = [answer];
          await refused(
            h.patient(token),
            "POST",
            `/api/r/${token}/submit`,
            sub,
            {},
            /responses\[0\]\.item|valueInteger|expected/,
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("refuses unknown questionnaire items and unknown questionnaires", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((s) => !["goal", "task", "bond1", "bond2"].includes(s)),
        async (linkId) => {
          const sub = validSubmission() as {
            responses: { questionnaire: string; item: { linkId: string }[] }[];
          };
          sub.responses[0]!.item[0]!.linkId = linkId;
          await refused(h.patient(token), "POST", `/api/r/${token}/submit`, sub, {}, /unknown item/);
        },
      ),
      { numRuns: runs },
    );
    const sub = validSubmission() as { responses: { questionnaire: string }[] };
    sub.responses[0]!.questionnaire = "https://example.org/Questionnaire/nope";
    await refused(h.patient(token), "POST", `/api/r/${token}/submit`, sub, {}, /unknown questionnaire/);
  });

  it("refuses oversized bodies with 413", async () => {
    const big = JSON.stringify({
      responses: [{ resourceType: "QuestionnaireResponse", pad: "x".repeat(70 * 1024) }],
    });
    await refused(
      h.patient(token),
      "POST",
      `/api/r/${token}/submit`,
      big,
      { "content-type": "application/json" },
      /larger than/,
    );
    const csv = "therapist,patient,session\n" + "T1,P1,1\n".repeat(40_000);
    await refused(
      coordinator,
      "POST",
      "/api/import/long-csv",
      csv,
      { "content-type": "text/csv" },
      /larger than/,
    );
  });

  it("refuses bodies that are not UTF-8, naming the byte", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(0xff, 0xc0, 0x80, 0xe9, 0xfe),
        async (pos, bad) => {
          const text = new TextEncoder().encode(JSON.stringify(validSubmission()));
          const bytes = new Uint8Array([...text.slice(0, pos), bad, ...text.slice(pos)]);
          await refused(
            h.patient(token),
            "POST",
            `/api/r/${token}/submit`,
            bytes,
            { "content-type": "application/json" },
            /not valid UTF-8 \(at byte \d+\)/,
          );
        },
      ),
      { numRuns: Math.ceil(runs / 2) },
    );
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("therapist,patient,session\nT1,Ren"),
      0xe9,
      ...new TextEncoder().encode(",1\n"),
    ]);
    await refused(
      coordinator,
      "POST",
      "/api/import/long-csv",
      latin1,
      { "content-type": "text/csv" },
      /UTF-8/,
    );
  });

  it("names a malformed declared scale and a value outside it", async () => {
    const csv = "therapist,patient,session,alliance_patient\nTS1,PS1,1,8\n";
    for (const [q, re] of [
      ["alliance_scale=7-1", /alliance_scale: scale "7-1" has max 1 not above min 7/],
      ["wellbeing_scale=high", /wellbeing_scale: scale "high" is not of the form min-max/],
      ["alliance_scale=1-7", /row 2, column alliance_patient: 8 is outside the declared scale 1–7/],
    ] as const)
      await refused(
        coordinator,
        "POST",
        `/api/import/long-csv?${q}`,
        csv,
        { "content-type": "text/csv" },
        re,
      );
    // REDCap takes the same "min-max" text, named by its field.
    await refused(
      coordinator,
      "POST",
      "/api/import/redcap",
      {
        records: "record_id\n1",
        dictionary: "Variable / Field Name\nrecord_id",
        mapping: { therapist: "t", patient: "record_id", session: "s" },
        scales: { wellbeing: "27-0" },
      },
      { "content-type": "application/json" },
      /scales\.wellbeing: scale "27-0" has max 0 not above min 27/,
    );
  });

  it("rejects broken CSV rows row by row and stores nothing of the file", async () => {
    const header = "therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing";
    const good = (i: number) => `TB${i},PB${i},${(i % 5) + 1},${i % 2},4.1,3.9,2.5`;
    const breakers = [
      (r: string) => r.replace(/,\d+,\d,/, ",zero,0,"), // session not a number
      (r: string) => r.replace(/4\.1/, "high"), // alliance not a number
      (r: string) => r.split(",").slice(0, 4).join(","), // too few fields
      (r: string) => `${r},extra`, // too many fields
      (r: string) => r.replace(/^TB\d+/, ""), // empty therapist
      (r: string) => r.replace(/,\d+,(\d),/, ",0,$1,"), // session 0
      (r: string) => r.replace(/^TB/, 'T"B'), // stray quote
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: breakers.length - 1 }),
        async (n, at, kind) => {
          const rows = Array.from({ length: n }, (_, i) => good(i));
          const bad = at % n;
          rows[bad] = breakers[kind]!(rows[bad]!);
          const csv = [header, ...rows].join("\n") + "\n";
          await refused(
            coordinator,
            "POST",
            "/api/import/long-csv",
            csv,
            { "content-type": "text/csv" },
            /row \d+/,
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("refuses wrong query and path values with 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (s) => {
        const enc = encodeURIComponent(s);
        for (const path of [
          `/api/patients/${enc}`,
          `/api/fhir/QuestionnaireResponse?_count=${enc}x`,
          `/api/r/${enc}`,
          `/api/audit?limit=${enc}x`,
        ]) {
          const res = await coordinator.request("GET", path);
          expect(res.status, `${path}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });
});
