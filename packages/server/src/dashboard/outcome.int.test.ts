// The dashboard's not on track follows the outcome the network's study schedules, in that outcome's own
// direction: the demo network's well-being mirrored onto PHQ-9 (lower is better) gives the same alerts,
// the same fitted model, and a band mirrored with it; the well-being form, still scheduled, drives its own
// not on track beside PHQ-9's (every outcome form a network follows does, each in its direction).
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import type { Store } from "@attune/db";
import type { DemoNetwork } from "../demoNetwork.ts";
import type { Client } from "../testing/harness.ts";
import { openDemoStore, signInDemo } from "../testing/demoSuite.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";
import { scheduleMirroredPhq9 } from "../testing/secondOutcome.ts";

interface Page {
  series: { session: number; outcome: number | null }[];
  alerts: { kind: string; session: number; why: Record<string, unknown> }[];
  band: { session: number; mean: number; lower: number; upper: number }[];
  outcome: { id: string; higherIsBetter: boolean };
}
interface Calibration {
  notOnTrack: { status: string; model: { beta: number[] }; z: number };
  implied: {
    notOnTrackPer100Sessions: number;
    notOnTrackByForm: { form: string; per100Sessions: number }[];
    warningsPerTherapistWeek: number;
  };
}

describeEachDialect("the dashboard's outcome and its direction", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let demo: DemoNetwork;
  const apps: SignedInApp[] = [];

  beforeAll(async () => {
    ({ store, demo, dispose } = await openDemoStore(d));
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await dispose?.();
  });

  /** A fresh app (fresh calibration cache) signed in as the demo's therapist and coordinator. */
  async function session() {
    const a = await startApp(store);
    apps.push(a);
    const as: Record<string, Client> = {};
    for (const role of ["therapist", "coordinator"]) as[role] = await signInDemo(a, demo, role);
    const get = async <T>(role: string, path: string): Promise<T> => {
      const res = await as[role]!.request("GET", path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const post = async (role: string, path: string, body: unknown) => as[role]!.request("POST", path, body);
    return Object.assign(get, { post });
  }

  async function snapshot(get: Awaited<ReturnType<typeof session>>) {
    const caseload = await get<{
      outcome: { id: string; higherIsBetter: boolean };
      patients: { episodeId: string }[];
    }>("therapist", "/api/dashboard/caseload");
    const pages = new Map<string, Page>();
    for (const p of caseload.patients)
      pages.set(p.episodeId, await get<Page>("therapist", `/api/dashboard/episodes/${p.episodeId}`));
    return {
      cal: await get<Calibration>("coordinator", "/api/dashboard/calibration"),
      pages,
      caseloadOutcome: caseload.outcome,
    };
  }

  it("a PHQ-9 network (lower is better) gets the well-being network's alerts, model and band, mirrored", async () => {
    const before = await snapshot(await session());
    expect(before.cal.notOnTrack.status).toBe("network");
    // The caseload names the outcome its last-score column shows.
    expect(before.caseloadOutcome).toEqual({ id: "wellbeing", higherIsBetter: true });
    for (const p of before.pages.values())
      expect(p.outcome).toEqual({ id: "wellbeing", higherIsBetter: true });
    // The drawn band's lower edge is the line the alert used (the rule's band, centred on the network's
    // median course): at every not-on-track alert, the band point of that session has the alert's bound.
    let checked = 0;
    for (const p of before.pages.values())
      for (const a of p.alerts.filter((x) => x.kind === "not-on-track")) {
        const b = p.band.find((x) => x.session === a.session)!;
        expect(b.lower).toBeCloseTo(a.why.lowerBound as number, 0);
        expect(b.mean).toBeCloseTo(a.why.expected as number, 0);
        checked++;
      }
    expect(checked).toBeGreaterThan(0);

    // The same patients answer PHQ-9 instead: every well-being score w (0–100, higher = better) becomes a
    // PHQ-9 score 100 − w (0–100, higher = worse); the study now schedules PHQ-9 first.
    expect(await scheduleMirroredPhq9(store, demo.networkId)).toBeGreaterThan(300);

    const after = await snapshot(await session());
    expect(after.cal.notOnTrack.status).toBe("network");
    expect(after.caseloadOutcome).toEqual({ id: "phq-9", higherIsBetter: false });
    // Same fitted model on the better-is-higher metric, same band width, same alert rate.
    after.cal.notOnTrack.model.beta.forEach((b, i) =>
      expect(b).toBeCloseTo(before.cal.notOnTrack.model.beta[i]!, 2),
    );
    expect(after.cal.notOnTrack.z).toBeCloseTo(before.cal.notOnTrack.z, 2);
    const perForm = (c: Calibration, form: string) =>
      c.implied.notOnTrackByForm.find((x) => x.form === form)?.per100Sessions;
    expect(perForm(after.cal, "phq-9")).toBe(before.cal.implied.notOnTrackPer100Sessions);
    // The coordinator's implied rates count every form's alerts: PHQ-9's and the well-being form's.
    expect(perForm(after.cal, "wellbeing")).toBe(before.cal.implied.notOnTrackPer100Sessions);
    expect(after.cal.implied.notOnTrackPer100Sessions).toBeCloseTo(
      2 * before.cal.implied.notOnTrackPer100Sessions,
      2,
    );
    expect(after.cal.implied.warningsPerTherapistWeek).toBeGreaterThan(
      before.cal.implied.warningsPerTherapistWeek,
    );

    let notOnTrack = 0;
    for (const [id, was] of before.pages) {
      const now = after.pages.get(id)!;
      expect(now.outcome).toEqual({ id: "phq-9", higherIsBetter: false });
      now.series.forEach((s, i) => {
        const w = was.series[i]!.outcome;
        if (w === null) expect(s.outcome).toBeNull();
        else expect(s.outcome).toBeCloseTo(100 - w, 1);
      });
      const kinds = (p: Page, form: string) =>
        p.alerts.filter((a) => a.kind === "not-on-track" && a.why.form === form).map((a) => a.session);
      const wellbeingForm = was.alerts.find((a) => a.kind === "not-on-track")?.why.form ?? "wellbeing";
      expect(kinds(now, "phq-9")).toEqual(kinds(was, wellbeingForm as string));
      // The well-being form is still scheduled (after PHQ-9): its own rule, fitted on its own scores,
      // raises the same alerts it raised when it was the only outcome.
      expect(kinds(now, wellbeingForm as string)).toEqual(kinds(was, wellbeingForm as string));
      notOnTrack += kinds(now, "phq-9").length;
      // The band in PHQ-9's direction: its upper edge is the not-on-track line.
      now.band.forEach((b, i) => {
        const w = was.band[i]!;
        expect(b.mean).toBeCloseTo(100 - w.mean, 0);
        expect(b.upper).toBeCloseTo(100 - w.lower, 0);
        expect(b.lower).toBeCloseTo(100 - w.upper, 0);
      });
    }
    // The comparison has teeth: the caseload has not-on-track alerts, and read the wrong way round
    // (higher = better) the rising PHQ-9 of a deteriorating patient would look like recovery.
    expect(notOnTrack).toBeGreaterThan(0);
  });

  it("one acknowledgement per form: acknowledging PHQ-9's not on track leaves the well-being form's open", async () => {
    // Runs on the network the test above left: PHQ-9 first, the well-being form still scheduled, so each
    // not-on-track alert has a twin from the other form at the same session.
    const get = await session();
    interface Row {
      episodeId: string;
      alerts: { kind: string; session: number; why: Record<string, unknown> }[];
    }
    const caseload = await get<{ patients: Row[] }>("therapist", "/api/dashboard/caseload");
    const open = (r: Row | undefined, form: string) =>
      (r?.alerts ?? []).filter((a) => a.kind === "not-on-track" && a.why.form === form).map((a) => a.session);
    const row = caseload.patients.find((p) => open(p, "phq-9").some((s) => open(p, "wellbeing").includes(s)));
    expect(row, "a patient with both forms' not on track open at one session").toBeDefined();
    const at = open(row, "phq-9").find((s) => open(row, "wellbeing").includes(s))!;
    const path = `/api/dashboard/episodes/${row!.episodeId}/acknowledgements`;

    const res = await get.post("therapist", path, { kind: "not-on-track", session: at, form: "phq-9" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: "not-on-track",
      session: at,
      form: "phq-9",
      created: true,
    });
    // Without a form the acknowledgement is the first outcome's (PHQ-9 here): the same one, not a new one.
    const again = await get.post("therapist", path, { kind: "not-on-track", session: at });
    expect(await again.json()).toMatchObject({ form: "phq-9", created: false });
    // A form without such an alert is refused, naming the form.
    const none = await get.post("therapist", path, { kind: "not-on-track", session: at, form: "gad-7" });
    expect(none.status).toBe(409);
    expect(JSON.stringify(await none.json())).toContain("gad-7");

    const after = await get<{ patients: Row[] }>("therapist", "/api/dashboard/caseload");
    const same = after.patients.find((p) => p.episodeId === row!.episodeId);
    expect(open(same, "phq-9")).not.toContain(at);
    expect(open(same, "wellbeing")).toContain(at);
    const page = await get<{
      alerts: { kind: string; session: number; why: Record<string, unknown>; acknowledged?: unknown }[];
    }>("therapist", `/api/dashboard/episodes/${row!.episodeId}`);
    const twins = page.alerts.filter((a) => a.kind === "not-on-track" && a.session === at);
    expect(twins.find((a) => a.why.form === "phq-9")?.acknowledged).toBeDefined();
    expect(twins.find((a) => a.why.form === "wellbeing")?.acknowledged).toBeUndefined();

    // Then the well-being form's: its own acknowledgement, audited with its form.
    const wb = await get.post("therapist", path, { kind: "not-on-track", session: at, form: "wellbeing" });
    expect(await wb.json()).toMatchObject({ form: "wellbeing", created: true });
    const last = await get<{ patients: Row[] }>("therapist", "/api/dashboard/caseload");
    expect(
      open(
        last.patients.find((p) => p.episodeId === row!.episodeId),
        "wellbeing",
      ),
    ).not.toContain(at);
    const audited = await store.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "acknowledge-alert")
      .where("entity_id", "=", row!.episodeId)
      .execute();
    expect(audited.map((x) => JSON.parse(String(x.detail)).form).sort()).toEqual(["phq-9", "wellbeing"]);
  });
});
