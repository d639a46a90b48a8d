// Notification of stored responses, for the dashboard's server-sent events. Within one process listeners
// hear every response at once; on PostgreSQL the events also travel through LISTEN/NOTIFY, so several API
// processes sharing the database each tell their own dashboards about answers stored by the others.
import { randomUUID } from "node:crypto";
import type { Relay } from "@attune/db";

export interface ResponseEvent {
  networkId: string;
  episodeId: string;
  sessionId: string;
  rater: string;
}

type Listener = (e: ResponseEvent) => void;

/** The PostgreSQL channel of response events. */
export const RESPONSE_CHANNEL = "attune_responses";

export class ResponseEvents {
  private readonly listeners = new Set<Listener>();
  /** This process's mark on relayed events, so it does not hear its own twice. */
  private readonly origin = randomUUID();
  private relay: Relay | null = null;

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: ResponseEvent): void {
    this.deliver(e);
    // Other processes learn of it through the database; a failed notify costs a live update, never the
    // stored answer, so it is reported and not thrown.
    void this.relay
      ?.notify(RESPONSE_CHANNEL, JSON.stringify({ ...e, origin: this.origin }))
      .catch((err: unknown) =>
        process.stderr.write(`attune: could not relay a response event (${(err as Error).message})\n`),
      );
  }

  /**
   * Relays events through the database to and from the other API processes.
   *
   * @example
   * await events.connect(store.relay!); // stop with the returned function
   */
  async connect(relay: Relay): Promise<() => Promise<void>> {
    this.relay = relay;
    const stop = await relay.listen(RESPONSE_CHANNEL, (payload) => {
      const e = parseEvent(payload);
      if (e && e.origin !== this.origin) this.deliver(e);
    });
    return async () => {
      this.relay = null;
      await stop();
    };
  }

  private deliver(e: ResponseEvent): void {
    const event = { networkId: e.networkId, episodeId: e.episodeId, sessionId: e.sessionId, rater: e.rater };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a broken listener (closed stream) must not stop the others
      }
    }
  }
}

function parseEvent(payload: string): (ResponseEvent & { origin: string }) | null {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>;
    const fields = ["networkId", "episodeId", "sessionId", "rater", "origin"] as const;
    return fields.every((f) => typeof v[f] === "string")
      ? (v as unknown as ResponseEvent & { origin: string })
      : null;
  } catch {
    return null;
  }
}
