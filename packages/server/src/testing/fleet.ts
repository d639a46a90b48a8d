// Many one-time patient links at once (for the crash test and the load benchmark): one network,
// one therapist, patients with up to 500 sessions each, one link per session.
import { createHash, randomBytes } from "node:crypto";
import {
  createEpisode,
  createNetwork,
  createPatient,
  createUser,
  newId,
  nowIso,
  LinkRepository,
  SessionRepository,
  type Store,
} from "@attune/db";
import { ALLIANCE_PATIENT, WELLBEING } from "@attune/core";

export interface Fleet {
  networkId: string;
  links: { token: string; sessionId: string }[];
}

export async function seedFleet(store: Store, n: number): Promise<Fleet> {
  const db = store.db;
  const net = await createNetwork(db, `fleet ${newId()}`);
  const t = await createUser(db, {
    networkId: net.id,
    code: `FT${newId().slice(-8)}`,
    displayName: "fleet",
    role: "therapist",
  });
  const links: Fleet["links"] = [];
  const forms = JSON.stringify([ALLIANCE_PATIENT, WELLBEING]);
  const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    await db.transaction().execute(async (trx) => {
      const p = await createPatient(trx, { networkId: net.id, code: `FP${start}-${newId().slice(-6)}` });
      const ep = await createEpisode(trx, { patientId: p.id, therapistId: t.id });
      const now = nowIso();
      const sessions = Array.from({ length: count }, (_, i) => ({
        id: newId(),
        episode_id: ep.id,
        number: i + 1,
        date: null,
        created_at: now,
      }));
      const rows = sessions.map((s) => {
        const token = randomBytes(32).toString("base64url");
        links.push({ token, sessionId: s.id });
        return {
          id: newId(),
          token_hash: createHash("sha256").update(token).digest("hex"),
          network_id: net.id,
          episode_id: ep.id,
          session_id: s.id,
          forms,
          expires_at: expires,
          created_by: t.id,
          created_at: now,
          submitted_at: null,
          submission_hash: null,
          result: null,
        };
      });
      for (let i = 0; i < count; i += 100) {
        await SessionRepository.insert(trx, sessions.slice(i, i + 100));
        await LinkRepository.insertMany(trx, rows.slice(i, i + 100));
      }
    });
  }
  return { networkId: net.id, links };
}
