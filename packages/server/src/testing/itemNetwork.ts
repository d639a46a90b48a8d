// Test set-up: a network whose patients answered attune's alliance form item by item (the second
// simulator's 5-point answers, which the item-level rupture rule reads), imported as the therapists'
// alliance and the well-being scores of the long CSV, with the patient form stored as the API stores it.
import { appendResponse, countResponses, createNetwork, setRuptureStatistic, type Store } from "@attune/db";
import { itemFitSettled, startItemFit } from "../dashboard/itemCalibration.ts";
import {
  ALLIANCE_PATIENT,
  DEMO_FORMS,
  responseFromAnswers,
  scoreResponse,
  storedScores,
  type Instrument,
} from "@attune/core";
import {
  network2Csv,
  SCENARIOS,
  simulateNetwork2,
  type Sim2Network,
} from "../../../core/src/simulate2/index.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { importLongCsv } from "../io/longCsv.ts";

const FORM = DEMO_FORMS.find((f) => f.url === ALLIANCE_PATIENT) as Instrument;
const LINK_IDS = ["goal", "task", "bond1", "bond2"];

/**
 * Seeds a network of `therapists` × `caseload` patients of the second simulator's short 5-point scenario: the
 * therapists' alliance and well-being imported from the long CSV, each rated patient session stored as
 * an alliance-patient form response with its four item answers. Returns the network and the simulation.
 *
 * @example
 * const { networkId, sim } = await seedItemNetwork(store, 10, 3);
 */
export async function seedItemNetwork(
  store: Store,
  therapists: number,
  seed: number,
  caseload = 8,
): Promise<{ networkId: string; sim: Sim2Network }> {
  const base = SCENARIOS[0]!;
  const sim = simulateNetwork2({ ...base, therapists, caseload }, seed);
  const net = await createNetwork(store.db, `Item network ${seed}`);
  // The long CSV without the patient's alliance: that form is stored with its items below.
  const lines = network2Csv(sim).trim().split("\n");
  const head = (lines[0] as string).split(",");
  const keep = ["therapist", "patient", "session", "alliance_therapist", "outcome"].map((c) =>
    head.indexOf(c),
  );
  const csv = lines.map((l) => keep.map((i) => l.split(",")[i]).join(",")).join("\n") + "\n";
  const report = await importLongCsv({ store, instruments: builtinCatalog() }, csv, {
    networkId: net.id,
    study: "Item study",
    actorId: null,
    columns: { wellbeing: "outcome" },
    scales: { alliance: { min: 1, max: 5 }, wellbeing: { min: 0, max: base.outcomePoints - 1 } },
  });
  if (!report.ok) throw new Error(`item network import failed: ${JSON.stringify(report.rejected[0])}`);
  const sessions = await store.db
    .selectFrom("therapy_sessions as s")
    .innerJoin("episodes as e", "e.id", "s.episode_id")
    .innerJoin("patients as p", "p.id", "e.patient_id")
    .select(["s.id as session", "e.id as episode", "e.patient_id as patient", "p.code", "s.number"])
    .where("e.network_id", "=", net.id)
    .execute();
  const byKey = new Map(sessions.map((s) => [`${s.code}:${Number(s.number)}`, s]));
  await store.db.transaction().execute(async (trx) => {
    for (const r of sim.rows) {
      const items = r.items.alliancePatient;
      const s = byKey.get(`${r.patient}:${r.session}`);
      if (!items || !s || items.some((v) => v === null)) continue;
      const answers = Object.fromEntries(LINK_IDS.map((l, i) => [l, items[i] as number]));
      const score = scoreResponse(FORM, answers);
      if (!score.ok) throw new Error(`${r.patient} session ${r.session}: ${score.issues[0]?.message}`);
      await appendResponse(trx, {
        networkId: net.id,
        patientId: s.patient,
        episodeId: s.episode,
        sessionId: s.session,
        questionnaireUrl: ALLIANCE_PATIENT,
        rater: "patient",
        authorKind: "user",
        authorId: null,
        resource: responseFromAnswers(FORM, answers, { status: "completed" }) as unknown as Record<
          string,
          unknown
        >,
        scores: storedScores(FORM, score),
      });
    }
  });
  return { networkId: net.id, sim };
}

/**
 * Chooses the item statistic for the network and waits for its background fit (benchmarks, tests).
 *
 * @example
 * await useItemRule(app.ctx, networkId);
 */
export async function useItemRule(ctx: Parameters<typeof startItemFit>[0], networkId: string): Promise<void> {
  await setRuptureStatistic(ctx.store.db, networkId, "items");
  startItemFit(ctx, networkId, await countResponses(ctx.store.db, networkId));
  await itemFitSettled(ctx, networkId);
}
