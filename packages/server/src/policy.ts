// Record-level visibility, on top of the route's role list. Everything is scoped to the caller's
// network; therapists see their own patients' episodes; coders see only sessions assigned to them;
// a patient link sees its own session. Invisible records answer 404, so existence does not leak.
import type { Context } from "hono";
import {
  getEpisode,
  getPatient,
  getSession,
  isCoderAssigned,
  type Episode,
  type Patient,
  type TherapySession,
  EpisodeRepository,
} from "@attune/db";
import type { AppEnv, Ctx } from "./context.ts";
import { notFound } from "./errors.ts";

export function networkOf(c: Context<AppEnv>): string {
  const p = c.get("principal");
  if (p.kind === "user") return p.user.network_id;
  if (p.kind === "link") return p.link.network_id;
  throw notFound("network");
}

export async function visibleEpisode(ctx: Ctx, c: Context<AppEnv>, id: string): Promise<Episode> {
  const e = await getEpisode(ctx.store.db, id);
  const p = c.get("principal");
  if (!e || e.network_id !== networkOf(c)) throw notFound(`episode ${id}`);
  if (p.kind === "link" && p.link.episode_id !== e.id) throw notFound(`episode ${id}`);
  if (p.kind === "user") {
    if (p.user.role === "therapist" && e.therapist_id !== p.user.id) throw notFound(`episode ${id}`);
    if (p.user.role === "coder") throw notFound(`episode ${id}`);
  }
  return e;
}

export async function visibleSession(
  ctx: Ctx,
  c: Context<AppEnv>,
  id: string,
): Promise<{ session: TherapySession; episode: Episode }> {
  const s = await getSession(ctx.store.db, id);
  if (!s) throw notFound(`session ${id}`);
  const p = c.get("principal");
  if (p.kind === "user" && p.user.role === "coder") {
    const e = await getEpisode(ctx.store.db, s.episode_id);
    if (!e || e.network_id !== p.user.network_id || !(await isCoderAssigned(ctx.store.db, p.user.id, s.id)))
      throw notFound(`session ${id}`);
    return { session: s, episode: e };
  }
  if (p.kind === "link" && p.link.session_id !== s.id) throw notFound(`session ${id}`);
  const episode = await visibleEpisode(ctx, c, s.episode_id).catch(() => {
    throw notFound(`session ${id}`);
  });
  return { session: s, episode };
}

export async function visiblePatient(ctx: Ctx, c: Context<AppEnv>, id: string): Promise<Patient> {
  const pt = await getPatient(ctx.store.db, id);
  const p = c.get("principal");
  if (!pt || pt.network_id !== networkOf(c)) throw notFound(`patient ${id}`);
  if (p.kind === "user" && p.user.role === "coder") throw notFound(`patient ${id}`);
  if (p.kind === "user" && p.user.role === "therapist") {
    if (!(await EpisodeRepository.treatsPatient(ctx.store.db, p.user.id, id)))
      throw notFound(`patient ${id}`);
  }
  if (p.kind === "link") {
    const e = await getEpisode(ctx.store.db, p.link.episode_id);
    if (e?.patient_id !== id) throw notFound(`patient ${id}`);
  }
  return pt;
}
