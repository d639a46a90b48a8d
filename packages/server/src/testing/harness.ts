// Test harness: an app on a fresh store of one dialect, a fixture of two networks with every role,
// and clients that sign in like a browser (cookie + CSRF header) or carry a patient link token.
import { openStore, type Store } from "@attune/db";
import type { TestDialect } from "@attune/db/testing";
import {
  allocate,
  assignCoder,
  createEpisode,
  createNetwork,
  createPatient,
  createStudy,
  createUser,
  createLink,
  ensureSession,
} from "@attune/db";
import { createApp, type Api } from "../app.ts";
import { hashPassword } from "../auth/password.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, WELLBEING } from "@attune/core";
import { builtinCatalog } from "../instruments/builtin.ts";
import type { AppConfig } from "../context.ts";

export const PASSWORD = "correct horse battery";

export interface Client {
  name: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface NetworkFixture {
  networkId: string;
  studyId: string;
  ids: {
    coordinator: string;
    therapist: string;
    therapist2: string;
    researcher: string;
    coder: string;
    patient: string;
    patient2: string;
    episode: string;
    episode2: string;
    session: string;
    session2: string;
  };
  /** Link tokens: `link` for patient's session, `link2` for patient2's. */
  tokens: { link: string; link2: string };
  emails: Record<"coordinator" | "therapist" | "therapist2" | "researcher" | "coder", string>;
}

export async function makeNetwork(store: Store, tag: string, hash: string): Promise<NetworkFixture> {
  const db = store.db;
  const net = await createNetwork(db, `network ${tag}`);
  const mk = async (role: "coordinator" | "therapist" | "researcher" | "coder", code: string) =>
    createUser(db, {
      networkId: net.id,
      code,
      email: `${code}.${tag}@test.dev`,
      displayName: code,
      role,
      passwordHash: hash,
    });
  const coordinator = await mk("coordinator", "C1");
  const therapist = await mk("therapist", "T1");
  const therapist2 = await mk("therapist", "T2");
  const researcher = await mk("researcher", "R1");
  const coder = await mk("coder", "K1");
  const { study, arms } = await createStudy(db, {
    networkId: net.id,
    name: "trial",
    arms: [
      { code: "0", name: "control" },
      { code: "1", name: "training" },
    ],
    schedule: [
      { questionnaireUrl: ALLIANCE_PATIENT, rater: "patient", sessions: "all" },
      { questionnaireUrl: WELLBEING, rater: "patient", sessions: "all" },
      { questionnaireUrl: ALLIANCE_THERAPIST, rater: "therapist", sessions: "all" },
    ],
  });
  await allocate(db, study.id, therapist.id, arms[1]!.id);
  await allocate(db, study.id, therapist2.id, arms[0]!.id);
  const patient = await createPatient(db, {
    networkId: net.id,
    code: "P1",
    contact: { name: "Ann Example", phone: "+41 00" },
  });
  const patient2 = await createPatient(db, {
    networkId: net.id,
    code: "P2",
    contact: { name: "Bob Example" },
  });
  const episode = await createEpisode(db, {
    patientId: patient.id,
    therapistId: therapist.id,
    studyId: study.id,
  });
  const episode2 = await createEpisode(db, {
    patientId: patient2.id,
    therapistId: therapist2.id,
    studyId: study.id,
  });
  const session = await ensureSession(db, episode.id, 1, "2025-03-01");
  const session2 = await ensureSession(db, episode2.id, 1, "2025-03-02");
  await assignCoder(db, coder.id, session.id);
  const exp = new Date(Date.now() + 3600_000).toISOString();
  const forms = [ALLIANCE_PATIENT, WELLBEING];
  const link = await createLink(db, {
    networkId: net.id,
    episodeId: episode.id,
    sessionId: session.id,
    forms,
    expiresAt: exp,
    createdBy: coordinator.id,
  });
  const link2 = await createLink(db, {
    networkId: net.id,
    episodeId: episode2.id,
    sessionId: session2.id,
    forms,
    expiresAt: exp,
    createdBy: coordinator.id,
  });
  return {
    networkId: net.id,
    studyId: study.id,
    ids: {
      coordinator: coordinator.id,
      therapist: therapist.id,
      therapist2: therapist2.id,
      researcher: researcher.id,
      coder: coder.id,
      patient: patient.id,
      patient2: patient2.id,
      episode: episode.id,
      episode2: episode2.id,
      session: session.id,
      session2: session2.id,
    },
    tokens: { link: link.token, link2: link2.token },
    emails: {
      coordinator: coordinator.email!,
      therapist: therapist.email!,
      therapist2: therapist2.email!,
      researcher: researcher.email!,
      coder: coder.email!,
    },
  };
}

export interface Harness {
  store: Store;
  app: Api;
  a: NetworkFixture;
  b: NetworkFixture;
  anonymous: Client;
  signIn(email: string, name?: string): Promise<Client>;
  patient(token: string, name?: string): Client;
  close(): Promise<void>;
}

type Fetcher = (req: Request) => Promise<Response> | Response;

export function clientFor(
  fetcher: Fetcher,
  name: string,
  base = "http://attune.test",
): Client & { cookie?: string; csrf?: string } {
  const c: Client & { cookie?: string; csrf?: string } = {
    name,
    async request(method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (c.cookie) h["cookie"] = c.cookie;
      if (c.csrf && !("x-csrf-token" in h)) h["x-csrf-token"] = c.csrf;
      let payload: string | Uint8Array | undefined;
      if (body !== undefined) {
        if (typeof body === "string" || body instanceof Uint8Array) payload = body;
        else {
          payload = JSON.stringify(body);
          h["content-type"] ??= "application/json";
        }
      }
      return fetcher(
        new Request(base + path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) }),
      );
    },
  };
  return c;
}

/** A client signed in like a browser: its session cookie (for a raw request, e.g. an event stream) and CSRF token. */
export type SignedInClient = Client & { cookie: string; csrf: string };

/**
 * Signs `email` in through the login route (the fixtures' password unless given); a refused sign-in throws.
 *
 * @example
 * const coordinator = await signInClient((r) => app.fetch(r), h.a.emails.coordinator, "coordinator");
 */
export async function signInClient(
  fetcher: Fetcher,
  email: string,
  name: string,
  base?: string,
  password = PASSWORD,
): Promise<SignedInClient> {
  const c = clientFor(fetcher, name, base);
  const res = await c.request("POST", "/api/auth/login", { email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().find((x) => x.startsWith("attune_session=")) ?? "";
  const cookie = set.split(";")[0] ?? "";
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return Object.assign(c, { cookie, csrf });
}

export function bearerClient(fetcher: Fetcher, token: string, name: string, base?: string): Client {
  const c = clientFor(fetcher, name, base);
  return {
    name,
    request: (m, p, b, h = {}) => c.request(m, p, b, { authorization: `Bearer ${token}`, ...h }),
  };
}

/**
 * A fresh database of the dialect (or `database`, one the caller prepared, e.g. restored from a backup) with
 * an app on it and two fixture networks.
 *
 * @example
 * const h = await openHarness(dialect);
 * const coordinator = await h.signIn(h.a.emails.coordinator);
 */
export async function openHarness(
  d: TestDialect,
  config: Partial<AppConfig> = {},
  database?: { url: string; dispose(): Promise<void> },
): Promise<Harness> {
  const { url, dispose } = database ?? (await d.create());
  const store = await openStore({ url });
  const { app, ready, close } = createApp({
    store,
    instruments: builtinCatalog(),
    config: {
      loginLimit: { perAddress: 10_000, perAccount: 10_000, perAccountWide: 10_000, windowMs: 60_000 },
      ...config,
    },
  });
  await ready;
  const hash = await hashPassword(PASSWORD);
  const a = await makeNetwork(store, "a", hash);
  const b = await makeNetwork(store, "b", hash);
  const fetcher: Fetcher = (req) => app.fetch(req);
  return {
    store,
    app,
    a,
    b,
    anonymous: clientFor(fetcher, "anonymous"),
    signIn: (email, name = email) => signInClient(fetcher, email, name),
    patient: (token, name = "patient") => bearerClient(fetcher, token, name),
    async close() {
      await close();
      await store.close();
      await dispose();
    },
  };
}

/** A complete, valid submission for the two patient forms of a fixture link. */
export function validSubmission(goal = 4): { responses: unknown[] } {
  return {
    responses: [
      {
        resourceType: "QuestionnaireResponse",
        questionnaire: ALLIANCE_PATIENT,
        status: "completed",
        item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({
          linkId,
          answer: [{ valueInteger: linkId === "goal" ? goal : 4 }],
        })),
      },
      {
        resourceType: "QuestionnaireResponse",
        questionnaire: WELLBEING,
        status: "completed",
        item: ["mood", "calm", "coping"].map((linkId) => ({ linkId, answer: [{ valueInteger: 2 }] })),
      },
    ],
  };
}
