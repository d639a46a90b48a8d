// What the long import knows of the sessions of the episodes it files rows under: a stored episode's
// sessions and the forms stored at each are read once, when the import first meets the episode (two
// queries), and an episode the import creates has none; a new session is held in the import's writes.
// The forms are those stored before the import: each session is one row's (a patient's session appears
// once in a file, validateRows), so no other row of the import adds to them.
import { listSessions, newSessionRow, SessionRepository, type Db, type TherapySession } from "@attune/db";
import type { Modality } from "@attune/core";
import type { ImportWrites } from "./importWrites.ts";

/** A row's session: stored before the import (with the forms stored at it) or created by it. */
export interface ImportSession {
  readonly session: TherapySession;
  readonly created: boolean;
  /** The questionnaire addresses of the responses stored at the session before the import. */
  readonly forms: readonly string[];
}

/**
 * The sessions of the episodes an import writes to.
 *
 * @example
 * const sessions = new EpisodeSessions(trx);
 * const { session, created, forms } = await sessions.ensure(writes, episodeId, 3, "video");
 */
export class EpisodeSessions {
  private readonly known = new Map<string, Map<number, ImportSession>>();

  constructor(private readonly trx: Db) {}

  /** Records an episode the import has just created: it has no sessions. */
  created(episodeId: string): void {
    this.known.set(episodeId, new Map());
  }

  /** The episode's session of that number, created (held in `writes`) if it has none. */
  async ensure(
    writes: ImportWrites,
    episodeId: string,
    number: number,
    modality: Modality | null,
  ): Promise<ImportSession> {
    let sessions = this.known.get(episodeId);
    if (!sessions) this.known.set(episodeId, (sessions = await this.stored(episodeId)));
    const found = sessions.get(number);
    if (found) return found;
    const made: ImportSession = {
      session: newSessionRow(episodeId, number, null, modality),
      created: true,
      forms: [],
    };
    writes.session(made.session);
    sessions.set(number, made);
    return made;
  }

  private async stored(episodeId: string): Promise<Map<number, ImportSession>> {
    const sessions = await listSessions(this.trx, episodeId);
    const forms = await SessionRepository.formsAt(
      this.trx,
      sessions.map((s) => s.id),
    );
    return new Map(
      sessions.map((session) => [
        session.number,
        { session, created: false, forms: forms.get(session.id) ?? [] },
      ]),
    );
  }
}
