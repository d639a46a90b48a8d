// What the server offers before sign-in (GET /api/auth/options): e-mail and SMS configured, password
// reset by e-mail, and the idle sign-out period. Asked once per page load.
import type { ServerOptionsOut } from "@attune/api";
import { api } from "../api.ts";

export type ServerOptions = ServerOptionsOut;

let asked: Promise<ServerOptions> | null = null;

/** The server's options (an older server without the route: nothing configured, 30 minutes). */
export function serverOptions(): Promise<ServerOptions> {
  asked ??= api<ServerOptions>("GET", "/api/auth/options").catch(() => ({
    email: false,
    sms: false,
    passwordReset: false,
    idleSeconds: 1800,
  }));
  return asked;
}

/** A period in words: "30 minutes", "1 minute", "20 seconds" (French with `fr`). */
export function spanText(seconds: number, lang: "en" | "fr" = "en"): string {
  if (seconds % 60 === 0) {
    const m = seconds / 60;
    return lang === "fr" ? `${m} minute${m > 1 ? "s" : ""}` : `${m} minute${m === 1 ? "" : "s"}`;
  }
  return lang === "fr" ? `${seconds} secondes` : `${seconds} seconds`;
}
