// FHIR resources built from stored rows: searchset and collection Bundles, pseudonymous Patient,
// EpisodeOfCare (episode) and Encounter (session).
import type { Bundle, BundleEntry, FhirResource } from "fhir/r4";
import type { Episode, Patient, ResponseRow, TherapySession } from "@attune/db";
import { attuneResponse } from "@attune/core";

export function searchset(base: string, resources: FhirResource[]): Bundle {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: resources.length,
    entry: resources.map((r) => ({
      fullUrl: `${base}/api/fhir/${r.resourceType}/${r.id ?? ""}`,
      resource: r,
      search: { mode: "match" },
    })),
  };
}

export function collection(base: string, resources: FhirResource[]): Bundle {
  const entry: BundleEntry[] = resources.map((r) => ({
    fullUrl: `${base}/api/fhir/${r.resourceType}/${r.id ?? ""}`,
    resource: r,
  }));
  return { resourceType: "Bundle", type: "collection", timestamp: new Date().toISOString(), entry };
}

export const PATIENT_CODE_SYSTEM = "https://attune.dev/fhir/patient-code";
export const THERAPIST_CODE_SYSTEM = "https://attune.dev/fhir/therapist-code";
export const ARM_SYSTEM = "https://attune.dev/fhir/arm";
/** Encounter extension: how the session was held (valueCode "in person" | "video" | "phone"). */
export const MODALITY_EXTENSION = "https://attune.dev/fhir/session-modality";
/** EpisodeOfCare extension: why the episode ended (valueCode "completed" | "dropout" | "referred" | "other"). */
export const END_REASON_EXTENSION = "https://attune.dev/fhir/end-reason";
const ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/** A stored response as researchers see it: attune's fields only, whatever was stored before that rule. */
export function responseResource(r: ResponseRow): FhirResource {
  return attuneResponse(JSON.parse(r.resource)) as unknown as FhirResource;
}

export function patientResource(p: Patient): FhirResource {
  return { resourceType: "Patient", id: p.id, identifier: [{ system: PATIENT_CODE_SYSTEM, value: p.code }] };
}

export function episodeResource(e: Episode, therapistCode: string, armCode: string | null): FhirResource {
  return {
    resourceType: "EpisodeOfCare",
    id: e.id,
    status: e.end_reason ? "finished" : "active",
    ...(e.end_reason ? { extension: [{ url: END_REASON_EXTENSION, valueCode: e.end_reason }] } : {}),
    patient: { reference: `Patient/${e.patient_id}` },
    careManager: { identifier: { system: THERAPIST_CODE_SYSTEM, value: therapistCode } },
    ...(armCode !== null ? { type: [{ coding: [{ system: ARM_SYSTEM, code: armCode }] }] } : {}),
    period: { start: e.started_at, ...(e.ended_at ? { end: e.ended_at } : {}) },
  };
}

export function encounterResource(s: TherapySession, e: Episode): FhirResource {
  return {
    resourceType: "Encounter",
    id: s.id,
    status: "finished",
    // Ambulatory in person, virtual by video or phone (HL7 v3 ActCode); the modality itself in an extension.
    class: { system: ACT_CODE, code: s.modality === "video" || s.modality === "phone" ? "VR" : "AMB" },
    subject: { reference: `Patient/${e.patient_id}` },
    episodeOfCare: [{ reference: `EpisodeOfCare/${e.id}` }],
    extension: [
      { url: "https://attune.dev/fhir/session-number", valueInteger: s.number },
      ...(s.modality ? [{ url: MODALITY_EXTENSION, valueCode: s.modality }] : []),
    ],
    ...(s.date ? { period: { start: s.date } } : {}),
  };
}
