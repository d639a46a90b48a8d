import { InputError } from "@attune/stats";

/** One line of a study's measurement schedule. */
export interface ScheduleLine {
  questionnaire: string;
  rater: "patient" | "therapist" | "observer";
  sessions: "all" | readonly number[];
}

/** A session of an episode, with its date (ISO date or timestamp; null = not dated). */
export interface SessionInfo {
  id: string;
  number: number;
  date: string | null;
}

/** A form due at a session, and where it stands. */
export interface FormStatus {
  sessionId: string;
  session: number;
  questionnaire: string;
  rater: ScheduleLine["rater"];
  /**
   * done: answered; declined: the patient declined it; open: due, within the grace period; late: past
   * the grace period, still worth a reminder; missed: past the reminder window; upcoming: the session
   * is in the future (or undated).
   */
  status: "done" | "declined" | "open" | "late" | "missed" | "upcoming";
}

export interface CompletionOptions {
  /** Now, as an ISO timestamp. */
  now: string;
  /** Days after the session date a form becomes late [2]. */
  lateAfterDays?: number;
  /** Days after the session date a form counts as missed [14]. */
  missedAfterDays?: number;
}

const DAY = 86_400_000;

/**
 * Which forms the schedule makes due at each session, and whether each is done, declined, open, late,
 * missed or upcoming. `done` and `declined` are keys `sessionId + " " + questionnaire`.
 *
 * @example
 * completionStatus([{ questionnaire: "q", rater: "patient", sessions: "all" }],
 *   [{ id: "s1", number: 1, date: "2025-01-01" }], new Set(), new Set(), { now: "2025-01-10T00:00:00Z" });
 */
export function completionStatus(
  schedule: readonly ScheduleLine[],
  sessions: readonly SessionInfo[],
  done: ReadonlySet<string>,
  declined: ReadonlySet<string>,
  options: CompletionOptions,
): FormStatus[] {
  const now = Date.parse(options.now);
  if (Number.isNaN(now)) throw new InputError(`now is not a timestamp: ${options.now}`);
  const late = (options.lateAfterDays ?? 2) * DAY;
  const missed = (options.missedAfterDays ?? 14) * DAY;
  if (missed < late) throw new InputError("missedAfterDays must not be less than lateAfterDays");
  const out: FormStatus[] = [];
  for (const s of [...sessions].sort((a, b) => a.number - b.number)) {
    for (const line of schedule) {
      if (line.sessions !== "all" && !line.sessions.includes(s.number)) continue;
      const key = `${s.id} ${line.questionnaire}`;
      const at = s.date === null ? NaN : Date.parse(s.date);
      let status: FormStatus["status"];
      if (done.has(key)) status = "done";
      else if (declined.has(key)) status = "declined";
      else if (Number.isNaN(at) || at > now) status = "upcoming";
      else if (now - at > missed) status = "missed";
      else if (now - at > late) status = "late";
      else status = "open";
      out.push({
        sessionId: s.id,
        session: s.number,
        questionnaire: line.questionnaire,
        rater: line.rater,
        status,
      });
    }
  }
  return out;
}

/** Counts of each status (forms that were due: everything but upcoming). */
export interface CompletionCounts {
  due: number;
  done: number;
  declined: number;
  open: number;
  late: number;
  missed: number;
  /** done / due, or null when nothing was due. */
  rate: number | null;
}

/**
 * Counts statuses.
 *
 * @example
 * countCompletion([{ status: "done" }, { status: "missed" }]).rate; // 0.5
 */
export function countCompletion(items: readonly { status: FormStatus["status"] }[]): CompletionCounts {
  const c = { due: 0, done: 0, declined: 0, open: 0, late: 0, missed: 0 };
  for (const i of items) {
    if (i.status === "upcoming") continue;
    c.due++;
    c[i.status]++;
  }
  return { ...c, rate: c.due ? c.done / c.due : null };
}
