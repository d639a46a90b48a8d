// Idle sign-out in the page: after the server's idle period without a key press, click, touch or
// scroll, the page signs out and says why. While someone is active but not calling the API (reading,
// typing a long note), a light request keeps their server session alive, at most every third of the
// period. The server ends an idle session on its own too (a sleeping laptop runs no timers); its 401
// then says "signed out after …", which the sign-in page shows the same way.
import { spanText } from "./options.ts";

const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"] as const;

export interface IdleWatch {
  stop(): void;
}

/**
 * Watches for activity; calls `onIdle` once after `idleMs` without any, and `keepAlive` while active.
 *
 * @example
 * const w = watchIdle({ idleMs: 1800_000, keepAlive: () => api("GET", "/api/auth/me"), onIdle: signOutIdle });
 */
export function watchIdle(o: {
  idleMs: number;
  keepAlive: () => Promise<unknown>;
  onIdle: () => void;
}): IdleWatch {
  let last = Date.now();
  let pinged = Date.now();
  const mark = () => {
    last = Date.now();
    if (last - pinged > o.idleMs / 3) {
      pinged = last;
      void o.keepAlive().catch(() => undefined);
    }
  };
  for (const e of ACTIVITY) addEventListener(e, mark, { passive: true, capture: true });
  const timer = setInterval(
    () => {
      if (Date.now() - last >= o.idleMs) {
        stop();
        o.onIdle();
      }
    },
    Math.min(5000, Math.max(250, o.idleMs / 10)),
  );
  function stop(): void {
    clearInterval(timer);
    for (const e of ACTIVITY) removeEventListener(e, mark, { capture: true });
  }
  return { stop };
}

/** True for the server's idle sign-out answer (a 401 whose message says so). */
export const isIdleSignOut = (message: string): boolean =>
  /^signed out after .* without activity/.test(message);

/**
 * The sign-in page's notice after an idle sign-out.
 *
 * @example
 * idleNotice(1800, "en"); // "You were signed out after 30 minutes without activity. Sign in again to continue."
 */
export function idleNotice(seconds: number, lang: "en" | "fr"): string {
  return lang === "fr"
    ? `Vous avez été déconnecté après ${spanText(seconds, "fr")} sans activité. Reconnectez-vous pour continuer.`
    : `You were signed out after ${spanText(seconds)} without activity. Sign in again to continue.`;
}
