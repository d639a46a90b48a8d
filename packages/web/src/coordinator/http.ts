// The coordinator pages' requests: like api.ts (the same client), and errors keep every
// OperationOutcome issue, because an import or a study form can fail for several reasons at once and
// the page lists them all.
import { client } from "../api.ts";
import type { StaffContext } from "../context.ts";
import type { ApiMethod, ApiPath } from "@attune/api";

/** A refused request: `message` is the server's summary, `details` every further issue ("row 3, column …: …"). */
export { ApiError as ApiProblem } from "@attune/api/client";

/**
 * Call the API as the signed-in coordinator (cookie + CSRF header). A string body is sent as is with
 * `contentType` (CSV); anything else as JSON. Throws ApiProblem with the server's diagnostics.
 *
 * @example
 * const study = await call<Study>(ctx, "POST", "/api/studies", { name: "S", arms: [], schedule: [] });
 */
export async function call<T, M extends ApiMethod = ApiMethod>(
  ctx: StaffContext,
  method: M,
  path: ApiPath<M>,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  return client.request<T>(method, path, body, { contentType, csrf: ctx.me.csrfToken });
}
