// Therapist-level data end to end on both databases: a coordinator declares attributes and a once-only
// questionnaire; a therapist enters their own values and answers (never another's); researchers and
// coders cannot; a long CSV carries attribute columns (checked, one value per therapist, never
// overwriting); the export and the analysis table carry them as therapist-level columns; and a growth
// run takes one as a moderator (time × years_practice_tm).
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { getInstrument, instrumentUrl, prnToCsv, simulatePrn } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { ALLIANCE_THERAPIST } from "@attune/core";

const qr = (goal: number) => ({
  resourceType: "QuestionnaireResponse",
  questionnaire: ALLIANCE_THERAPIST,
  status: "completed",
  item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({ linkId, answer: [{ valueInteger: goal }] })),
});

/** The error's diagnostics, joined (the JSON text escapes quotes). */
async function said(r: Response): Promise<string> {
  const o = (await r.json()) as { issue: { diagnostics?: string }[] };
  return o.issue.map((i) => i.diagnostics ?? "").join("\n");
}

describeEachDialect("therapist attributes and questionnaires", (dialect) => {
  let h: Harness;
  let coord: Client, ther: Client, res: Client, coder: Client;
  beforeAll(async () => {
    h = await openHarness(dialect);
    coord = await h.signIn(h.a.emails.coordinator);
    ther = await h.signIn(h.a.emails.therapist);
    res = await h.signIn(h.a.emails.researcher);
    coder = await h.signIn(h.a.emails.coder);
  });
  afterAll(() => h.close());

  const years = { code: "years_practice", label: "Years of practice", kind: "numeric" };
  const orientation = {
    code: "orientation",
    label: "Orientation",
    kind: "categorical",
    levels: ["CBT", "psychodynamic", "humanistic"],
  };

  it("lets only a coordinator declare attributes and once-only questionnaires, checking each", async () => {
    for (const c of [ther, res, coder])
      expect((await c.request("POST", "/api/therapist-attributes", years)).status).toBe(403);
    expect((await coord.request("POST", "/api/therapist-attributes", years)).status).toBe(201);
    expect((await coord.request("POST", "/api/therapist-attributes", orientation)).status).toBe(201);
    const dup = await coord.request("POST", "/api/therapist-attributes", years);
    expect(dup.status).toBe(409);
    const reserved = await coord.request("POST", "/api/therapist-attributes", { ...years, code: "session" });
    expect(reserved.status).toBe(400);
    expect(await said(reserved)).toMatch(/"session" is a column the analysis table already has/);
    const one = await coord.request("POST", "/api/therapist-attributes", {
      ...orientation,
      code: "school",
      levels: ["CBT"],
    });
    expect(one.status).toBe(400);
    expect(
      (await coord.request("POST", "/api/therapist-questionnaires", { questionnaire: ALLIANCE_THERAPIST }))
        .status,
    ).toBe(201);
    expect(
      (await ther.request("POST", "/api/therapist-questionnaires", { questionnaire: ALLIANCE_THERAPIST }))
        .status,
    ).toBe(403);
    // The per-session in-session experiences form and a patient's form are refused, naming them.
    const perSession = await coord.request("POST", "/api/therapist-questionnaires", {
      questionnaire: instrumentUrl(getInstrument("therapist-experiences")),
    });
    expect(perSession.status).toBe(400);
    expect(await said(perSession)).toMatch(
      /Therapist experiences \(therapist-experiences\) is answered after each session, about that session: it cannot be a once-only therapist questionnaire/,
    );
    const patients = await coord.request("POST", "/api/therapist-questionnaires", {
      questionnaire: instrumentUrl(getInstrument("phq-9")),
    });
    expect(patients.status).toBe(400);
    expect(await said(patients)).toMatch(/is rated by the patient, not by the therapist/);
    const offered = (await (await coord.request("GET", "/api/instruments")).json()) as {
      instruments: { id: string; perSession: boolean }[];
    };
    expect(offered.instruments.find((i) => i.id === "therapist-experiences")?.perSession).toBe(true);
    expect(offered.instruments.find((i) => i.id === "alliance-checkin-therapist")?.perSession).toBe(false);
    const list = (await (await res.request("GET", "/api/therapist-attributes")).json()) as {
      attributes: { code: string }[];
      questionnaires: { url: string }[];
    };
    expect(list.attributes.map((a) => a.code)).toEqual(["years_practice", "orientation"]);
    expect(list.questionnaires.map((q) => q.url)).toEqual([ALLIANCE_THERAPIST]);
    // Another network sees none of it.
    const other = await h.signIn(h.b.emails.coordinator);
    const theirs = (await (await other.request("GET", "/api/therapist-attributes")).json()) as {
      attributes: unknown[];
    };
    expect(theirs.attributes).toEqual([]);
  });

  it("lets a therapist set their own values and a coordinator anyone's; never another therapist's", async () => {
    const mine = await ther.request("PUT", `/api/therapists/${h.a.ids.therapist}/attributes`, {
      values: { years_practice: 12, orientation: "CBT" },
    });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { values: unknown }).values).toEqual({
      years_practice: 12,
      orientation: "CBT",
    });
    expect(
      (
        await ther.request("PUT", `/api/therapists/${h.a.ids.therapist2}/attributes`, {
          values: { years_practice: 1 },
        })
      ).status,
    ).toBe(404);
    for (const c of [res, coder])
      expect(
        (
          await c.request("PUT", `/api/therapists/${h.a.ids.therapist}/attributes`, {
            values: { years_practice: 1 },
          })
        ).status,
      ).toBe(403);
    const otherNet = await h.signIn(h.b.emails.coordinator);
    expect(
      (
        await otherNet.request("PUT", `/api/therapists/${h.a.ids.therapist}/attributes`, {
          values: { years_practice: 1 },
        })
      ).status,
    ).toBe(404);
    const bad = await coord.request("PUT", `/api/therapists/${h.a.ids.therapist2}/attributes`, {
      values: { years_practice: "a dozen", orientation: "Jungian", shoe_size: 9 },
    });
    expect(bad.status).toBe(400);
    const text = await said(bad);
    expect(text).toMatch(/years_practice "a dozen" is not a number/);
    expect(text).toMatch(
      /orientation "Jungian" is not one of its categories: CBT, psychodynamic, humanistic/,
    );
    expect(text).toMatch(/no therapist attribute "shoe_size"/);
    expect(
      (
        await coord.request("PUT", `/api/therapists/${h.a.ids.therapist2}/attributes`, {
          values: { years_practice: 3 },
        })
      ).status,
    ).toBe(200);
    const all = (await (await coord.request("GET", "/api/therapist-profiles")).json()) as {
      therapists: { therapist: string; values: Record<string, unknown> }[];
    };
    expect(all.therapists.map((t) => [t.therapist, t.values.years_practice])).toEqual([
      ["T1", 12],
      ["T2", 3],
    ]);
    const own = (await (await ther.request("GET", "/api/therapist-profiles")).json()) as {
      therapists: { therapist: string }[];
    };
    expect(own.therapists.map((t) => t.therapist)).toEqual(["T1"]);
    for (const c of [res, coder])
      expect((await c.request("GET", "/api/therapist-profiles")).status).toBe(403);
  });

  it("takes a once-only questionnaire answer through the one response check, once", async () => {
    const wrong = await ther.request("POST", `/api/therapists/${h.a.ids.therapist}/questionnaire-responses`, {
      ...qr(4),
      item: [{ linkId: "nonsense", answer: [{ valueInteger: 4 }] }],
    });
    expect(wrong.status).toBe(400);
    expect(await said(wrong)).toMatch(/unknown item "nonsense"/);
    const first = await ther.request(
      "POST",
      `/api/therapists/${h.a.ids.therapist}/questionnaire-responses`,
      qr(4),
    );
    expect(first.status).toBe(201);
    const p = (await first.json()) as { answered: { scores: Record<string, number> }[] };
    expect(Object.keys(p.answered[0]!.scores).length).toBeGreaterThan(0);
    expect(
      (await ther.request("POST", `/api/therapists/${h.a.ids.therapist}/questionnaire-responses`, qr(2)))
        .status,
    ).toBe(409);
    expect(
      (await ther.request("POST", `/api/therapists/${h.a.ids.therapist2}/questionnaire-responses`, qr(2)))
        .status,
    ).toBe(404);
    expect(
      (await coder.request("POST", `/api/therapists/${h.a.ids.therapist2}/questionnaire-responses`, qr(2)))
        .status,
    ).toBe(403);
  });

  it("imports attribute columns from a long CSV, refusing a second value for a therapist and any overwrite", async () => {
    const sim = simulatePrn({
      therapists: 16,
      patients: 48,
      sessions: 6,
      seed: 3,
      therapistAttribute: { name: "years_practice", growth: 0.02 },
    });
    const csv = prnToCsv(sim.rows).replace(/\r/g, "");
    // One row gives its therapist a second value: the whole import is refused, naming the line.
    const lines = csv.trimEnd().split("\n");
    const cols = lines[0]!.split(",");
    const yi = cols.indexOf("years_practice");
    const changed = lines.map((l, i) => {
      if (i !== 3) return l;
      const cells = l.split(",");
      cells[yi] = "99";
      return cells.join(",");
    });
    const twice = await coord.request("POST", "/api/import/long-csv?study=attrs", changed.join("\n") + "\n", {
      "content-type": "text/csv",
    });
    expect(twice.status).toBe(400);
    expect(await said(twice)).toMatch(
      /has years_practice .* on line 2 and 99 here; a therapist attribute has one value per therapist/,
    );
    const ok = await coord.request("POST", "/api/import/long-csv?study=attrs", csv, {
      "content-type": "text/csv",
    });
    expect(ok.status).toBe(200);
    const first = sim.rows[0]!;
    const profiles = (await (await coord.request("GET", "/api/therapist-profiles")).json()) as {
      therapists: { therapist: string; values: Record<string, unknown> }[];
    };
    const stored = profiles.therapists.find((t) => t.therapist === first.therapist);
    expect(stored?.values.years_practice).toBeCloseTo(first.extra?.years_practice as number, 9);
    // Overwriting a stored value is refused, and nothing of that import is stored.
    const other = csv.replace(/^(T\S*?),P\S*?,.*$/m, (l) => l).split("\n");
    const edited = other.map((l, i) => {
      if (i === 0 || l === "") return l;
      const cells = l.split(",");
      cells[yi] = String(Number(cells[yi]) + 1);
      cells[1] = `N${cells[1]}`;
      return cells.join(",");
    });
    const over = await coord.request("POST", "/api/import/long-csv?study=attrs2", edited.join("\n"), {
      "content-type": "text/csv",
    });
    expect(over.status).toBe(400);
    expect(await said(over)).toMatch(/already has years_practice .*; an import does not overwrite it/);
    const exported = await (await res.request("GET", "/api/export/long.csv")).text();
    const header = exported.split("\n")[0]!;
    expect(header).toMatch(/,years_practice,orientation,alliance_therapist_/);
    expect(exported).not.toMatch(/,NP/); // the refused import stored no patient
  });

  it("runs growth with a therapist attribute as moderator (time × years_practice_tm)", async () => {
    const studies = (await (await res.request("GET", "/api/studies")).json()) as {
      studies: { id: string; name: string }[];
    };
    const study = studies.studies.find((s) => s.name === "attrs")!;
    const run = await res.request("POST", "/api/runs", {
      recipe: "growth",
      study: study.id,
      moderators: ["years_practice"],
    });
    expect(run.status).toBe(201);
    const body = (await run.json()) as {
      results: { models: Record<string, { formula: string; fixef: { term: string; estimate: number }[] }> };
    };
    const m = body.results.models.growth_patient!;
    expect(m.formula).toMatch(/time:years_practice_tm/);
    const slope = m.fixef.find((f) => f.term === "time:years_practice_tm");
    expect(slope?.estimate).toBeGreaterThan(0);
    const data = await (
      await res.request("GET", `/api/runs/${(body as unknown as { id: string }).id}/data.csv`)
    ).text();
    expect(data.split("\n")[0]).toMatch(/,years_practice,/);
    // A moderator the network does not have is refused, naming it.
    const none = await res.request("POST", "/api/runs", {
      recipe: "growth",
      study: study.id,
      moderators: ["shoe_size"],
    });
    expect(none.status).toBe(400);
    expect(await said(none)).toMatch(/shoe_size/);
  });
});
