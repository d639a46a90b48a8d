// The demo network of `npm start` / `attune serve --demo`: a simulated network the size of the seed
// study (core's simulatePrn: 40 therapists in two arms, 3 patients each, 6 sessions, ruptures and some
// deteriorating patients), imported through the long-CSV path, with sign-ins for every role and a
// patient link for the next session of one patient. Seeding twice reuses the network.
import { BUILT_IN_RECOVERY_MODEL, evaluateDyad, prnToCsv, simulatePrn, type PrnRow } from "@attune/core";
import { feedbackConfig } from "./dashboard/feedback.ts";
import {
  assignCoder,
  createLink,
  createSite,
  createUser,
  ensureSession,
  listNetworks,
  createNetwork,
  type Store,
  DemoRepository,
} from "@attune/db";
import { hashPassword } from "./auth/password.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import { builtinCatalog } from "./instruments/builtin.ts";
import { importLongCsv } from "./io/longCsv.ts";
import type { SeededUser } from "./seed.ts";

export const DEMO_NETWORK = "Demo network (simulated seed study)";
export const DEMO_PASSWORD = "attune-demo-password";

/** The simulated therapist whose caseload shows the most open alerts (ruptures first): the demo sign-in. */
function liveliestTherapist(rows: readonly PrnRow[]): string {
  const config = feedbackConfig(BUILT_IN_RECOVERY_MODEL);
  const pct = (v: number) => (Number.isNaN(v) ? null : ((v - 1) / 4) * 100);
  const byPatient = new Map<string, PrnRow[]>();
  for (const r of rows) byPatient.set(r.patient, [...(byPatient.get(r.patient) ?? []), r]);
  const score = new Map<string, number>();
  for (const list of byPatient.values()) {
    const history = list.map((r) => ({
      session: r.session,
      alliancePatient: pct(r.alliance_patient),
      allianceTherapist: pct(r.alliance_therapist),
      outcome: pct(r.outcome),
    }));
    const last = list.at(-1)!.session;
    const alerts = evaluateDyad(history, config).alerts.filter((a) => a.session >= last - 1);
    const kinds = new Set(alerts.map((a) => a.kind));
    const s =
      (kinds.has("rupture") ? 3 : 0) +
      (kinds.has("not-on-track") ? 2 : 0) +
      (kinds.has("incongruence") ? 1 : 0);
    const t = list[0]!.therapist;
    score.set(t, (score.get(t) ?? 0) + s + (s > 0 ? 10 : 0));
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "T001";
}

export interface DemoNetwork {
  networkId: string;
  created: boolean;
  users: SeededUser[];
  /** Code of the patient the link is for. */
  patientCode: string;
  /** Path of a fresh patient link (`/r/<token>`) for the next session of one of the demo therapist's patients. */
  patientLink: string;
  patients: number;
  therapists: number;
}

export async function seedSimulatedDemo(
  store: Store,
  opts: { seed?: number; therapists?: number; sessions?: number } = {},
): Promise<DemoNetwork> {
  const db = store.db;
  const sim = simulatePrn({
    therapists: opts.therapists ?? 40,
    patientsPerTherapist: 3,
    sessions: opts.sessions ?? 6,
    seed: opts.seed ?? 7,
    deterioration: { rate: 0.1 },
  });
  const demoTherapist = liveliestTherapist(sim.rows);
  const existing = (await listNetworks(db)).find((n) => n.name === DEMO_NETWORK);
  let networkId: string;
  const created = !existing;
  if (existing) networkId = existing.id;
  else {
    const net = await createNetwork(db, DEMO_NETWORK);
    networkId = net.id;
    const site = await createSite(db, networkId, "Demo clinic");
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const [role, code] of [
      ["coordinator", "C1"],
      ["researcher", "R1"],
      ["coder", "K1"],
    ] as const)
      await createUser(db, {
        networkId,
        siteId: site.id,
        code,
        email: `${code.toLowerCase()}@demo.attune.dev`,
        displayName: `${role[0]!.toUpperCase()}${role.slice(1)} ${code}`,
        role,
        passwordHash: hash,
      });
    const report = await importLongCsv({ store, instruments: builtinCatalog() }, prnToCsv(sim.rows), {
      networkId,
      study: "Alliance training trial",
      actorId: null,
    });
    if (!report.ok) throw new Error(`demo import failed: ${report.rejected[0]?.message ?? "?"}`);
    await scheduleAndDateDemoStudy(db, networkId);
    // The demo coder has work waiting: the latest session of the first six patients.
    const coder = await DemoRepository.oneUser(db, networkId, "coder");
    const latest = await DemoRepository.sessionsLatestFirst(db, networkId);
    const seen = new Set<string>();
    for (const r of latest) {
      if (seen.has(r.code) || seen.size >= 6) continue;
      seen.add(r.code);
      await assignCoder(db, coder.id, r.id);
    }
    // Imported therapists cannot sign in; give each a demo sign-in.
    const therapists = await DemoRepository.usersOfRole(db, networkId, "therapist");
    // Two clinics (the randomisation strata of a real network), therapists alternating between them.
    const second = await createSite(db, networkId, "Lakeside clinic");
    for (const [i, t] of therapists.entries())
      await DemoRepository.setSignIn(db, t.id, {
        email: `${t.code.toLowerCase()}@demo.attune.dev`,
        password_hash: hash,
        display_name: `Therapist ${t.code}`,
        site_id: i % 2 === 0 ? site.id : second.id,
      });
  }
  const users = await DemoRepository.users(db, networkId);
  const me = users.find((u) => u.code === demoTherapist) ?? users.find((u) => u.role === "therapist");
  if (!me) throw new Error("demo network has no therapist");
  // The link goes to the therapist's first patient with an intake well-being score (so the page shows
  // the expected band).
  const withIntake = new Set(
    sim.rows.filter((r) => r.session === 1 && !Number.isNaN(r.outcome)).map((r) => r.patient),
  );
  const eps = await DemoRepository.episodesOf(db, me.id);
  const ep = eps.find((e) => withIntake.has(e.code)) ?? eps[0];
  if (!ep) throw new Error("the demo therapist has no patients");
  const last = await DemoRepository.lastSessionNumber(db, ep.id);
  const session = await ensureSession(db, ep.id, last + 1, new Date().toISOString().slice(0, 10));
  const { token } = await createLink(db, {
    networkId,
    episodeId: ep.id,
    sessionId: session.id,
    forms: [ALLIANCE_PATIENT, WELLBEING],
    expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    createdBy: me.id,
  });
  const pick = (role: string) => users.filter((u) => u.role === role);
  const shown = [
    ...pick("therapist").filter((u) => u.code === demoTherapist),
    ...pick("coordinator"),
    ...pick("researcher"),
    ...pick("coder"),
  ];
  return {
    networkId,
    created,
    users: shown.map((u) => ({ email: u.email ?? "", password: DEMO_PASSWORD, role: u.role, id: u.id })),
    patientLink: `/r/${token}`,
    patientCode: ep.code,
    patients: await DemoRepository.episodeCount(db, networkId),
    therapists: pick("therapist").length,
  };
}

/**
 * Gives the demo study the schedule a feedback trial would have (both alliance forms and well-being after
 * every session) and dates its sessions weekly, each patient's last one 1–20 days ago, so the coordinator's
 * completion monitor shows done, late and missed forms (the simulator's missing ratings and dropouts).
 */
async function scheduleAndDateDemoStudy(db: Store["db"], networkId: string): Promise<void> {
  const study = { id: await DemoRepository.studyId(db, networkId, "Alliance training trial") };
  await DemoRepository.addSchedule(
    db,
    (
      [
        [ALLIANCE_PATIENT, "patient"],
        [WELLBEING, "patient"],
        [ALLIANCE_THERAPIST, "therapist"],
      ] as const
    ).map(([url, rater], i) => ({
      id: `${study.id}-demo-${i}`,
      study_id: study.id,
      questionnaire_url: url,
      rater,
    })),
  );
  const sessions = await DemoRepository.studySessions(db, study.id);
  const last = new Map<string, number>();
  for (const s of sessions) last.set(s.episode_id, Math.max(last.get(s.episode_id) ?? 0, Number(s.number)));
  const episodes = [...last.keys()].sort();
  const today = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const s of sessions) {
      const k = episodes.indexOf(s.episode_id);
      const daysAgo = 1 + ((k * 7) % 20) + 7 * ((last.get(s.episode_id) ?? 0) - Number(s.number));
      await DemoRepository.setSessionDate(
        trx,
        s.id,
        new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10),
      );
    }
  });
}
