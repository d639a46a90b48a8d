// Sets up a network with a coordinator (first run), and a small fixed network the tests use (`attune serve --demo` seeds the simulated one of demoNetwork.ts).
import {
  allocate,
  createEpisode,
  createNetwork,
  createPatient,
  createSite,
  createStudy,
  createUser,
  ensureSession,
  listNetworks,
  type Store,
} from "@attune/db";
import { hashPassword } from "./auth/password.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";

export interface SeededUser {
  email: string;
  password: string;
  role: string;
  id: string;
}

/** Creates the network and its first coordinator when the store has no network yet. */
export async function ensureBootstrap(
  store: Store,
  opts: { network: string; email: string; password: string },
): Promise<{ networkId: string; created: boolean }> {
  const existing = await listNetworks(store.db);
  if (existing[0]) return { networkId: existing[0].id, created: false };
  const net = await createNetwork(store.db, opts.network);
  await createUser(store.db, {
    networkId: net.id,
    code: "C1",
    email: opts.email,
    displayName: "Coordinator",
    role: "coordinator",
    passwordHash: await hashPassword(opts.password),
  });
  return { networkId: net.id, created: true };
}

/** A demo network: one study (2 arms), 4 therapists, a researcher, a coder, 8 patients with a session each. */
export async function seedDemo(
  store: Store,
  password = "attune-demo-password",
): Promise<{ networkId: string; users: SeededUser[] }> {
  const db = store.db;
  const hash = await hashPassword(password);
  const net = await createNetwork(db, "Demo practice research network");
  const site = await createSite(db, net.id, "Demo clinic");
  const users: SeededUser[] = [];
  const mk = async (role: "coordinator" | "therapist" | "researcher" | "coder", code: string) => {
    const email = `${code.toLowerCase()}@demo.attune.dev`;
    const u = await createUser(db, {
      networkId: net.id,
      siteId: site.id,
      code,
      email,
      displayName: `${role} ${code}`,
      role,
      passwordHash: hash,
    });
    users.push({ email, password, role, id: u.id });
    return u;
  };
  await mk("coordinator", "C1");
  await mk("researcher", "R1");
  await mk("coder", "K1");
  const { study, arms } = await createStudy(db, {
    networkId: net.id,
    name: "Alliance feedback trial",
    arms: [
      { code: "0", name: "usual care" },
      { code: "1", name: "alliance training" },
    ],
    schedule: [
      { questionnaireUrl: ALLIANCE_PATIENT, rater: "patient", sessions: "all" },
      { questionnaireUrl: WELLBEING, rater: "patient", sessions: "all" },
      { questionnaireUrl: ALLIANCE_THERAPIST, rater: "therapist", sessions: "all" },
    ],
  });
  for (let t = 1; t <= 4; t++) {
    const th = await mk("therapist", `T${t}`);
    await allocate(db, study.id, th.id, arms[t % 2]!.id);
    for (let p = 1; p <= 2; p++) {
      const pt = await createPatient(db, {
        networkId: net.id,
        siteId: site.id,
        code: `P${t}${p}`,
        contact: { name: `Demo patient ${t}${p}` },
      });
      const ep = await createEpisode(db, { patientId: pt.id, therapistId: th.id, studyId: study.id });
      await ensureSession(db, ep.id, 1, new Date().toISOString().slice(0, 10));
    }
  }
  return { networkId: net.id, users };
}
