// The coordinator pages' requests: like api.ts, but errors keep every OperationOutcome issue, because
// an import or a study form can fail for several reasons at once and the page lists them all.
import { HttpError } from "../api.ts";
import type { StaffContext } from "../context.ts";

/** A refused request: `message` is the server's summary, `details` every further issue ("row 3, column …: …"). */
export class ApiProblem extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly details: string[],
  ) {
    super(status, message);
  }
}

/**
 * Call the API as the signed-in coordinator (cookie + CSRF header). A string body is sent as is with
 * `contentType` (CSV); anything else as JSON. Throws ApiProblem with the server's diagnostics.
 */
export async function call<T>(
  ctx: StaffContext,
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = contentType;
  if (method !== "GET") headers["x-csrf-token"] = ctx.me.csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const issues = ((data as { issue?: { diagnostics?: string }[] } | null)?.issue ?? [])
      .map((i) => i.diagnostics ?? "")
      .filter((d) => d !== "");
    throw new ApiProblem(res.status, issues[0] ?? `${res.status} ${res.statusText}`, issues.slice(1));
  }
  return data as T;
}
