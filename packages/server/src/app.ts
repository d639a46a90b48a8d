// createApp(deps): the whole HTTP API as a Hono app; only main.ts listens on a port.
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { Context } from "hono";
import { ApiError, statusOf, toOperationOutcome, type ErrorKind } from "./errors.ts";
import { DEFAULT_CONFIG, type AppDeps, type AppEnv, type Ctx } from "./context.ts";
import { RateLimiter } from "./auth/rateLimit.ts";
import { principalMiddleware } from "./auth/principal.ts";
import { bodyReader } from "./body.ts";
import { registerAuthRoutes } from "./routes/auth.ts";
import { registerSetupRoutes } from "./routes/setup.ts";
import { registerAccountRoutes } from "./routes/accounts.ts";
import { registerClinicalRoutes } from "./routes/clinical.ts";
import { registerPatientLinkRoutes } from "./routes/patientLink.ts";
import { registerFhirRoutes } from "./routes/fhir.ts";
import { registerAuditRoutes } from "./routes/audit.ts";
import { registerDataRoutes } from "./routes/data.ts";
import { registerDashboardRoutes } from "./routes/dashboard.ts";
import { ResponseEvents } from "./dashboard/events.ts";
import { AnalysisWorkers } from "./analysis/pool.ts";
import { registerWeb } from "./web.ts";
import { registerStudyRoutes } from "./routes/study.ts";
import { registerInstrumentRoutes } from "./routes/instruments.ts";
import { registerCodingRoutes } from "./routes/coding.ts";
import { syncQuestionnaires } from "./instruments/sync.ts";
import { ATTUNE_VERSION } from "./version.ts";

export type Api = OpenAPIHono<AppEnv>;

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
  const config = { ...DEFAULT_CONFIG, ...deps.config };
  const ctx: Ctx = {
    store: deps.store,
    instruments: deps.instruments,
    config,
    limits: {
      address: new RateLimiter(config.loginLimit.perAddress, config.loginLimit.windowMs),
      account: new RateLimiter(config.loginLimit.perAccount, config.loginLimit.windowMs),
    },
    events: new ResponseEvents(),
    analysis: new AnalysisWorkers(),
  };
  const app: Api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const problems = result.error.issues.map((i) => ({
          where: [result.target === "json" ? "body" : result.target, ...i.path.map(String)].join("."),
          message: i.message,
        }));
        throw new ApiError(
          "invalid",
          `the request ${result.target === "json" ? "body" : result.target} is not valid: ${problems
            .slice(0, 3)
            .map((p) => `${p.where}: ${p.message}`)
            .join("; ")}`,
          problems,
        );
      }
    },
  });

  app.onError((err, c) => errorResponse(err, c));
  app.notFound((c) => errorResponse(new ApiError("not-found", `no route ${c.req.method} ${c.req.path}`), c));

  app.get("/healthz", async (c) => {
    await ctx.store.db.selectFrom("networks").select("id").limit(1).execute();
    return c.json({ status: "ok", database: ctx.store.dialect });
  });

  app.use("/api/*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
    c.header("x-content-type-options", "nosniff");
  });
  app.use("/api/*", bodyReader(ctx));
  app.use("/api/*", principalMiddleware(ctx));

  registerAuthRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerClinicalRoutes(app, ctx);
  registerPatientLinkRoutes(app, ctx);
  registerFhirRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerDataRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerStudyRoutes(app, ctx);
  registerInstrumentRoutes(app, ctx);
  registerCodingRoutes(app, ctx);

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
  ]).then(() => undefined);
  ready.catch(() => {}); // callers that await `ready` still see the error; nobody else crashes on it
  return { app, ctx, ready, close: () => ctx.analysis.close() };
}

function errorResponse(err: unknown, c: Context): Response {
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else if (err instanceof HTTPException) e = new ApiError(HTTP_KIND[err.status] ?? "invalid", err.message);
  else {
    console.error("attune: unexpected error", err);
    e = new ApiError("internal", "internal error; nothing was stored by this request");
  }
  const res = c.json(toOperationOutcome(e), statusOf(e.kind));
  if (e.kind === "rate-limited") res.headers.set("retry-after", "60");
  return res;
}
