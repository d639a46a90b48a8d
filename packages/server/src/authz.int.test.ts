// Every API route × every principal: the allowed set is declared here, independently of the
// routes' own declarations, and every other principal must be refused (401/403/404). The table
// must cover exactly the routes the app registers, so no route escapes the check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import {
  createInvitation,
  createLink,
  createPatient,
  createUser,
  declareTherapistQuestionnaire,
  newId,
  setNetworkSharesProgress,
  storeLicensedText,
  type Db,
} from "@attune/db";
import { ATTUNE_CANONICAL } from "@attune/core";
import { openHarness, validSubmission, type Client, type Harness } from "./testing/harness.ts";
import { ALLIANCE_PATIENT, ALLIANCE_THERAPIST, RUPTURE_OBSERVER, WELLBEING } from "@attune/core";

type P =
  | "anonymous"
  | "coordinator"
  | "therapist"
  | "researcher"
  | "coder"
  | "patient"
  | "otherCoordinator"
  | "otherTherapist"
  | "otherPatient";
const ALL: P[] = [
  "anonymous",
  "coordinator",
  "therapist",
  "researcher",
  "coder",
  "patient",
  "otherCoordinator",
  "otherTherapist",
  "otherPatient",
];
const STAFF: P[] = ["coordinator", "therapist", "researcher", "coder", "otherCoordinator", "otherTherapist"];
const SIGNED_IN: P[] = [...STAFF, "patient", "otherPatient"];

interface Ctx {
  h: Harness;
  db: Db;
  p: P;
  token: string;
  patientResponse: string;
  therapistResponse: string;
  runId: string;
}
interface Cell {
  path: (c: Ctx) => string;
  body?: (c: Ctx) => Promise<unknown> | unknown;
  headers?: Record<string, string>;
  allowed: P[];
}

const uniq = () => newId().slice(-10);
const therapistQr = (session: string) => ({
  resourceType: "QuestionnaireResponse",
  questionnaire: ALLIANCE_THERAPIST,
  status: "completed",
  encounter: { reference: `Encounter/${session}` },
  item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({ linkId, answer: [{ valueInteger: 4 }] })),
});

/** A made-up licensed-text file matching the WAI-SR shell (placeholder wording, never real text). */
const fakeWaiFile = () => ({
  instrument: "wai-sr",
  language: "en",
  items: Array.from({ length: 12 }, (_, i) => ({
    linkId: `wai-sr-${i + 1}`,
    text: `Test wording item ${i + 1}`,
  })),
  answerOptions: { frequency: [1, 2, 3, 4, 5].map((value) => ({ value, display: `Test label ${value}` })) },
});

/** Gives both networks a current WAI-SR wording, so a withdrawal has something to withdraw. */
async function seedLicensedText(c: Ctx): Promise<undefined> {
  for (const net of [c.h.a, c.h.b])
    await storeLicensedText(c.db, {
      networkId: net.networkId,
      instrumentId: "wai-sr",
      questionnaireUrl: `${ATTUNE_CANONICAL}/Questionnaire/wai-sr`,
      version: "1.0.0",
      action: "replace",
      languages: ["en"],
      language: "en",
      file: fakeWaiFile(),
      questionnaire: { resourceType: "Questionnaire", id: "wai-sr" },
      attestation: "test attestation (fake licence)",
      createdBy: net.ids.coordinator,
    });
  return undefined;
}

/** The expected access table: "METHOD path" → who may. */
const TABLE: Record<string, Cell> = {
  "GET /healthz": { path: () => "/healthz", allowed: ALL },
  // Metrics are open by address (ATTUNE_METRICS_ALLOW), not by role; these requests carry no address.
  "GET /metrics": { path: () => "/metrics", allowed: [] },
  "GET /api/openapi.json": { path: () => "/api/openapi.json", allowed: ALL },
  "POST /api/auth/login": {
    path: () => "/api/auth/login",
    body: (c) => ({ email: c.h.a.emails.researcher, password: "correct horse battery" }),
    allowed: ALL,
  },
  "GET /api/auth/me": { path: () => "/api/auth/me", allowed: STAFF },
  "POST /api/auth/logout": { path: () => "/api/auth/logout", allowed: STAFF },
  "PUT /api/auth/me/language": {
    path: () => "/api/auth/me/language",
    body: () => ({ language: "fr" }),
    allowed: STAFF,
  },
  // The same password again: allowed callers pass, and every account can still sign in afterwards.
  "PUT /api/auth/me/password": {
    path: () => "/api/auth/me/password",
    body: () => ({ current: "correct horse battery", password: "correct horse battery" }),
    allowed: STAFF,
  },
  // Only a half-signed-in session (password right, code due) may give the second step: nobody here.
  "POST /api/auth/login/second-factor": {
    path: () => "/api/auth/login/second-factor",
    body: () => ({ code: "123456" }),
    allowed: [],
  },
  "GET /api/auth/totp": { path: () => "/api/auth/totp", allowed: STAFF },
  // Before setup: nothing is pending, so allowed callers get 409 (a wrong code would be 400).
  "POST /api/auth/totp/enable": {
    path: () => "/api/auth/totp/enable",
    body: () => ({ code: "123456" }),
    allowed: STAFF,
  },
  "POST /api/auth/totp/setup": { path: () => "/api/auth/totp/setup", allowed: STAFF },
  // Nobody here has it on: allowed callers are told it is off.
  "POST /api/auth/totp/disable": {
    path: () => "/api/auth/totp/disable",
    body: () => ({ password: "correct horse battery", code: "123456" }),
    allowed: STAFF,
  },
  "GET /api/network/patient-progress": {
    path: () => "/api/network/patient-progress",
    allowed: ["coordinator", "otherCoordinator"],
  },
  "PUT /api/network/patient-progress": {
    path: () => "/api/network/patient-progress",
    body: () => ({ shareProgress: false }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/network/alert-settings": {
    path: () => "/api/network/alert-settings",
    allowed: ["coordinator", "otherCoordinator"],
  },
  // "mean" starts no background fit.
  "PUT /api/network/alert-settings": {
    path: () => "/api/network/alert-settings",
    body: () => ({ ruptureStatistic: "mean" }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/network/security": {
    path: () => "/api/network/security",
    allowed: ["coordinator", "otherCoordinator"],
  },
  "PUT /api/network/security": {
    path: () => "/api/network/security",
    body: () => ({ requireTotp: false }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "POST /api/sites": {
    path: () => "/api/sites",
    body: () => ({ name: "site" }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/sites": {
    path: () => "/api/sites",
    allowed: ["coordinator", "therapist", "researcher", "otherCoordinator", "otherTherapist"],
  },
  "POST /api/users": {
    path: () => "/api/users",
    body: () => ({
      email: `u${uniq()}@x.dev`,
      displayName: "U",
      code: `U${uniq()}`,
      role: "therapist",
      password: "0123456789ab",
    }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/users": { path: () => "/api/users", allowed: ["coordinator", "otherCoordinator"] },
  "POST /api/studies": {
    path: () => "/api/studies",
    body: () => ({
      name: "s",
      arms: [{ code: "a", name: "A" }],
      schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: [3, 12] }],
    }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/therapist-attributes": {
    path: () => "/api/therapist-attributes",
    allowed: ["coordinator", "therapist", "researcher", "otherCoordinator", "otherTherapist"],
  },
  "POST /api/therapist-attributes": {
    path: () => "/api/therapist-attributes",
    body: () => ({
      code: `a${uniq()
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "_")}`,
      label: "A",
      kind: "numeric",
    }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "POST /api/therapist-questionnaires": {
    path: () => "/api/therapist-questionnaires",
    body: () => ({ questionnaire: ALLIANCE_THERAPIST }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/therapist-profiles": {
    path: () => "/api/therapist-profiles",
    allowed: ["coordinator", "therapist", "otherCoordinator", "otherTherapist"],
  },
  // The therapist's own record: a coordinator of the network, or that therapist (another one gets 404).
  "PUT /api/therapists/{id}/attributes": {
    path: (c) => `/api/therapists/${c.h.a.ids.therapist}/attributes`,
    body: () => ({ values: {} }),
    allowed: ["coordinator", "therapist"],
  },
  // Declared first, so the first allowed caller stores the answer and the next gets 409 (answered once).
  "POST /api/therapists/{id}/questionnaire-responses": {
    path: (c) => `/api/therapists/${c.h.a.ids.therapist}/questionnaire-responses`,
    body: async (c) => {
      await declareTherapistQuestionnaire(c.db, {
        networkId: c.h.a.networkId,
        questionnaireUrl: ALLIANCE_THERAPIST,
        by: c.h.a.ids.coordinator,
      });
      const { encounter: _, ...qr } = therapistQr(c.h.a.ids.session);
      return qr;
    },
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/studies": {
    path: () => "/api/studies",
    allowed: ["coordinator", "therapist", "researcher", "otherCoordinator", "otherTherapist"],
  },
  "PUT /api/studies/{id}/schedule": {
    path: (c) => `/api/studies/${c.h.a.studyId}/schedule`,
    body: () => ({ schedule: [{ questionnaire: WELLBEING, rater: "patient", sessions: "all" }] }),
    allowed: ["coordinator"],
  },
  "PUT /api/studies/{id}/arms": {
    path: (c) => `/api/studies/${c.h.a.studyId}/arms`,
    body: () => ({ arms: [{ code: "0", name: "usual" }] }),
    allowed: ["coordinator"],
  },
  // Restoring (archived: false) leaves the harness's study active for the other rows.
  "PUT /api/studies/{id}/archived": {
    path: (c) => `/api/studies/${c.h.a.studyId}/archived`,
    body: () => ({ archived: false }),
    allowed: ["coordinator"],
  },
  "POST /api/studies/{id}/allocations": {
    path: (c) => `/api/studies/${c.h.a.studyId}/allocations`,
    body: async (c) => {
      const t = await createUser(c.db, {
        networkId: c.h.a.networkId,
        code: `T${uniq()}`,
        displayName: "t",
        role: "therapist",
      });
      return { therapistId: t.id, armCode: "0" };
    },
    allowed: ["coordinator"],
  },
  "POST /api/patients": {
    path: () => "/api/patients",
    body: () => ({ code: `P${uniq()}` }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/patients": {
    path: () => "/api/patients",
    allowed: ["coordinator", "therapist", "researcher", "otherCoordinator", "otherTherapist"],
  },
  "GET /api/patients/{id}": {
    path: (c) => `/api/patients/${c.h.a.ids.patient}`,
    allowed: ["coordinator", "therapist", "researcher"],
  },
  "GET /api/patients/{id}/contact": {
    path: (c) => `/api/patients/${c.h.a.ids.patient}/contact`,
    allowed: ["coordinator"],
  },
  "PUT /api/patients/{id}/contact": {
    path: (c) => `/api/patients/${c.h.a.ids.patient}/contact`,
    body: () => ({ name: null, email: "p@example.org", phone: null, language: "fr" }),
    allowed: ["coordinator"],
  },
  "POST /api/patients/{id}/erasure": {
    path: (c) => `/api/patients/${c.token}/erasure`,
    body: () => ({ reason: "patient asked" }),
    allowed: ["coordinator"],
  },
  "POST /api/episodes": {
    path: () => "/api/episodes",
    body: (c) => ({ patientId: c.h.a.ids.patient, therapistId: c.h.a.ids.therapist }),
    allowed: ["coordinator"],
  },
  "GET /api/episodes/{id}": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}`,
    allowed: ["coordinator", "therapist", "researcher"],
  },
  "GET /api/episodes/{id}/message-language": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/message-language`,
    allowed: ["coordinator", "therapist"],
  },
  "PUT /api/episodes/{id}/message-language": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/message-language`,
    body: () => ({ language: "en" }),
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/episodes/{id}/sessions": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/sessions`,
    allowed: ["coordinator", "therapist", "researcher"],
  },
  "POST /api/episodes/{id}/sessions": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/sessions`,
    body: () => ({ number: 100 + Math.floor(Math.random() * 900) }),
    allowed: ["coordinator", "therapist"],
  },
  // Session modality and episode end: the episode's therapist and the coordinator; never a researcher,
  // a coder, a patient, or another therapist of the same network (404: the record is not theirs).
  "GET /api/rates": {
    path: () => "/api/rates",
    allowed: ["coordinator", "researcher", "otherCoordinator"],
  },
  "PUT /api/sessions/{id}/modality": {
    path: (c) => `/api/sessions/${c.h.a.ids.session}/modality`,
    body: () => ({ modality: "video" }),
    allowed: ["coordinator", "therapist"],
  },
  "PUT /api/episodes/{id}/end": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/end`,
    body: () => ({ endedAt: "2199-12-31", reason: "dropout" }),
    allowed: ["coordinator", "therapist"],
  },
  "DELETE /api/episodes/{id}/end": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/end`,
    allowed: ["coordinator", "therapist"],
  },
  "POST /api/episodes/{id}/next-session-link": {
    path: (c) => `/api/episodes/${c.h.a.ids.episode}/next-session-link`,
    body: () => ({}),
    allowed: ["coordinator", "therapist"],
  },
  "POST /api/sessions/{id}/links": {
    path: (c) => `/api/sessions/${c.h.a.ids.session}/links`,
    body: () => ({}),
    allowed: ["coordinator", "therapist"],
  },
  "POST /api/sessions/{id}/coders": {
    path: (c) => `/api/sessions/${c.h.a.ids.session}/coders`,
    body: async (c) => {
      const k = await createUser(c.db, {
        networkId: c.h.a.networkId,
        code: `K${uniq()}`,
        displayName: "k",
        role: "coder",
      });
      return { coderId: k.id };
    },
    allowed: ["coordinator"],
  },
  "GET /api/coding/sessions": { path: () => "/api/coding/sessions", allowed: ["coder"] },
  "GET /api/studies/{id}/coding": {
    path: (c) => `/api/studies/${c.h.a.studyId}/coding`,
    allowed: ["coordinator"],
  },
  "GET /api/r/{token}": { path: (c) => `/api/r/${c.token}`, allowed: ["patient", "otherPatient"] },
  "POST /api/r/{token}/submit": {
    path: (c) => `/api/r/${c.token}/submit`,
    body: () => validSubmission(),
    allowed: ["patient", "otherPatient"],
  },
  // Both networks show patients their progress, so the link's own patient is answered (200, or 409 before
  // sending); everyone else is refused.
  "GET /api/r/{token}/progress": {
    path: (c) => `/api/r/${c.token}/progress`,
    body: async (c) => {
      for (const net of [c.h.a, c.h.b]) await setNetworkSharesProgress(c.db, net.networkId, true);
      return undefined;
    },
    allowed: ["patient", "otherPatient"],
  },
  "GET /api/fhir/Questionnaire/{id}": { path: () => "/api/fhir/Questionnaire/wellbeing", allowed: SIGNED_IN },
  "GET /api/fhir/Questionnaire": { path: () => "/api/fhir/Questionnaire?status=active", allowed: SIGNED_IN },
  "POST /api/fhir/QuestionnaireResponse": {
    path: () => "/api/fhir/QuestionnaireResponse",
    body: (c) =>
      c.p === "coder"
        ? {
            resourceType: "QuestionnaireResponse",
            questionnaire: RUPTURE_OBSERVER,
            status: "completed",
            encounter: { reference: `Encounter/${c.h.a.ids.session}` },
            item: [
              { linkId: "withdrawal", answer: [{ valueInteger: 0 }] },
              { linkId: "confrontation", answer: [{ valueInteger: 2 }] },
            ],
          }
        : c.p === "patient" || c.p === "otherPatient"
          ? validSubmission().responses[0]
          : therapistQr(c.h.a.ids.session),
    headers: { "content-type": "application/fhir+json" },
    allowed: ["coordinator", "therapist", "coder", "patient", "otherPatient"],
  },
  "GET /api/fhir/QuestionnaireResponse/{id}": {
    path: (c) => `/api/fhir/QuestionnaireResponse/${c.patientResponse}`,
    allowed: ["coordinator", "therapist", "researcher"],
  },
  "GET /api/fhir/QuestionnaireResponse": {
    path: (c) => `/api/fhir/QuestionnaireResponse?session=${c.h.a.ids.session}`,
    allowed: ["coordinator", "therapist", "researcher", "coder"],
  },
  "POST /api/fhir/QuestionnaireResponse/{id}/correction": {
    path: (c) => `/api/fhir/QuestionnaireResponse/${c.therapistResponse}/correction`,
    body: (c) => therapistQr(c.h.a.ids.session),
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/audit": { path: () => "/api/audit", allowed: ["coordinator", "otherCoordinator"] },
  "GET /api/audit/choices": {
    path: () => "/api/audit/choices",
    allowed: ["coordinator", "otherCoordinator"],
  },
  "POST /api/import/long-csv": {
    path: () => "/api/import/long-csv",
    body: () =>
      `therapist,patient,session,condition,alliance_patient,alliance_therapist,wellbeing\nT${uniq()},P${uniq()},1,1,4,4,3\n`,
    headers: { "content-type": "text/csv" },
    allowed: ["coordinator", "otherCoordinator"],
  },
  "POST /api/import/redcap": {
    path: () => "/api/import/redcap",
    body: () => ({
      records: `record_id,redcap_event_name,ther,wai\n${uniq()},session_2_arm_1,T${uniq()},4.5\n`,
      dictionary: `Variable / Field Name,Form Name,Field Type,Field Label,Text Validation Min,Text Validation Max\nrecord_id,f,text,ID,,\nther,f,text,Therapist,,\nwai,f,text,WAI,1,5\n`,
      mapping: {
        patient: "record_id",
        therapist: "ther",
        session: "redcap_event_name",
        alliance_patient: "wai",
      },
    }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "POST /api/import/fhir": {
    path: () => "/api/import/fhir",
    body: () => selfContainedBundle(`P${uniq()}`, `T${uniq()}`),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/dashboard/caseload": {
    path: () => "/api/dashboard/caseload",
    allowed: ["coordinator", "therapist", "otherCoordinator", "otherTherapist"],
  },
  "GET /api/dashboard/episodes/{id}": {
    path: (c) => `/api/dashboard/episodes/${c.h.a.ids.episode}`,
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/dashboard/episodes/{id}/report.pdf": {
    path: (c) => `/api/dashboard/episodes/${c.h.a.ids.episode}/report.pdf`,
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/dashboard/attunement": {
    path: () => "/api/dashboard/attunement",
    allowed: ["therapist", "otherTherapist"],
  },
  "POST /api/dashboard/episodes/{id}/acknowledgements": {
    path: (c) => `/api/dashboard/episodes/${c.h.a.ids.episode}/acknowledgements`,
    // The harness's dyad has no alert: allowed principals get 409 (no such alert), others are refused.
    body: () => ({ kind: "rupture", session: 1 }),
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/dashboard/calibration": {
    path: () => "/api/dashboard/calibration",
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/dashboard/events": {
    path: () => "/api/dashboard/events",
    allowed: ["coordinator", "therapist", "otherCoordinator", "otherTherapist"],
  },
  "GET /api/export/long.csv": {
    path: () => "/api/export/long.csv",
    allowed: ["coordinator", "researcher", "otherCoordinator"],
  },
  "GET /api/export/fhir": {
    path: () => "/api/export/fhir",
    allowed: ["coordinator", "researcher", "otherCoordinator"],
  },
  "PUT /api/users/{id}/site": {
    path: (c) => `/api/users/${c.h.a.ids.therapist2}/site`,
    body: () => ({ siteId: null }),
    allowed: ["coordinator"],
  },
  "PUT /api/users/{id}/disabled": {
    path: (c) => `/api/users/${c.h.a.ids.therapist2}/disabled`,
    body: () => ({ disabled: false }),
    allowed: ["coordinator"],
  },
  "POST /api/users/{id}/invitation": {
    path: (c) => `/api/users/${c.h.a.ids.therapist}/invitation`,
    allowed: ["coordinator"],
  },
  "POST /api/auth/invitation": {
    path: () => "/api/auth/invitation",
    body: async (c) => {
      const u = await createUser(c.db, {
        networkId: c.h.a.networkId,
        code: `I${uniq()}`,
        email: `i${uniq()}@x.dev`,
        displayName: "i",
        role: "therapist",
      });
      const { token } = await createInvitation(c.db, {
        userId: u.id,
        createdBy: c.h.a.ids.coordinator,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      return { token, password: "a long new password" };
    },
    allowed: ALL,
  },
  "POST /api/studies/{id}/randomisation": {
    path: (c) => `/api/studies/${c.h.a.studyId}/randomisation`,
    body: async (c) => {
      const t = await createUser(c.db, {
        networkId: c.h.a.networkId,
        code: `T${uniq()}`,
        displayName: "t",
        role: "therapist",
      });
      return { blockSize: 2, therapistIds: [t.id] };
    },
    allowed: ["coordinator"],
  },
  "GET /api/studies/{id}/randomisations": {
    path: (c) => `/api/studies/${c.h.a.studyId}/randomisations`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/studies/{id}/completion": {
    path: (c) => `/api/studies/${c.h.a.studyId}/completion`,
    allowed: ["coordinator"],
  },
  "POST /api/studies/{id}/therapist-reminders": {
    path: (c) => `/api/studies/${c.h.a.studyId}/therapist-reminders`,
    body: () => ({}),
    allowed: ["coordinator"],
  },
  // The fixture link of network a's patient 1 (therapist T1's): no contact e-mail, so delivery is null.
  "POST /api/links/send": {
    path: () => "/api/links/send",
    body: (c) => ({ token: c.h.a.tokens.link }),
    allowed: ["coordinator", "therapist"],
  },
  "GET /api/messages": { path: () => "/api/messages", allowed: ["coordinator", "otherCoordinator"] },
  "GET /api/auth/options": { path: () => "/api/auth/options", allowed: ALL },
  // No SMTP in this harness: everyone gets the same 409 "e-mail is not configured" (never 401/403).
  "POST /api/auth/password-reset": {
    path: () => "/api/auth/password-reset",
    body: (c) => ({ email: c.h.a.emails.researcher }),
    allowed: ALL,
  },
  "POST /api/studies/{id}/reminders": {
    path: (c) => `/api/studies/${c.h.a.studyId}/reminders`,
    body: () => ({}),
    allowed: ["coordinator"],
  },
  "POST /api/r/{token}/decline": {
    path: (c) => `/api/r/${c.token}/decline`,
    body: () => ({ forms: [WELLBEING] }),
    allowed: ["patient", "otherPatient"],
  },
  "POST /api/runs": {
    path: () => "/api/runs",
    body: () => ({ recipe: "congruence" }),
    allowed: ["coordinator", "researcher", "otherCoordinator"],
  },
  "GET /api/runs": { path: () => "/api/runs", allowed: ["coordinator", "researcher", "otherCoordinator"] },
  "GET /api/runs/{id}": { path: (c) => `/api/runs/${c.runId}`, allowed: ["coordinator", "researcher"] },
  "GET /api/runs/{id}/report.html": {
    path: (c) => `/api/runs/${c.runId}/report.html`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/runs/{id}/figures": {
    path: (c) => `/api/runs/${c.runId}/figures`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/runs/{id}/figures/{n}": {
    path: (c) => `/api/runs/${c.runId}/figures/0`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/runs/{id}/data.csv": {
    path: (c) => `/api/runs/${c.runId}/data.csv`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/runs/{id}/script.R": {
    path: (c) => `/api/runs/${c.runId}/script.R`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/runs/{id}/models.csv": {
    path: (c) => `/api/runs/${c.runId}/models.csv`,
    allowed: ["coordinator", "researcher"],
  },
  "GET /api/instruments": { path: () => "/api/instruments", allowed: STAFF },
  "POST /api/instruments/{id}/licensed-text": {
    path: () => "/api/instruments/wai-sr/licensed-text",
    body: () => ({
      file: fakeWaiFile(),
      attestation: { holdsLicence: true, statement: "test attestation (fake licence)" },
      replace: true,
    }),
    allowed: ["coordinator", "otherCoordinator"],
  },
  "DELETE /api/instruments/{id}/licensed-text": {
    path: () => "/api/instruments/wai-sr/licensed-text",
    body: seedLicensedText,
    allowed: ["coordinator", "otherCoordinator"],
  },
  "GET /api/runs/{id}/fhir": {
    path: (c) => `/api/runs/${c.runId}/fhir`,
    allowed: ["coordinator", "researcher"],
  },
};

/** Enough rows of the golden network for a recipe to run (the first 12 therapists). */
function someNetworkData(): string {
  const lines = readFileSync(join(import.meta.dirname, "../../../fixtures/golden/prn_small.csv"), "utf8")
    .trim()
    .split("\n");
  return (
    [lines[0], ...lines.slice(1).filter((l) => Number(/^"T(\d+)"/.exec(l)?.[1]) <= 12)].join("\n") + "\n"
  );
}

export function selfContainedBundle(patientCode: string, therapistCode: string) {
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      {
        resource: {
          resourceType: "Patient",
          id: "p1",
          identifier: [{ system: "https://attune.dev/fhir/patient-code", value: patientCode }],
        },
      },
      {
        resource: {
          resourceType: "EpisodeOfCare",
          id: "e1",
          status: "active",
          patient: { reference: "Patient/p1" },
          careManager: {
            identifier: { system: "https://attune.dev/fhir/therapist-code", value: therapistCode },
          },
        },
      },
      {
        resource: {
          resourceType: "Encounter",
          id: "s1",
          status: "finished",
          episodeOfCare: [{ reference: "EpisodeOfCare/e1" }],
          extension: [{ url: "https://attune.dev/fhir/session-number", valueInteger: 1 }],
        },
      },
      {
        resource: {
          resourceType: "QuestionnaireResponse",
          questionnaire: ALLIANCE_PATIENT,
          status: "completed",
          encounter: { reference: "Encounter/s1" },
          item: ["goal", "task", "bond1", "bond2"].map((linkId) => ({
            linkId,
            answer: [{ valueInteger: 3 }],
          })),
        },
      },
    ],
  };
}

const REFUSED = [401, 403, 404];

describeEachDialect("authorization matrix", (dialect) => {
  let h: Harness;
  const clients = new Map<P, Client>();
  const tokens = new Map<P, string>();
  let patientResponse = "";
  let therapistResponse = "";
  let runId = "";

  beforeAll(async () => {
    h = await openHarness(dialect);
    for (const net of [h.a, h.b]) {
      const coord = await h.signIn(net.emails.coordinator);
      const imp = await coord.request("POST", "/api/import/long-csv?study=golden", someNetworkData(), {
        "content-type": "text/csv",
      });
      if (imp.status !== 200) throw new Error(`import: ${imp.status} ${await imp.text()}`);
    }
    const rs = await (
      await h.signIn(h.a.emails.researcher)
    ).request("POST", "/api/runs", { recipe: "congruence" });
    if (rs.status !== 201) throw new Error(`run: ${rs.status} ${await rs.text()}`);
    runId = ((await rs.json()) as { id: string }).id;
    const sub = await h
      .patient(h.a.tokens.link)
      .request("POST", `/api/r/${h.a.tokens.link}/submit`, validSubmission());
    patientResponse = ((await sub.json()) as { ids: string[] }).ids[0]!;
    const t = await h.signIn(h.a.emails.therapist);
    const tr = await t.request("POST", "/api/fhir/QuestionnaireResponse", therapistQr(h.a.ids.session));
    therapistResponse = ((await tr.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  async function client(p: P): Promise<Client> {
    const emails: Partial<Record<P, string>> = {
      coordinator: h.a.emails.coordinator,
      therapist: h.a.emails.therapist,
      researcher: h.a.emails.researcher,
      coder: h.a.emails.coder,
      otherCoordinator: h.b.emails.coordinator,
      otherTherapist: h.a.emails.therapist2,
    };
    if (p === "anonymous") return h.anonymous;
    if (p === "patient" || p === "otherPatient") {
      // Fresh links each time, so one-time use does not mask an authorization result.
      const ep = p === "patient" ? h.a.ids.episode : h.a.ids.episode2;
      const s = p === "patient" ? h.a.ids.session : h.a.ids.session2;
      const { token } = await createLink(h.store.db, {
        networkId: h.a.networkId,
        episodeId: ep,
        sessionId: s,
        forms: [ALLIANCE_PATIENT, WELLBEING],
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        createdBy: h.a.ids.coordinator,
      });
      tokens.set(p, token);
      return h.patient(token, p);
    }
    const existing = clients.get(p);
    if (existing) return existing;
    const c = await h.signIn(emails[p]!, p);
    clients.set(p, c);
    return c;
  }

  it("covers exactly the routes the app registers and documents", async () => {
    const doc = (await (await h.anonymous.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-allowed"?: string[] }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = h.app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, "{$1}")}`);
    const table = Object.keys(TABLE);
    expect(new Set(registered)).toEqual(new Set(table));
    expect(new Set([...documented, "GET /healthz", "GET /metrics", "GET /api/openapi.json"])).toEqual(
      new Set(table),
    );
  });

  for (const [route, cell] of Object.entries(TABLE)) {
    it(`${route}: only ${cell.allowed.join(", ")}`, async () => {
      const method = route.split(" ")[0]!;
      const order = [...ALL];
      const results: string[] = [];
      for (const p of order) {
        const c = await client(p);
        // Erasure gets a fresh patient each time (it deletes).
        let token = tokens.get(p) ?? "x".repeat(43);
        if (route.includes("erasure"))
          token = (await createPatient(h.store.db, { networkId: h.a.networkId, code: `E${uniq()}` })).id;
        const ctx: Ctx = { h, db: h.store.db, p, token, patientResponse, therapistResponse, runId };
        const body = cell.body ? await cell.body(ctx) : method === "POST" ? {} : undefined;
        const res = await c.request(method, cell.path(ctx), body, cell.headers ?? {});
        // An event stream stays open: close it once its status is known.
        if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
        const allowed = cell.allowed.includes(p);
        const ok = allowed ? res.status < 300 || res.status === 409 : REFUSED.includes(res.status);
        if (!ok) results.push(`${p}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        if (route === "POST /api/auth/logout" && p !== "anonymous") clients.delete(p);
      }
      expect(results).toEqual([]);
    });
  }

  it("refuses unknown routes to everyone", async () => {
    for (const p of ALL) {
      const res = await (await client(p)).request("GET", "/api/admin");
      expect(res.status).toBe(404);
    }
  });
});
