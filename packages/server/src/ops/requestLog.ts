// One JSON line per request on standard output: when, a request id (taken from X-Request-Id when a proxy
// sent a sane one, else made here, and echoed back), the method, the *route pattern* (never the path:
// paths carry patient-link tokens and record ids), the status and the duration. No query string, no
// body, no address, no user agent — nothing about a person.
import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";

export interface RequestLogLine {
  time: string;
  level: "info" | "warn" | "error";
  msg: "request";
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
}

export type LogWriter = (line: string) => void;

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The route pattern of the handler that answered ("/api/r/:token/submit"), read after `next()`;
 * a request no route took is "(unmatched)".
 *
 * @example
 * await next(); const route = routeOf(c);
 */
export function routeOf(c: Context): string {
  const r = routePath(c);
  // A catch-all that answered 404 (a middleware's "/*", the API's "/api/*") took nothing.
  return r === "" || (r.endsWith("*") && c.res.status === 404) ? "(unmatched)" : r;
}

/**
 * Logs each request as one JSON line and sets X-Request-Id on the answer.
 *
 * @example
 * app.use("*", requestLog((l) => process.stdout.write(l + "\n")));
 */
export function requestLog(
  write: LogWriter,
  observe?: (c: Context, route: string, ms: number) => void,
): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    const given = c.req.header("x-request-id");
    const requestId = given && SANE_ID.test(given) ? given : randomUUID();
    c.header("x-request-id", requestId);
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const ms = performance.now() - t0;
      const route = routeOf(c);
      observe?.(c, route, ms);
      const line: RequestLogLine = {
        time: new Date().toISOString(),
        level: status >= 500 ? "error" : status >= 400 ? "warn" : "info",
        msg: "request",
        requestId,
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(ms * 10) / 10,
      };
      write(JSON.stringify(line));
    }
  };
}
