// The Hono app type every capability shares, and `newApi()`, which each capability's folder calls to
// make the sub-app that app.ts mounts with `app.route()`. The zod hook lives here so that a request
// failing its schema becomes the same "invalid" ApiError (then one OperationOutcome) in every sub-app.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { ApiError } from "./errors.ts";

export type Api = OpenAPIHono<AppEnv>;

/**
 * A fresh sub-app for one capability; errors thrown in it reach the root app's error handler.
 *
 * @example
 * const runs = newApi();
 * runs.openapi(apiRoute(["researcher"], { method: "get", path: "/api/runs", ... }), handler);
 * app.route("/", runs);
 */
export function newApi(): Api {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === "json" ? "body" : result.target;
        const problems = result.error.issues.map((i) => ({
          where: [target, ...i.path.map(String)].join("."),
          message: i.message,
        }));
        throw new ApiError(
          "invalid",
          `the request ${target} is not valid: ${problems
            .slice(0, 3)
            .map((p) => `${p.where}: ${p.message}`)
            .join("; ")}`,
          problems,
        );
      }
    },
  });
}
