// Route declaration helper: every API route names the actors allowed to call it, once; the guard
// enforces it and the OpenAPI document shows it (x-allowed).
import { createRoute, type RouteConfig, type z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { allow } from "./auth/principal.ts";
import type { Actor, AppEnv } from "./context.ts";
import { OperationOutcomeSchema } from "@attune/api";

export const PUBLIC = "public" as const;

export function apiRoute<const R extends Omit<RouteConfig, "middleware">>(
  allowed: readonly Actor[] | typeof PUBLIC,
  r: R,
  before: MiddlewareHandler<AppEnv>[] = [],
) {
  const guard: MiddlewareHandler<AppEnv>[] = allowed === PUBLIC ? [] : [allow(allowed)];
  return createRoute({
    ...r,
    middleware: [...before, ...guard],
    "x-allowed": allowed === PUBLIC ? ["public"] : [...allowed],
    responses: { ...r.responses, default: { description: "an error (OperationOutcome)", content: outcome } },
  });
}

const outcome = { "application/json": { schema: OperationOutcomeSchema } };

export function json<T extends z.ZodType>(schema: T, description = "OK") {
  return { description, content: { "application/json": { schema } } } as const;
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { "application/json": { schema } } } } as const;
}
