// In-process notification of stored responses, for the dashboard's server-sent events. With several API
// processes on one PostgreSQL, each process only hears its own submissions (see docs/web.md).
export interface ResponseEvent {
  networkId: string;
  episodeId: string;
  sessionId: string;
  rater: string;
}

type Listener = (e: ResponseEvent) => void;

export class ResponseEvents {
  private readonly listeners = new Set<Listener>();

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: ResponseEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a broken listener (closed stream) must not stop the others
      }
    }
  }
}
