// Licensed wording stored per network. Network A imports (made-up) WAI-SR wording; A's staff and
// patient links get the full form, network B keeps the text-less shell; mismatching files are refused and
// store nothing; submissions are scored by the same core path either way. The wording below is
// placeholder text — no licensed wording may ever be committed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { describeEachDialect } from "@attune/db/testing";
import { createLink, type Db } from "@attune/db";
import { ATTUNE_CANONICAL } from "@attune/core";
import { openHarness, type Client, type Harness } from "./testing/harness.ts";

const WAI = `${ATTUNE_CANONICAL}/Questionnaire/wai-sr`;
const WAI_T = `${ATTUNE_CANONICAL}/Questionnaire/wai-sr-t`;

/** A clearly fake licensed-text file whose linkIds and answer values match the WAI-SR shell. */
function fakeWaiFile(language = "en", instrument = "wai-sr") {
  return {
    instrument,
    language,
    title: `Test WAI-SR title (${language})`,
    instructions: `Test instructions (${language})`,
    copyright: "Test notice: fake licence no. 0",
    items: Array.from({ length: 12 }, (_, i) => ({
      linkId: `${instrument}-${i + 1}`,
      text: `Test wording item ${i + 1} (${language})`,
    })),
    answerOptions: {
      frequency: [1, 2, 3, 4, 5].map((value) => ({ value, display: `Test label ${value} (${language})` })),
    },
  };
}

const attestation = { holdsLicence: true, statement: "Test network holds fake licence no. 0 (test only)" };

interface QItem {
  linkId: string;
  text?: string;
  type?: string;
  answerOption?: { valueCoding?: { display?: string } }[];
}
interface Q {
  id?: string;
  url: string;
  title?: string;
  item?: QItem[];
}
const itemText = (q: Q | undefined, linkId: string) => q?.item?.find((i) => i.linkId === linkId)?.text;
const anyText = (q: Q | undefined) => JSON.stringify(q).includes("Test wording");

async function count(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n);
}

describeEachDialect("licensed wording per network", (dialect) => {
  let h: Harness;
  let coordA: Client;
  let therapistA: Client;
  let researcherA: Client;
  let coordB: Client;
  let therapistB: Client;

  beforeAll(async () => {
    h = await openHarness(dialect);
    coordA = await h.signIn(h.a.emails.coordinator);
    therapistA = await h.signIn(h.a.emails.therapist);
    researcherA = await h.signIn(h.a.emails.researcher);
    coordB = await h.signIn(h.b.emails.coordinator);
    therapistB = await h.signIn(h.b.emails.therapist);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function linkFor(net: "a" | "b", forms = [WAI]): Promise<string> {
    const f = h[net];
    const { token } = await createLink(h.store.db, {
      networkId: f.networkId,
      episodeId: f.ids.episode,
      sessionId: f.ids.session,
      forms,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      createdBy: f.ids.coordinator,
    });
    return token;
  }

  async function linkForm(token: string): Promise<Q | undefined> {
    const res = await h.patient(token).request("GET", `/api/r/${token}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { questionnaires: Q[] }).questionnaires[0];
  }

  async function read(c: Client, id = "wai-sr"): Promise<Q> {
    const res = await c.request("GET", `/api/fhir/Questionnaire/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Q;
  }

  async function search(c: Client, url = WAI): Promise<Q[]> {
    const res = await c.request("GET", `/api/fhir/Questionnaire?url=${encodeURIComponent(url)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { entry?: { resource: Q }[] }).entry?.map((e) => e.resource) ?? [];
  }

  const post = (c: Client, body: unknown, id = "wai-sr") =>
    c.request("POST", `/api/instruments/${id}/licensed-text`, body);

  it("before any import everyone gets the text-less shell", async () => {
    expect(anyText(await read(coordA))).toBe(false);
    expect(itemText(await linkForm(await linkFor("a")), "wai-sr-1")).toBeUndefined();
  });

  it("refuses a file that does not match the shell, naming each mismatch, and stores nothing", async () => {
    const before = await count(h.store.db, "licensed_texts");
    const file = fakeWaiFile();
    file.items = [...file.items.slice(1), { linkId: "wai-sr-13", text: "Test wording item 13" }];
    file.answerOptions.frequency = file.answerOptions.frequency.slice(0, 4);
    const res = await post(coordA, { file, attestation });
    expect(res.status).toBe(400);
    const out = (await res.json()) as { resourceType: string; issue: { diagnostics: string }[] };
    expect(out.resourceType).toBe("OperationOutcome");
    const text = out.issue.map((i) => i.diagnostics).join("\n");
    expect(text).toContain('item "wai-sr-13" in the file is not an item of wai-sr');
    expect(text).toContain('item "wai-sr-1" of wai-sr has no text in the file');
    expect(text).toContain('answer scale "frequency": no label for value(s) 5');
    // a file for another instrument, posted to the WAI-SR
    const other = await post(coordA, { file: fakeWaiFile("en", "wai-sr-t"), attestation });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain(
      'the file is for instrument \\"wai-sr-t\\" but the shell is \\"wai-sr\\"',
    );
    expect(await count(h.store.db, "licensed_texts")).toBe(before);
    expect(anyText(await read(coordA))).toBe(false);
  });

  it("refuses an import without the licence attestation, or of an unknown instrument", async () => {
    const before = await count(h.store.db, "licensed_texts");
    for (const body of [
      { file: fakeWaiFile() },
      { file: fakeWaiFile(), attestation: { holdsLicence: false, statement: attestation.statement } },
      { file: fakeWaiFile(), attestation: { holdsLicence: true, statement: "yes" } },
    ]) {
      const res = await post(coordA, body);
      expect(res.status, JSON.stringify(body.attestation)).toBe(400);
      expect(await res.text()).toMatch(/attestation/);
    }
    const unknown = await post(coordA, { file: fakeWaiFile(), attestation }, "wai-xx");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('instrument \\"wai-xx\\" not found; known: phq-9');
    expect(await count(h.store.db, "licensed_texts")).toBe(before);
  });

  it("imports the wording for network A only: A's links and staff see it, B sees the shell", async () => {
    const res = await post(coordA, { file: fakeWaiFile(), attestation });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      instrument: "wai-sr",
      url: WAI,
      revision: 1,
      action: "import",
      language: "en",
      languages: ["en"],
      answerScales: ["frequency"],
    });
    expect(body["items"]).toEqual(Array.from({ length: 12 }, (_, i) => `wai-sr-${i + 1}`));
    expect(body["sha256"]).toMatch(/^[0-9a-f]{64}$/);

    // network A: patient link, therapist, coordinator, researcher; read and search
    const formA = await linkForm(await linkFor("a"));
    expect(itemText(formA, "wai-sr-1")).toBe("Test wording item 1 (en)");
    expect(formA?.item?.[0]).toMatchObject({ linkId: "wai-sr-instructions", type: "display" });
    expect(formA?.item?.find((i) => i.linkId === "wai-sr-3")?.answerOption?.[4]?.valueCoding?.display).toBe(
      "Test label 5 (en)",
    );
    for (const c of [therapistA, coordA, researcherA]) {
      const q = await read(c);
      expect(q.id).toBe("wai-sr");
      expect(itemText(q, "wai-sr-12")).toBe("Test wording item 12 (en)");
      expect(itemText((await search(c))[0], "wai-sr-12")).toBe("Test wording item 12 (en)");
    }
    const tokenA = await linkFor("a");
    const viaBearer = await h.patient(tokenA).request("GET", "/api/fhir/Questionnaire/wai-sr");
    expect(itemText((await viaBearer.json()) as Q, "wai-sr-2")).toBe("Test wording item 2 (en)");

    // network B: coordinator, therapist, patient link (link payload and FHIR read with its token)
    for (const c of [coordB, therapistB]) {
      expect(anyText(await read(c))).toBe(false);
      expect(anyText((await search(c))[0])).toBe(false);
      const all = await c.request("GET", "/api/fhir/Questionnaire?status=active");
      expect(await all.text()).not.toContain("Test wording");
    }
    const tokenB = await linkFor("b");
    const formB = await linkForm(tokenB);
    expect(formB?.url).toBe(WAI);
    expect(anyText(formB)).toBe(false);
    expect(itemText(formB, "wai-sr-1")).toBeUndefined();
    const bBearer = await h.patient(tokenB).request("GET", "/api/fhir/Questionnaire/wai-sr");
    expect(await bBearer.text()).not.toContain("Test wording");

    // other forms are untouched: the therapist WAI-SR is still a shell in A
    expect(anyText(await read(coordA, "wai-sr-t"))).toBe(false);
  });

  const makeLink = (c: Client, net: "a" | "b", forms?: string[]) =>
    c.request("POST", `/api/sessions/${h[net].ids.session}/links`, forms ? { forms } : {});
  const PHQ9 = `${ATTUNE_CANONICAL}/Questionnaire/phq-9`;

  it("makes patient links to a shell only in a network that has its wording, else 400 naming it", async () => {
    // A imported the WAI-SR above: its link is made.
    expect((await makeLink(therapistA, "a", [WAI, PHQ9])).status).toBe(201);
    // B has only the shell: refused, naming the form and what to do; no link stored.
    const before = await count(h.store.db, "patient_links");
    for (const forms of [[WAI], [PHQ9, WAI, WAI_T.replace("wai-sr-t", "srs")]]) {
      const res = await makeLink(coordB, "b", forms);
      expect(res.status).toBe(400);
      const text = ((await res.json()) as { issue: { diagnostics: string }[] }).issue
        .map((i) => i.diagnostics)
        .join("\n");
      expect(text).toContain('"Working Alliance Inventory');
      expect(text).toContain("(wai-sr)");
      expect(text).toMatch(/import the network's licensed text first/);
      if (forms.length > 1) expect(text).toContain("(srs)");
      expect(text).not.toContain("phq-9");
    }
    expect(await count(h.store.db, "patient_links")).toBe(before);
    // Forms with shipped wording are fine in B; the default (no study schedule) leaves B's shells out.
    expect((await makeLink(therapistB, "b", [PHQ9])).status).toBe(201);
    const dflt = await makeLink(therapistB, "b");
    if (dflt.status === 201) expect(((await dflt.json()) as { forms: string[] }).forms).not.toContain(WAI);
  });

  it("scores submissions against the shell by the same core path in both networks", async () => {
    const answers = (token: string) => ({
      responses: [
        {
          resourceType: "QuestionnaireResponse",
          questionnaire: WAI,
          status: "completed",
          item: Array.from({ length: 12 }, (_, i) => ({
            linkId: `wai-sr-${i + 1}`,
            answer: [{ valueInteger: i < 6 ? 4 : 3 }],
          })),
        },
      ],
      token,
    });
    const scores: Record<string, number>[] = [];
    for (const net of ["a", "b"] as const) {
      const token = await linkFor(net);
      const { responses } = answers(token);
      const res = await h.patient(token).request("POST", `/api/r/${token}/submit`, { responses });
      expect(res.status, await res.clone().text()).toBe(200);
      const id = ((await res.json()) as { ids: string[] }).ids[0]!;
      const rows = await h.store.db.selectFrom("scores").selectAll().where("response_id", "=", id).execute();
      scores.push(Object.fromEntries(rows.map((r) => [r.scale, Number(r.value)])));
    }
    // 6 × 4 + 6 × 3 = 42 of 12..60: (42 − 12) / 48 = 62.5 %
    expect(scores[0]).toMatchObject({ total: 42, percent_of_max: 62.5, alliance: 62.5 });
    expect(scores[1]).toEqual(scores[0]);
    // an answer off the shell's scale is refused whatever the wording
    const token = await linkFor("a");
    const bad = answers(token).responses;
    bad[0]!.item[0]!.answer[0]!.valueInteger = 6;
    const res = await h.patient(token).request("POST", `/api/r/${token}/submit`, { responses: bad });
    expect(res.status).toBe(400);
  });

  it("adds a second language, refuses a language twice, replaces, lists and withdraws", async () => {
    const fr = await post(coordA, { file: fakeWaiFile("fr"), attestation });
    expect(fr.status).toBe(201);
    expect(await fr.json()).toMatchObject({ revision: 2, action: "add-language", languages: ["en", "fr"] });
    const q = await read(therapistA);
    expect(itemText(q, "wai-sr-1")).toBe("Test wording item 1 (en)");
    expect(JSON.stringify(q)).toContain("Test wording item 1 (fr)");

    const again = await post(coordA, { file: fakeWaiFile("en"), attestation });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('wai-sr already has wording in \\"en\\"');

    const list = async (c: Client) =>
      (
        (await (await c.request("GET", "/api/instruments")).json()) as {
          instruments: { id: string; textAvailable: boolean; languages: string[] }[];
        }
      ).instruments;
    const a = await list(therapistA);
    expect(a.find((i) => i.id === "wai-sr")).toMatchObject({ textAvailable: true, languages: ["en", "fr"] });
    expect(a.find((i) => i.id === "wai-sr-t")).toMatchObject({ textAvailable: false, languages: [] });
    expect(a.find((i) => i.id === "phq-9")).toMatchObject({ textAvailable: true });
    const b = await list(coordB);
    expect(b.find((i) => i.id === "wai-sr")).toMatchObject({ textAvailable: false, licensedText: null });
    expect(b.map((i) => i.id)).toEqual(a.map((i) => i.id));

    const replaced = await post(coordA, { file: fakeWaiFile("de"), attestation, replace: true });
    expect(replaced.status).toBe(201);
    expect(await replaced.json()).toMatchObject({ revision: 3, action: "replace", languages: ["de"] });
    expect(itemText(await read(coordA), "wai-sr-1")).toBe("Test wording item 1 (de)");

    const gone = await coordA.request("DELETE", "/api/instruments/wai-sr/licensed-text");
    expect(gone.status).toBe(200);
    expect(await gone.json()).toEqual({ instrument: "wai-sr", revision: 4, withdrawn: true });
    expect(anyText(await read(coordA))).toBe(false);
    expect(anyText(await linkForm(await linkFor("a")))).toBe(false);
    expect((await coordA.request("DELETE", "/api/instruments/wai-sr/licensed-text")).status).toBe(404);
    // B never had one
    expect((await coordB.request("DELETE", "/api/instruments/wai-sr/licensed-text")).status).toBe(404);
    expect(await count(h.store.db, "licensed_texts")).toBe(4);
  });

  it("refuses A's WAI-SR links again once the wording is withdrawn", async () => {
    const res = await makeLink(coordA, "a", [WAI]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("(wai-sr) has no wording in this network");
  });

  it("audits every change in the importing network's log only", async () => {
    const logA = await (await coordA.request("GET", "/api/audit?entity=Questionnaire")).json();
    const actions = (logA as { entries: { action: string }[] }).entries.map((e) => e.action).sort();
    expect(actions).toEqual([
      "import-licensed-text",
      "import-licensed-text",
      "import-licensed-text",
      "withdraw-licensed-text",
    ]);
    const logB = await (await coordB.request("GET", "/api/audit?entity=Questionnaire")).json();
    expect((logB as { entries: unknown[] }).entries).toEqual([]);
  });

  it("answers non-JSON and wrongly shaped bodies with 4xx and stores nothing", async () => {
    const before = await count(h.store.db, "licensed_texts");
    const notJson = await coordA.request("POST", "/api/instruments/wai-sr/licensed-text", "{not json", {
      "content-type": "application/json",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toMatch(/malformed JSON/);
    for (const body of [[], 42, { file: "x", attestation }, { file: { items: "nope" }, attestation }, {}]) {
      const res = await post(coordA, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
    }
    const shapeless = await post(coordA, {
      file: { instrument: "wai-sr", language: "en", items: [{ linkId: 3 }] },
      attestation,
    });
    expect(shapeless.status).toBe(400);
    expect(await shapeless.text()).toContain("items[0] must be { linkId, text }");
    expect(await count(h.store.db, "licensed_texts")).toBe(before);
  });

  it("keeps the therapist form's import independent of the patient form's", async () => {
    const res = await post(coordB, { file: fakeWaiFile("en", "wai-sr-t"), attestation }, "wai-sr-t");
    expect(res.status).toBe(201);
    expect(itemText(await read(therapistB, "wai-sr-t"), "wai-sr-t-1")).toBe("Test wording item 1 (en)");
    expect(anyText(await read(therapistA, "wai-sr-t"))).toBe(false);
    expect(anyText((await search(therapistA, WAI_T))[0])).toBe(false);
  });

  it("refuses a scheduled shell without wording: the session's default link and the reminder list", async () => {
    // Network B's study schedules the WAI-SR, whose wording B never imported.
    await h.store.db
      .insertInto("schedule_items")
      .values({
        id: `wai-in-b-${dialect.name}`,
        study_id: h.b.studyId,
        questionnaire_url: WAI,
        rater: "patient",
        sessions: "all",
      })
      .execute();
    const before = await count(h.store.db, "patient_links");
    const dflt = await makeLink(coordB, "b");
    expect(dflt.status).toBe(400);
    expect(await dflt.text()).toContain("(wai-sr) has no wording in this network");
    const rem = await coordB.request("POST", `/api/studies/${h.b.studyId}/reminders`, {
      now: "2025-03-03T12:00:00Z",
    });
    expect(rem.status).toBe(400);
    expect(await rem.text()).toContain("import the network's licensed text first");
    // All or nothing: no reminder link was made for the other, shipped forms either.
    expect(await count(h.store.db, "patient_links")).toBe(before);
  });
});
