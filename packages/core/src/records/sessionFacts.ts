// Facts about a session and an episode beyond their numbers: how the session was held (modality) and
// how the episode ended (date and reason). One vocabulary for the API, the pages, the long CSV, REDCap,
// FHIR and the recipes (the `modality` recipe takes "in person" as its reference; dropout rates read
// the end reason).

/** How a session was held. */
export type Modality = "in person" | "video" | "phone";
/** Every modality, in the order pages list them. */
export const MODALITIES: readonly Modality[] = ["in person", "video", "phone"];

/** Why an episode ended. */
export type EndReason = "completed" | "dropout" | "referred" | "other";
/** Every end reason, in the order pages list them. */
export const END_REASONS: readonly EndReason[] = ["completed", "dropout", "referred", "other"];

// Spellings other systems write (REDCap choice labels, spreadsheets, FHIR codes), lower-cased.
const MODALITY_SPELLINGS: Record<string, Modality> = {
  "in person": "in person",
  "in-person": "in person",
  in_person: "in person",
  inperson: "in person",
  office: "in person",
  "face to face": "in person",
  "face-to-face": "in person",
  video: "video",
  videoconference: "video",
  telehealth: "video",
  phone: "phone",
  telephone: "phone",
};
const REASON_SPELLINGS: Record<string, EndReason> = {
  completed: "completed",
  complete: "completed",
  dropout: "dropout",
  "drop-out": "dropout",
  "dropped out": "dropout",
  referred: "referred",
  "referred on": "referred",
  other: "other",
};

const shown = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : String(v));

/**
 * Reads a session modality as any path in gives it; returns the modality or a message naming the bad
 * value and the accepted ones.
 *
 * @example
 * modalityOf("In-person"); // "in person"
 * modalityOf("zoom"); // 'modality "zoom" is not one of in person, video, phone'
 */
export function modalityOf(value: unknown): Modality | string {
  const key = typeof value === "string" ? value.trim().toLowerCase().replace(/\s+/g, " ") : undefined;
  const m = key === undefined ? undefined : MODALITY_SPELLINGS[key];
  return m ?? `modality ${shown(value)} is not one of ${MODALITIES.join(", ")}`;
}

/**
 * Reads an episode's end reason; returns the reason or a message naming the bad value.
 *
 * @example
 * endReasonOf("Dropout"); // "dropout"
 * endReasonOf("moved"); // 'end reason "moved" is not one of completed, dropout, referred, other'
 */
export function endReasonOf(value: unknown): EndReason | string {
  const key = typeof value === "string" ? value.trim().toLowerCase().replace(/\s+/g, " ") : undefined;
  const r = key === undefined ? undefined : REASON_SPELLINGS[key];
  return r ?? `end reason ${shown(value)} is not one of ${END_REASONS.join(", ")}`;
}

/**
 * True when the text is one of the stored modalities exactly.
 *
 * @example
 * isModality("video"); // true
 */
export function isModality(value: unknown): value is Modality {
  return typeof value === "string" && (MODALITIES as readonly string[]).includes(value);
}

/**
 * Checks an episode's end against its sessions: the end date is not before the last dated session.
 * (Not against the episode's start: an import or a late registration opens the episode after the fact.)
 * Returns a message or undefined.
 *
 * @example
 * episodeEndProblem({ endedAt: "2025-01-01", lastSessionDate: "2025-02-01" });
 * // "end date 2025-01-01 is before the episode's last session (2025-02-01)"
 */
export function episodeEndProblem(e: {
  endedAt: string;
  lastSessionDate?: string | null;
}): string | undefined {
  const end = e.endedAt.slice(0, 10);
  const last = e.lastSessionDate?.slice(0, 10);
  if (last && end < last) return `end date ${end} is before the episode's last session (${last})`;
  return undefined;
}

/**
 * True when the text is one of the stored end reasons exactly.
 *
 * @example
 * isEndReason("dropout"); // true
 */
export function isEndReason(value: unknown): value is EndReason {
  return typeof value === "string" && (END_REASONS as readonly string[]).includes(value);
}
