// Acknowledging alerts and the coordinator's calibration, through the API on the simulated demo network.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { listAudit, type Store } from "@attune/db";
import type { DemoNetwork } from "../demoNetwork.ts";
import type { Client } from "../testing/harness.ts";
import { openDemoStore, signInDemo } from "../testing/demoSuite.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";

interface Alert {
  kind: string;
  session: number;
  acknowledged?: { at: string; by: string };
}
interface Caseload {
  patients: { episodeId: string; alerts: Alert[] }[];
}

describeEachDialect("alert acknowledgement and calibration API", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let a: SignedInApp;
  let demo: DemoNetwork;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    // The seed study's size (40 therapists): enough sessions for the network's own calibration.
    ({ store, demo, dispose } = await openDemoStore(d));
    a = await startApp(store);
    for (const role of ["therapist", "coordinator"]) as[role] = await signInDemo(a, demo, role);
  });
  afterAll(async () => {
    await a?.close();
    await dispose?.();
  });

  const call = (role: string, method: string, path: string, body?: unknown) =>
    as[role]!.request(method, path, body);

  it("records an acknowledgement, audits it, and the alert stops heading the caseload", async () => {
    const before = (await (await call("therapist", "GET", "/api/dashboard/caseload")).json()) as Caseload;
    const row = before.patients.find((p) => p.alerts.length > 0)!;
    const alert = row.alerts[0]!;
    const res = await call("therapist", "POST", `/api/dashboard/episodes/${row.episodeId}/acknowledgements`, {
      kind: alert.kind,
      session: alert.session,
      note: "talked about it",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const ack = (await res.json()) as { created: boolean; session: number };
    expect(ack).toMatchObject({ created: true, session: alert.session });
    const again = await call(
      "therapist",
      "POST",
      `/api/dashboard/episodes/${row.episodeId}/acknowledgements`,
      {
        kind: alert.kind,
        session: alert.session,
      },
    );
    expect(((await again.json()) as { created: boolean }).created).toBe(false);
    const after = (await (await call("therapist", "GET", "/api/dashboard/caseload")).json()) as Caseload;
    const same = after.patients.find((p) => p.episodeId === row.episodeId)!;
    expect(same.alerts.some((x) => x.kind === alert.kind && x.session === alert.session)).toBe(false);
    const page = (await (
      await call("therapist", "GET", `/api/dashboard/episodes/${row.episodeId}`)
    ).json()) as {
      openAlerts: Alert[];
    };
    const shown = page.openAlerts.find((x) => x.kind === alert.kind && x.session === alert.session);
    expect(shown?.acknowledged?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const audit = await listAudit(store.db, { networkId: demo.networkId, entityId: row.episodeId });
    expect(audit.filter((e) => e.action === "acknowledge-alert")).toHaveLength(1);
  });

  it("refuses to acknowledge an alert that does not exist, naming it", async () => {
    const c = (await (await call("therapist", "GET", "/api/dashboard/caseload")).json()) as Caseload;
    const res = await call(
      "therapist",
      "POST",
      `/api/dashboard/episodes/${c.patients[0]!.episodeId}/acknowledgements`,
      {
        kind: "incongruence",
        session: 99,
      },
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("no incongruence alert at session 99");
  });

  it("shows the coordinator the calibration and what it implies; not the therapist", async () => {
    const res = await call("coordinator", "GET", "/api/dashboard/calibration");
    expect(res.status).toBe(200);
    const cal = (await res.json()) as {
      rupture: { zThreshold: number; status: string };
      notOnTrack: { status: string };
      implied: { warningsPerTherapistWeek: number };
      budget: { falseRupturesPer100Sessions: number };
    };
    expect(cal.rupture.status).toBe("network");
    expect(cal.rupture.zThreshold).toBeGreaterThan(1);
    expect(cal.budget.falseRupturesPer100Sessions).toBe(5);
    expect(cal.implied.warningsPerTherapistWeek).toBeGreaterThan(0);
    expect((await call("therapist", "GET", "/api/dashboard/calibration")).status).toBe(403);
  });
});
