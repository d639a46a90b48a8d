// The operations layer of the app, mounted by createApp before any route: HSTS behind https, the JSON
// request log, /metrics (restricted to configured addresses) and /healthz.
import type { Api } from "../hono.ts";
import type { Ctx } from "../context.ts";
import { ApiError } from "../errors.ts";
import { hsts } from "./transport.ts";
import { requestLog, type LogWriter } from "./requestLog.ts";
import { createMetrics } from "./metrics.ts";
import { addressAllowed, clientAddress } from "./allowList.ts";
import { health } from "./health.ts";

/** Default: loopback only (a Prometheus on the same host, or an SSH tunnel). */
export const DEFAULT_METRICS_ALLOW = ["127.0.0.1", "::1"];

/**
 * Mounts logging, metrics, HSTS and health on the app.
 *
 * @example
 * mountOperations(app, ctx);
 */
export function mountOperations(app: Api, ctx: Ctx): void {
  const write: LogWriter = ctx.config.requestLog ?? (() => {});
  const metrics = createMetrics(ctx);
  const allowed = addressAllowed(ctx.config.metricsAllow ?? DEFAULT_METRICS_ALLOW);
  app.use("*", requestLog(write, metrics.observe));
  app.use("*", hsts(ctx.config));
  app.get("/healthz", (c) => health(ctx, c));
  app.get("/metrics", async (c) => {
    if (!allowed(clientAddress(c)))
      throw new ApiError("forbidden", "/metrics is open only to the addresses in ATTUNE_METRICS_ALLOW");
    return c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType });
  });
}
