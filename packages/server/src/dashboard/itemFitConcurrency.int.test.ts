// The item rule's background fit beside the rest, on each dialect with the real analysis workers: a
// researcher's run submitted while a network's item fit is running is answered before the fit ends (the
// fit has its own lane, analysis/pool.ts), and two apps on one database (as two server processes) that
// both find the same fit due run it once (the claim in item_calibrations, claimItemCalibration).
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDialect, openTestStore } from "@attune/db/testing";
import {
  countResponses,
  createUser,
  failItemCalibration,
  finishItemCalibration,
  getItemCalibration,
  openStore,
  setRuptureStatistic,
  type Store,
} from "@attune/db";
import { createApp, type App } from "../app.ts";
import { hashPassword } from "../auth/password.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { seedItemNetwork } from "../testing/itemNetwork.ts";
import { PASSWORD, signInClient } from "../testing/harness.ts";
import { itemFitSettled, itemRuleInUse, startItemFit } from "./itemCalibration.ts";

/** Item fits the app's workers were asked for. */
const itemFits = (a: App) => {
  const spy = vi.spyOn(a.ctx.analysis, "run");
  spy.mockClear();
  return () => spy.mock.calls.filter(([job]) => job.kind === "itemRupture").length;
};

describeEachDialect("the item rule's background fit", (d) => {
  let store: Store;
  let second: Store;
  let dispose: () => Promise<void>;
  let a: App;
  let b: App;
  let networkId: string;
  let responses = 0;

  beforeAll(async () => {
    let url: string;
    ({ store, url, dispose } = await openTestStore(d));
    ({ networkId } = await seedItemNetwork(store, 10, 5));
    await setRuptureStatistic(store.db, networkId, "items");
    responses = await countResponses(store.db, networkId);
    await createUser(store.db, {
      networkId,
      code: "R1",
      email: "r-items@example.org",
      displayName: "Researcher",
      role: "researcher",
      passwordHash: await hashPassword(PASSWORD),
    });
    // Two apps, each with its own connection(s) and workers, on one database: two server processes.
    second = await openStore({ url });
    // One after the other: two apps starting at the same moment race to store the built-in forms.
    a = createApp({ store, instruments: builtinCatalog() });
    await a.ready;
    b = createApp({ store: second, instruments: builtinCatalog() });
    await b.ready;
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await second?.close();
    await dispose?.();
  });

  it("two apps that both find the first fit due: one claims and fits, the other does not fit", async () => {
    const [fitsA, fitsB] = [itemFits(a), itemFits(b)];
    // Both read "no fit yet" (seen: null) and start at once: the insert of the claim decides.
    startItemFit(a.ctx, networkId, responses, null);
    startItemFit(b.ctx, networkId, responses, null);
    const outcomes = await Promise.all([itemFitSettled(a.ctx, networkId), itemFitSettled(b.ctx, networkId)]);
    expect([...outcomes].sort()).toEqual(["claimed elsewhere", "ready"]);
    expect(fitsA() + fitsB()).toBe(1);
    const row = await getItemCalibration(store.db, networkId);
    expect(row?.status, row?.error ?? "").toBe("ready");
    expect(row?.fit_responses).toBe(responses);
  }, 300_000);

  it("a refit both apps find due from the same row runs once, and the request path starts no second one", async () => {
    const before = await getItemCalibration(store.db, networkId);
    const [fitsA, fitsB] = [itemFits(a), itemFits(b)];
    // Both read the same ready row and found the data grown: only one claim matches it.
    startItemFit(a.ctx, networkId, responses, before!.started_at);
    startItemFit(b.ctx, networkId, responses, before!.started_at);
    const settled = Promise.all([itemFitSettled(a.ctx, networkId), itemFitSettled(b.ctx, networkId)]);
    // Meanwhile the dashboard's path on each app reads the row claimed and starts nothing more.
    const grown = Math.ceil(responses * 1.2) + 10;
    await Promise.all([itemRuleInUse(a.ctx, networkId, grown), itemRuleInUse(b.ctx, networkId, grown)]);
    const outcomes = await settled;
    expect([...outcomes].sort()).toEqual(["claimed elsewhere", "ready"]);
    expect(fitsA() + fitsB()).toBe(1);
    const after = await getItemCalibration(store.db, networkId);
    expect(after?.status).toBe("ready");
    expect(after?.started_at).not.toBe(before?.started_at);
  }, 300_000);

  it("a job left running by a stopped process is taken over by one app, and its late owner cannot overwrite it", async () => {
    // A process claimed the job 11 minutes ago and stopped (STALE_MS is 10 minutes).
    const lost = new Date(Date.now() - 11 * 60 * 1000).toISOString();
    await store.db
      .updateTable("item_calibrations")
      .set({ status: "running", started_at: lost, finished_at: null })
      .where("network_id", "=", networkId)
      .execute();
    const [fitsA, fitsB] = [itemFits(a), itemFits(b)];
    await Promise.all([
      itemRuleInUse(a.ctx, networkId, responses),
      itemRuleInUse(b.ctx, networkId, responses),
    ]);
    const outcomes = await Promise.all([itemFitSettled(a.ctx, networkId), itemFitSettled(b.ctx, networkId)]);
    expect(outcomes.filter((o) => o === "ready")).toHaveLength(1);
    expect(fitsA() + fitsB()).toBe(1);
    const row = await getItemCalibration(store.db, networkId);
    expect(row?.status).toBe("ready");
    expect(row?.started_at).not.toBe(lost);
    // The stopped process comes back with its old claim: nothing it writes is stored.
    expect(await finishItemCalibration(store.db, networkId, lost, "{}", 1)).toBe(false);
    expect(await failItemCalibration(store.db, networkId, lost, "late")).toBe(false);
    expect(await getItemCalibration(store.db, networkId)).toEqual(row);
  }, 300_000);

  it("a researcher's run submitted while the item fit runs is answered before the fit ends", async () => {
    const researcher = await signInClient((req) => a.app.fetch(req), "r-items@example.org", "researcher");
    // The same run alone first: it starts the research lane's worker (loading it is not what is measured).
    const alone = performance.now();
    expect((await researcher.request("POST", "/api/runs", { recipe: "growth" })).status).toBe(201);
    const aloneMs = performance.now() - alone;
    const t0 = performance.now();
    startItemFit(a.ctx, networkId, responses);
    let settled = false;
    const fit = itemFitSettled(a.ctx, networkId).then((outcome) => {
      settled = true;
      return { outcome, at: performance.now() };
    });
    // Wait until the fit is on its worker (not merely claimed), then ask for a run.
    while (a.ctx.analysis.running.background !== "itemRupture" && !settled)
      await new Promise((r) => setTimeout(r, 5));
    expect(settled, "the fit ended before it was seen on its worker").toBe(false);
    const submitted = performance.now();
    const res = await researcher.request("POST", "/api/runs", { recipe: "growth" });
    const answered = performance.now();
    const stillFitting = a.ctx.analysis.running.background === "itemRupture";
    expect(res.status, await res.clone().text()).toBe(201);
    const { outcome, at: fitEnded } = await fit;
    expect(outcome).toBe("ready");
    console.log(
      `[${d.name}] run alone ${aloneMs.toFixed(0)} ms; item fit ${(fitEnded - t0).toFixed(0)} ms; a run submitted ${(submitted - t0).toFixed(0)} ms ` +
        `into it was answered after ${(answered - submitted).toFixed(0)} ms, ${(fitEnded - answered).toFixed(0)} ms before the fit ended`,
    );
    expect(stillFitting).toBe(true);
    expect(answered).toBeLessThan(fitEnded);
  }, 300_000);
});
