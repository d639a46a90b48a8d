// createApp(deps): the whole HTTP API as a Hono app; only main.ts listens on a port.
import { therapistDataApi } from "./therapists/routes.ts";
import { ratesApi } from "./runs/rates.ts";
import { HTTPException } from "hono/http-exception";
import { InputError } from "@attune/stats";
import type { Context } from "hono";
import { ApiError, statusOf, toOperationOutcome, type ErrorKind } from "./errors.ts";
import { DEFAULT_CONFIG, type AppDeps, type Ctx } from "./context.ts";
import { newApi, type Api } from "./hono.ts";
import { randomBytes } from "node:crypto";
import { RateLimiter } from "./auth/rateLimit.ts";
import { SecretBox } from "./auth/secretBox.ts";
import { principalMiddleware } from "./auth/principal.ts";
import { bodyReader } from "./body.ts";
import { authApi } from "./auth/routes.ts";
import { signInApi } from "./auth/signIn.ts";
import { twoFactorApi } from "./auth/twoFactor.ts";
import { securityApi } from "./setup/security.ts";
import { setupApi } from "./setup/routes.ts";
import { accountsApi } from "./setup/accounts.ts";
import { clinicalApi } from "./clinical/routes.ts";
import { nextSessionApi } from "./clinical/nextSession.ts";
import { patientLinkApi } from "./patientLinks/routes.ts";
import { patientProgressApi } from "./patientLinks/progressRoutes.ts";
import { messageLanguageApi } from "./clinical/messageLanguage.ts";
import { fhirApi } from "./fhir/routes.ts";
import { auditApi } from "./audit/routes.ts";
import { dataApi } from "./imports/routes.ts";
import { dashboardApi } from "./dashboard/routes.ts";
import { alertsApi } from "./dashboard/alertRoutes.ts";
import { ResponseEvents } from "./dashboard/events.ts";
import { AnalysisWorkers } from "./analysis/pool.ts";
import { registerWeb } from "./web.ts";
import { runsApi } from "./runs/routes.ts";
import { downloadsApi } from "./runs/downloads.ts";
import { studiesApi } from "./studies/routes.ts";
import { scheduleApi } from "./studies/schedule.ts";
import { studyMaintenanceApi } from "./studies/maintenance.ts";
import { contactApi } from "./clinical/contact.ts";
import { randomisationApi } from "./studies/randomisation.ts";
import { completionApi } from "./studies/completion.ts";
import { declineApi } from "./patientLinks/decline.ts";
import { instrumentApi } from "./instruments/routes.ts";
import { codingApi } from "./coding/routes.ts";
import { syncQuestionnaires } from "./instruments/sync.ts";
import { ATTUNE_VERSION } from "./version.ts";
import { mountOperations } from "./ops/mount.ts";
import { withTransportSecurity } from "./ops/transport.ts";
import { Messenger } from "./messaging/messenger.ts";
import { messagingApi } from "./messaging/routes.ts";
import { passwordResetApi } from "./auth/reset.ts";
import { failUnsent } from "@attune/db";

export type { Api } from "./hono.ts";

export interface App {
  app: Api;
  ctx: Ctx;
  /** Resolves once the built-in questionnaires are stored. */
  ready: Promise<void>;
  /** Stops what the app started besides the store (the analysis worker); the store is the caller's. */
  close(): Promise<void>;
}

const HTTP_KIND: Record<number, ErrorKind> = {
  400: "invalid",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  413: "too-large",
  415: "unsupported-media-type",
};

export function createApp(deps: AppDeps): App {
  const config = withTransportSecurity({ ...DEFAULT_CONFIG, ...deps.config });
  const ctx: Ctx = {
    store: deps.store,
    instruments: deps.instruments,
    config,
    limits: {
      address: new RateLimiter(config.loginLimit.perAddress, config.loginLimit.windowMs),
      account: new RateLimiter(config.loginLimit.perAccount, config.loginLimit.windowMs),
      accountWide: new RateLimiter(config.loginLimit.perAccountWide, config.loginLimit.windowMs),
    },
    box: new SecretBox(config.secretKey ?? randomBytes(32)),
    events: new ResponseEvents(),
    analysis: new AnalysisWorkers(),
    messenger: new Messenger(deps.store.db, {
      smtp: config.smtp,
      sms: config.sms,
      smsProvider: config.smsProvider,
      retry: config.messageRetry,
    }),
  };
  const app: Api = newApi();

  app.onError((err, c) => errorResponse(err, c));
  app.notFound((c) => errorResponse(new ApiError("not-found", `no route ${c.req.method} ${c.req.path}`), c));

  mountOperations(app, ctx); // request log, /metrics, /healthz, HSTS (ops/)

  app.use("/api/*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
    c.header("x-content-type-options", "nosniff");
  });
  app.use("/api/*", bodyReader(ctx));
  app.use("/api/*", principalMiddleware(ctx));

  app.route("/", authApi(ctx));
  app.route("/", signInApi(ctx));
  app.route("/", twoFactorApi(ctx));
  app.route("/", securityApi(ctx));
  app.route("/", setupApi(ctx));
  app.route("/", accountsApi(ctx));
  app.route("/", clinicalApi(ctx));
  app.route("/", nextSessionApi(ctx));
  app.route("/", patientLinkApi(ctx));
  app.route("/", patientProgressApi(ctx));
  app.route("/", fhirApi(ctx));
  app.route("/", auditApi(ctx));
  app.route("/", dataApi(ctx));
  app.route("/", dashboardApi(ctx));
  app.route("/", alertsApi(ctx));
  app.route("/", studiesApi(ctx));
  app.route("/", scheduleApi(ctx));
  app.route("/", studyMaintenanceApi(ctx));
  app.route("/", contactApi(ctx));
  app.route("/", messageLanguageApi(ctx));
  app.route("/", randomisationApi(ctx));
  app.route("/", completionApi(ctx));
  app.route("/", declineApi(ctx));
  app.route("/", runsApi(ctx));
  app.route("/", therapistDataApi(ctx));
  app.route("/", ratesApi(ctx));
  app.route("/", downloadsApi(ctx));
  app.route("/", instrumentApi(ctx));
  app.route("/", codingApi(ctx));
  app.route("/", messagingApi(ctx));
  app.route("/", passwordResetApi(ctx));

  if (deps.webDir) registerWeb(app, deps.webDir);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "attune API",
      version: ATTUNE_VERSION,
      description:
        "Practice research network data platform. Staff sign in (cookie + x-csrf-token header on changes); " +
        "patients use one-time links. Each operation lists the roles allowed in x-allowed. Errors are OperationOutcomes.",
    },
  });

  const relay = deps.store.relay;
  const ready = Promise.all([
    syncQuestionnaires(ctx),
    // Several API processes on one PostgreSQL: answers stored by the others reach this one's dashboards.
    relay ? ctx.events.connect(relay) : undefined,
    // Messages queued over an hour ago were lost with a stopped server (bodies live in memory only).
    failUnsent(
      deps.store.db,
      new Date(Date.now() - 3600_000).toISOString(),
      "not sent: the server stopped before delivering it; send it again",
    ),
  ]).then(() => undefined);
  ready.catch(() => {}); // callers that await `ready` still see the error; nobody else crashes on it
  return {
    app,
    ctx,
    ready,
    close: async () => {
      ctx.messenger.close();
      await ctx.analysis.close();
    },
  };
}

function errorResponse(err: unknown, c: Context): Response {
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  // Bad input found below the HTTP layer (stats, core, the analysis worker) is the caller's to fix.
  else if (err instanceof InputError) e = new ApiError("invalid", err.message);
  else if (err instanceof HTTPException) e = new ApiError(HTTP_KIND[err.status] ?? "invalid", err.message);
  else {
    console.error("attune: unexpected error", err);
    e = new ApiError("internal", "internal error; nothing was stored by this request");
  }
  const res = c.json(toOperationOutcome(e), statusOf(e.kind));
  if (e.kind === "rate-limited") res.headers.set("retry-after", "60");
  return res;
}
