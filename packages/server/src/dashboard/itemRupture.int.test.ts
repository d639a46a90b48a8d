// The item-level rupture rule in the server, on each dialect: the network's setting (validated, audited),
// the fit on the analysis worker (stored; a restart keeps it; a network without item answers says why),
// the dashboard's rupture alerts from the stored fit, and the same alerts from `attune feedback
// --rupture-statistic items` (the built command) replaying the network's long CSV export.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import {
  createNetwork,
  createUser,
  EpisodeRepository,
  getItemCalibration,
  listAudit,
  type Store,
} from "@attune/db";
import { hashPassword } from "../auth/password.ts";
import { exportLongCsv } from "../io/longCsv.ts";
import { CLI_BUNDLE } from "../testing/process.ts";
import { PASSWORD, type Client } from "../testing/harness.ts";
import { startApp, type SignedInApp } from "../testing/signedInApp.ts";
import { seedItemNetwork } from "../testing/itemNetwork.ts";
import type { Sim2Network } from "../../../core/src/simulate2/index.ts";
import { episodeFeedback } from "./feedback.ts";
import { itemFitSettled, startItemFit } from "./itemCalibration.ts";

const COORDINATOR = "c-items@example.org";

describeEachDialect("item-level rupture rule in the server", (d) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let a: SignedInApp;
  let networkId: string;
  let sim: Sim2Network;
  let coordinator: Client;

  const call = (method: string, path: string, body?: unknown) => coordinator.request(method, path, body);
  /** Every episode's rupture alerts on the dashboard, as "patient code:session". */
  const dashboardRuptures = async (): Promise<string[]> => {
    const eps = await EpisodeRepository.withCodes(store.db, networkId);
    const code = new Map(eps.map((e) => [e.id, e.patient]));
    const fb = await episodeFeedback(a.ctx, networkId, [...code.keys()], false);
    return fb
      .flatMap((f) =>
        f.feedback.alerts
          .filter((x) => x.kind === "rupture")
          .map((x) => `${code.get(f.episodeId)}:${x.session}`),
      )
      .sort();
  };

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(d));
    ({ networkId, sim } = await seedItemNetwork(store, 10, 3));
    await createUser(store.db, {
      networkId,
      code: "C1",
      email: COORDINATOR,
      displayName: "Coordinator",
      role: "coordinator",
      passwordHash: await hashPassword(PASSWORD),
    });
    a = await startApp(store);
    coordinator = await a.signIn(COORDINATOR);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await dispose?.();
  });

  let meanRuptures: string[] = [];

  it("validates and audits the setting, fits in the background and stores the fit", async () => {
    const first = (await (await call("GET", "/api/network/alert-settings")).json()) as {
      ruptureStatistic: string;
      itemCalibration: { chosen: boolean; state: string; inUse: boolean };
    };
    expect(first).toMatchObject({
      ruptureStatistic: "mean",
      itemCalibration: { chosen: false, state: "off", inUse: false },
    });
    meanRuptures = await dashboardRuptures();
    const bad = await call("PUT", "/api/network/alert-settings", { ruptureStatistic: "median" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("ruptureStatistic");
    const put = await call("PUT", "/api/network/alert-settings", { ruptureStatistic: "items" });
    expect(put.status, await put.clone().text()).toBe(200);
    const started = (await put.json()) as { itemCalibration: { state: string; inUse: boolean } };
    // The request did not wait for the fit: it is running (or waiting for the row to be written).
    expect(["running", "waiting"]).toContain(started.itemCalibration.state);
    expect(started.itemCalibration.inUse).toBe(false);
    const audit = await listAudit(store.db, { networkId, entity: "network", action: "update" });
    expect(audit.some((e) => String(e.detail).includes('"ruptureStatistic":"items"'))).toBe(true);
    // Meanwhile the calibration page says so and the alerts are the mean statistic's.
    const during = (await (await call("GET", "/api/dashboard/calibration")).json()) as {
      rupture: { statistic: string };
    };
    expect(during.rupture.statistic).toBe("mean");
    await itemFitSettled(a.ctx, networkId);
    const row = await getItemCalibration(store.db, networkId);
    expect(row?.status, row?.error ?? "").toBe("ready");
    expect(JSON.parse(row!.fit!).fit.itemLatent.categories).toBe(5);
    const cal = (await (await call("GET", "/api/dashboard/calibration")).json()) as {
      rupture: { statistic: string; zThreshold: number };
      itemCalibration: { state: string; inUse: boolean; fitResponses: number };
    };
    expect(cal.rupture.statistic).toBe("items");
    expect(cal.itemCalibration).toMatchObject({ state: "ready", inUse: true });
    expect(cal.itemCalibration.fitResponses).toBeGreaterThan(500);
  }, 300_000);

  it("the dashboard's rupture alerts come from the item rule and differ from the mean statistic's", async () => {
    const items = await dashboardRuptures();
    expect(items.length).toBeGreaterThan(10);
    expect(items).not.toEqual(meanRuptures);
    // Ruptures the item rule flags lie within a true rupture or the session after it far more often than
    // sessions do at random.
    const within = new Set(
      sim.truth.ruptures.flatMap((r) =>
        Array.from({ length: r.duration + 2 }, (_, k) => `${r.patient}:${r.session + k}`),
      ),
    );
    const hits = items.filter((k) => within.has(k)).length / items.length;
    const later = sim.rows.filter((r) => r.session > 1);
    const chance = later.filter((r) => within.has(`${r.patient}:${r.session}`)).length / later.length;
    expect(hits).toBeGreaterThan(2 * chance);
  }, 120_000);

  it("gives the same rupture alerts as `attune feedback --rupture-statistic items` on the network's export", async () => {
    const { csv } = await exportLongCsv(store, { networkId, outcome: "outcome" });
    const lines = csv.trim().split("\n");
    const head = (lines[0] as string).split(",");
    const [p, s] = [head.indexOf("patient"), head.indexOf("session")];
    const answers = new Map(sim.rows.map((r) => [`${r.patient}:${r.session}`, r.items.alliancePatient]));
    const withItems = [
      [
        ...head,
        "alliance_patient_item1",
        "alliance_patient_item2",
        "alliance_patient_item3",
        "alliance_patient_item4",
      ].join(","),
      ...lines.slice(1).map((l) => {
        const c = l.split(",");
        const it = answers.get(`${c[p]}:${c[s]}`) ?? null;
        return [...c, ...(it ?? [null, null, null, null]).map((v) => (v === null ? "" : String(v)))].join(
          ",",
        );
      }),
    ].join("\n");
    const file = join(mkdtempSync(join(tmpdir(), "attune-item-rule-")), "network.csv");
    writeFileSync(file, withItems + "\n");
    const r = spawnSync(
      process.execPath,
      [
        CLI_BUNDLE,
        "feedback",
        "--data",
        file,
        "--alliance-scale",
        "1-5",
        "--therapist-alliance-scale",
        "1-5",
        "--outcome-scale",
        "0-5",
        "--rupture-statistic",
        "items",
        "--json",
      ],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as {
      alerts: { patient: string; session: number; kind: string }[];
      calibration: { rupture: { statistic: string; zThreshold: number } };
    };
    expect(out.calibration.rupture.statistic).toBe("items");
    const cli = out.alerts
      .filter((x) => x.kind === "rupture")
      .map((x) => `${x.patient}:${x.session}`)
      .sort();
    expect(cli.length).toBeGreaterThan(10);
    expect(await dashboardRuptures()).toEqual(cli);
  }, 300_000);

  it("keeps the fit through a restart, without fitting again", async () => {
    const before = await getItemCalibration(store.db, networkId);
    await a.close();
    a = await startApp(store);
    coordinator = await a.signIn(COORDINATOR);
    const cal = (await (await call("GET", "/api/dashboard/calibration")).json()) as {
      rupture: { statistic: string };
      itemCalibration: { state: string; inUse: boolean };
    };
    expect(cal.rupture.statistic).toBe("items");
    expect(cal.itemCalibration).toMatchObject({ state: "ready", inUse: true });
    const after = await getItemCalibration(store.db, networkId);
    expect(after?.started_at).toBe(before?.started_at);
    expect(after?.fitted_at).toBe(before?.fitted_at);
  }, 120_000);

  it("a network without item answers: the fit fails saying why, and the mean statistic stays", async () => {
    const empty = await createNetwork(store.db, "No items");
    startItemFit(a.ctx, empty.id, 0);
    await itemFitSettled(a.ctx, empty.id);
    const row = await getItemCalibration(store.db, empty.id);
    expect(row?.status).toBe("failed");
    expect(row?.error).toContain("no patient alliance answers with their items");
    expect(row?.fit).toBeNull();
  });
});
