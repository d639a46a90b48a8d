// Fetch helpers: JSON in and out, the staff CSRF token on changes, errors as readable messages. Thin
// calls on the one client of @attune/api/client, which the coordinator pages and the CLI share.
import { AttuneClient } from "@attune/api/client";
import type { ApiMethod, ApiPath } from "@attune/api";

/** A refused request (status, message, details): the client's ApiError under the pages' older name. */
export { ApiError as HttpError } from "@attune/api/client";

/** The pages' one client: same origin, the cookie carried by the browser, the CSRF token once signed in. */
export const client = new AttuneClient();

/**
 * Keeps the signed-in account's CSRF token for every later change (null after signing out).
 *
 * @example
 * setCsrf(me.csrfToken);
 */
export const setCsrf = (t: string | null): void => {
  client.setCsrf(t);
};

/**
 * Calls the API as the page's user; throws HttpError (ApiError) with the server's diagnostics. The path
 * must be one of the API's routes (`ApiPath`): a typo fails the type check.
 *
 * @example
 * const me = await api<Me>("GET", "/api/auth/me");
 */
export async function api<T, M extends ApiMethod = ApiMethod>(
  method: M,
  path: ApiPath<M>,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return client.request<T>(method, path, body, { headers });
}
