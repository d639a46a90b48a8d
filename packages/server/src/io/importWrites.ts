// The long import's new sessions and responses, held and written a few hundred at a time (one statement
// each for the sessions, the responses and their scores) instead of three to four statements per row.
// Nothing the import reads back depends on them before they are written: it knows its own sessions and
// the forms stored before it (importSessions.ts), and imported sessions carry no date, so an end-date
// check (the latest dated session) reads the same with or without them. Responses are checked and
// scored when added (checkResponse, at the row), and written through submissions' storeMany.
import { SessionRepository, type Db, type TherapySession } from "@attune/db";
import type { CheckedResponse } from "../fhir/qr.ts";
import { storeMany, type ResponseTarget } from "../submissions.ts";

/**
 * How many responses (or sessions) are held before they are written: a statement's parameters stay well
 * below both dialects' limits.
 */
const BATCH = 250;

/**
 * The writes an import holds: sessions first (the responses refer to them), then the responses.
 *
 * @example
 * const writes = new ImportWrites(trx);
 * writes.session(newSessionRow(episodeId, 1));
 * writes.response(checked, { episode, session, authorKind: "import", authorId: null });
 * await writes.flushWhenFull();
 * await writes.flush();
 */
export class ImportWrites {
  private sessions: TherapySession[] = [];
  private responses: { ch: CheckedResponse; target: ResponseTarget }[] = [];
  /** Patients whose rows this transaction has locked (storeMany locks each once). */
  private readonly locked = new Set<string>();

  constructor(private readonly trx: Db) {}

  /** Holds a new session's row. */
  session(row: TherapySession): void {
    this.sessions.push(row);
  }

  /** Holds a checked response to store at its session. */
  response(ch: CheckedResponse, target: ResponseTarget): void {
    this.responses.push({ ch, target });
  }

  /** Writes what is held once enough sessions or responses wait. */
  async flushWhenFull(): Promise<void> {
    if (this.responses.length >= BATCH || this.sessions.length >= BATCH) await this.flush();
  }

  /** Writes everything held. */
  async flush(): Promise<void> {
    const sessions = this.sessions;
    const responses = this.responses;
    this.sessions = [];
    this.responses = [];
    if (sessions.length > 0) await SessionRepository.insert(this.trx, sessions);
    if (responses.length > 0) await storeMany(this.trx, responses, this.locked);
  }

  /** Forgets what is held: the import is refused, and its transaction rolls back anyway. */
  drop(): void {
    this.sessions = [];
    this.responses = [];
  }
}
