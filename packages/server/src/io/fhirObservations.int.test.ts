// The FHIR export writes each form's total as an Observation beside its QuestionnaireResponse (answered
// forms and imported totals alike); attune's own import takes the Bundle back without storing them twice,
// and export → import into a fresh network → export gives the same scores.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bundle, Encounter, FhirResource, Observation, Patient, QuestionnaireResponse } from "fhir/r4";
import { describeEachDialect } from "@attune/db/testing";
import { countResponses, createNetwork, getEpisode, getSession, listResponses, scoresOf } from "@attune/db";
import { getInstrument, instrumentUrl, SCORE_CODE_SYSTEM } from "@attune/core";
import { openHarness, validSubmission, type Harness } from "../testing/harness.ts";
import { fhirSchemaErrors } from "../../../core/src/instruments/fhir/fhirSchema.testkit.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { checkResponse } from "../fhir/qr.ts";
import { OBSERVATION_CATEGORY_SYSTEM } from "../fhir/observation.ts";
import { store as storeResponse } from "../submissions.ts";
import { exportBundle, importBundle } from "./fhirBundle.ts";
import { importLongCsv } from "./longCsv.ts";

const resources = (b: Bundle): FhirResource[] => (b.entry ?? []).map((e) => e.resource!);
const observations = (b: Bundle) =>
  resources(b).filter((r): r is Observation => r.resourceType === "Observation");

/** Each Observation as a reader sees it: whose (patient code), which session, which codes, what value. */
function scoresSeen(b: Bundle): string[] {
  const byRef = new Map(resources(b).map((r) => [`${r.resourceType}/${r.id}`, r]));
  return observations(b)
    .map((o) => {
      const patient = byRef.get(o.subject!.reference!) as Patient;
      const encounter = byRef.get(o.encounter!.reference!) as Encounter;
      const number = encounter.extension?.find((x) => x.url.endsWith("/session-number"))?.valueInteger;
      const codes = o.code.coding!.map((c) => c.code).join("+");
      return `${patient.identifier![0]!.value} s${number} ${codes} = ${o.valueQuantity!.value} on ${o.effectiveDateTime ?? "-"}`;
    })
    .sort();
}

describeEachDialect("FHIR Observations of form totals", (dialect) => {
  let h: Harness;
  const instruments = builtinCatalog();
  const ctx = () => ({ store: h.store, instruments });
  beforeAll(async () => {
    h = await openHarness(dialect);
    const db = h.store.db;
    /** Stores a form answered at a fixture session, every item with the given answers in turn. */
    const answer = async (form: string, session: string, episode: string, values: (number | null)[]) => {
      const inst = getInstrument(form);
      const qr = {
        resourceType: "QuestionnaireResponse",
        questionnaire: instrumentUrl(inst),
        status: "completed",
        item: inst.items.flatMap((it, k) => {
          const v = values[k % values.length];
          return v === null || v === undefined
            ? []
            : [{ linkId: it.linkId, answer: [{ valueCoding: { code: String(v) } }] }];
        }),
      };
      await storeResponse(db, checkResponse(ctx(), qr, "test"), {
        episode: (await getEpisode(db, episode))!,
        session: (await getSession(db, session))!,
        authorKind: "user",
        authorId: null,
      });
    };
    // PHQ-9 answered at P1's dated session 1 (every item 2: total 18, item 10 unscored).
    await answer("phq-9", h.a.ids.session, h.a.ids.episode, [2]);
    // GAD-7 with its last item missing at P2's session: prorated, 1,2,1,2,1,2 → 1.5 × 7 = 10.5.
    await answer("gad-7", h.a.ids.session2, h.a.ids.episode2, [1, 2, 1, 2, 1, 2, null]);
    // The patient's link forms (alliance check-in, well-being demo): responses without a total.
    const sent = await h
      .patient(h.a.tokens.link)
      .request("POST", `/api/r/${h.a.tokens.link}/submit`, validSubmission());
    expect(sent.status).toBe(200);
    // Imported totals of P3 (no item answers): PHQ-9 12.5, GAD-7 7, CORE-10 20.
    const rep = await importLongCsv(
      ctx(),
      "therapist,patient,session,phq9,gad7,core10\nT1,P3,1,12.5,7,20\n",
      {
        networkId: h.a.networkId,
        actorId: null,
      },
    );
    expect(rep.rejected).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the export route writes one Observation per total, beside its response, every reference inside the Bundle", async () => {
    const c = await h.signIn(h.a.emails.coordinator);
    const res = await c.request("GET", "/api/export/fhir");
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle;
    const all = resources(bundle);
    const obs = observations(bundle);

    // As many Observations as stored totals of the network's current responses (5), fewer than responses.
    const responses = await listResponses(h.store.db, { networkId: h.a.networkId });
    const totals = (
      await scoresOf(
        h.store.db,
        responses.map((r) => r.id),
      )
    ).filter((s) => s.scale === "total");
    expect(totals).toHaveLength(5);
    expect(obs).toHaveLength(totals.length);
    expect(responses.length).toBeGreaterThan(obs.length);

    const byRef = new Map(all.map((r) => [`${r.resourceType}/${r.id}`, r]));
    const at = new Map(all.map((r, k) => [`${r.resourceType}/${r.id}`, k]));
    for (const o of obs) {
      // Valid against the official FHIR R4 JSON schema of Observation.
      expect(fhirSchemaErrors(o)).toEqual([]);
      expect(o.status).toBe("final");
      expect(o.category).toEqual([
        { coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: "survey", display: "Survey" }] },
      ]);
      expect(o.code.coding?.at(-1)?.system).toBe(SCORE_CODE_SYSTEM);
      expect(o.valueQuantity?.unit).toBe("{score}");
      // Subject, encounter and the response it is derived from are all in the Bundle.
      const source = o.derivedFrom?.[0]?.reference ?? "";
      const qr = byRef.get(source) as QuestionnaireResponse | undefined;
      expect(qr?.resourceType).toBe("QuestionnaireResponse");
      expect(byRef.get(o.subject?.reference ?? "")?.resourceType).toBe("Patient");
      const enc = byRef.get(o.encounter?.reference ?? "") as Encounter | undefined;
      expect(enc?.resourceType).toBe("Encounter");
      // The patient and session are the response's; the day is the session's.
      expect(qr?.subject?.reference).toBe(o.subject?.reference);
      expect(qr?.encounter?.reference).toBe(o.encounter?.reference);
      expect(o.effectiveDateTime).toBe(enc?.period?.start);
      // Beside its response: the entry right after it.
      expect(at.get(`Observation/${o.id}`)).toBe(at.get(source)! + 1);
      // The value is the stored total of that response.
      expect(o.valueQuantity?.value).toBe(
        totals.find((s) => `QuestionnaireResponse/${s.response_id}` === source)?.value,
      );
    }
    expect(scoresSeen(bundle)).toEqual([
      "P1 s1 44261-6+phq-9/total = 18 on 2025-03-01",
      "P2 s1 70274-6+gad-7/total = 10.5 on 2025-03-02",
      "P3 s1 44261-6+phq-9/total = 12.5 on -",
      "P3 s1 70274-6+gad-7/total = 7 on -",
      "P3 s1 core-10/total = 20 on -",
    ]);
  });

  it("round trip: import into a fresh network stores no Observation twice, and its export gives the same scores", async () => {
    const first = await exportBundle(h.store, { networkId: h.a.networkId, baseUrl: "http://x" });
    const fresh = await createNetwork(h.store.db, "observations-again");
    const rep = await importBundle(ctx(), first, { networkId: fresh.id, actorId: null });
    expect(rep.rejected).toEqual([]);
    expect(rep.warnings).toEqual([
      "5 Observations not stored: each is derived from a QuestionnaireResponse of this Bundle, whose scores are computed from its answers (the response is the source)",
    ]);
    expect(rep.created["responses"]).toBe(await countResponses(h.store.db, h.a.networkId));
    expect(await countResponses(h.store.db, fresh.id)).toBe(await countResponses(h.store.db, h.a.networkId));
    const second = await exportBundle(h.store, { networkId: fresh.id, baseUrl: "http://x" });
    expect(scoresSeen(second)).toEqual(scoresSeen(first));
    expect(observations(second)).toHaveLength(5);
  });

  it("an Observation whose response is not in the Bundle is refused by entry, and nothing is stored", async () => {
    const bundle = await exportBundle(h.store, { networkId: h.a.networkId, baseUrl: "http://x" });
    const phq = observations(bundle).find((o) => o.effectiveDateTime === "2025-03-01")!;
    const source = phq.derivedFrom![0]!.reference!;
    const entry = (bundle.entry ?? []).filter(
      (e) => `${e.resource?.resourceType}/${e.resource?.id}` !== source,
    );
    const without = { ...bundle, entry };
    const k = entry.findIndex((e) => e.resource === phq);
    const fresh = await createNetwork(h.store.db, "observations-orphan");
    const rep = await importBundle(ctx(), without, { networkId: fresh.id, actorId: null });
    expect(rep.ok).toBe(false);
    expect(rep.rejected).toEqual([
      {
        row: k,
        message: `entry[${k}]: an Observation is accepted only as derived from a QuestionnaireResponse of the same Bundle (derivedFrom QuestionnaireResponse/<id>); scores are stored from answers, so send the response`,
      },
    ]);
    expect(await countResponses(h.store.db, fresh.id)).toBe(0);
  });
});
