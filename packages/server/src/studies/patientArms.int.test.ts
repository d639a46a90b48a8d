// Patient-level arms on both databases: a study that randomises patients allocates each at enrolment —
// the next place of their site's permuted-block sequence, from a seed drawn at the first enrolment and
// concealed from those who enrol — reproducibly (re-derived from the seed outside the server), arms
// varying within a therapist, a re-enrolled patient keeping their arm, and therapist allocation refused.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { createPatient, createSite, listEpisodes } from "@attune/db";
import { patientArmAt } from "@attune/core";
import { openHarness, type Client, type Harness } from "../testing/harness.ts";
import { WELLBEING } from "@attune/core";
import type { RandomisationsOut, StudyOut } from "@attune/api";

describeEachDialect("patient-level arms", (dialect) => {
  let h: Harness;
  let coord: Client, ther: Client, res: Client, coder: Client;
  let study: StudyOut;
  beforeAll(async () => {
    h = await openHarness(dialect);
    coord = await h.signIn(h.a.emails.coordinator);
    ther = await h.signIn(h.a.emails.therapist);
    res = await h.signIn(h.a.emails.researcher);
    coder = await h.signIn(h.a.emails.coder);
  });
  afterAll(() => h.close());

  const body = {
    name: "case allocation",
    allocation: "patient",
    blockSize: 4,
    arms: [
      { code: "control", name: "Usual care" },
      { code: "feedback", name: "Alliance feedback" },
    ],
    schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }],
  };

  it("creates a patient-level study (coordinator only) and refuses a block size that does not fit", async () => {
    expect((await res.request("POST", "/api/studies", body)).status).toBe(403);
    expect((await coord.request("POST", "/api/studies", { ...body, blockSize: 3 })).status).toBe(400);
    const r = await coord.request("POST", "/api/studies", body);
    expect(r.status).toBe(201);
    study = (await r.json()) as StudyOut;
    expect(study.allocation).toBe("patient");
    // Nothing is drawn before the first enrolment.
    const none = (await (
      await res.request("GET", `/api/studies/${study.id}/randomisations`)
    ).json()) as RandomisationsOut;
    expect(none.patientLevel).toBeNull();
  });

  it("allocates each enrolled patient from the seeded sequence of their site, concealed and reproducible", async () => {
    const east = await createSite(h.store.db, h.a.networkId, "East");
    const episodes: { armId: string | null; patient: string }[] = [];
    for (let i = 0; i < 14; i++) {
      const p = await createPatient(h.store.db, {
        networkId: h.a.networkId,
        code: `Q${String(i).padStart(2, "0")}`,
        ...(i % 2 ? { siteId: east.id } : {}),
      });
      const e = await coord.request("POST", "/api/episodes", {
        patientId: p.id,
        therapistId: i % 3 ? h.a.ids.therapist : h.a.ids.therapist2,
        studyId: study.id,
      });
      expect(e.status).toBe(201);
      episodes.push({ ...((await e.json()) as { armId: string | null }), patient: p.code });
    }
    const armCode = new Map(study.arms.map((a) => [a.id, a.code]));
    // Arms vary within a therapist: T1's patients are in both.
    const t1 = (
      await listEpisodes(h.store.db, {
        networkId: h.a.networkId,
        therapistId: h.a.ids.therapist,
        studyId: study.id,
      })
    ).map((e) => armCode.get(e.arm_id ?? ""));
    expect(new Set(t1)).toEqual(new Set(["control", "feedback"]));

    const seen = (await (
      await coord.request("GET", `/api/studies/${study.id}/randomisations`)
    ).json()) as RandomisationsOut;
    expect(seen.patientLevel?.seed).toBeNull(); // concealed from the coordinator who enrols
    expect(seen.patientLevel?.reproduced).toBe(true);
    const r = (await (
      await res.request("GET", `/api/studies/${study.id}/randomisations`)
    ).json()) as RandomisationsOut;
    const pl = r.patientLevel!;
    expect(pl.seed).toEqual(expect.any(Number));
    expect(pl.allocations.length).toBe(14);
    // Re-derived outside the server from the seed: every patient's arm is the one at their place.
    for (const a of pl.allocations)
      expect(a.arm).toBe(
        patientArmAt({ arms: ["control", "feedback"], blockSize: 4, seed: pl.seed! }, a.site, a.place),
      );
    for (const ep of episodes)
      expect(armCode.get(ep.armId ?? "")).toBe(pl.allocations.find((a) => a.patient === ep.patient)?.arm);
    // Each site's first complete block of four is balanced.
    for (const site of new Set(pl.allocations.map((a) => a.site))) {
      const first4 = pl.allocations.filter((a) => a.site === site && a.place <= 4).map((a) => a.arm);
      expect(first4.filter((a) => a === "feedback").length).toBe(2);
    }
    for (const c of [ther, coder])
      expect((await c.request("GET", `/api/studies/${study.id}/randomisations`)).status).toBe(403);
  });

  it("keeps a re-enrolled patient's arm and refuses allocating therapists in a patient-level study", async () => {
    const before = (await (
      await res.request("GET", `/api/studies/${study.id}/randomisations`)
    ).json()) as RandomisationsOut;
    const q01 = before.patientLevel!.allocations.find((a) => a.patient === "Q01")!;
    const p = (await (await coord.request("GET", "/api/patients")).json()) as {
      patients: { id: string; code: string }[];
    };
    const again = await coord.request("POST", "/api/episodes", {
      patientId: p.patients.find((x) => x.code === "Q01")!.id,
      therapistId: h.a.ids.therapist2,
      studyId: study.id,
    });
    expect(again.status).toBe(201);
    const armId = ((await again.json()) as { armId: string }).armId;
    expect(study.arms.find((a) => a.id === armId)?.code).toBe(q01.arm);
    const after = (await (
      await res.request("GET", `/api/studies/${study.id}/randomisations`)
    ).json()) as RandomisationsOut;
    expect(after.patientLevel!.allocations.length).toBe(14);
    const alloc = await coord.request("POST", `/api/studies/${study.id}/allocations`, {
      therapistId: h.a.ids.therapist,
      armCode: "control",
    });
    expect(alloc.status).toBe(409);
    expect(
      (await coord.request("POST", `/api/studies/${study.id}/randomisation`, { blockSize: 2 })).status,
    ).toBe(409);
  });

  it("refuses an import that gives arms in a patient-level study, storing nothing", async () => {
    const csv = "therapist,patient,session,condition,wellbeing\nT1,Z1,1,control,3\n";
    const r = await coord.request(
      "POST",
      `/api/import/long-csv?study=${encodeURIComponent(study.name)}`,
      csv,
      {
        "content-type": "text/csv",
      },
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/randomises patients at enrolment/);
    const p = (await (await coord.request("GET", "/api/patients")).json()) as {
      patients: { code: string }[];
    };
    expect(p.patients.some((x) => x.code === "Z1")).toBe(false);
  });
});
