// Commands that act on a running server: sign in as staff (cookie + CSRF token, as the browser does),
// then send JSON, through the one client of @attune/api/client. Errors come back as OperationOutcomes.
import { ApiError, AttuneClient, outcomeIssues } from "@attune/api/client";
import { InputError } from "@attune/stats";
import type { ApiPath } from "@attune/api";

export interface StaffSession {
  post(path: ApiPath<"POST">, body: unknown): Promise<{ status: number; body: unknown }>;
}

/**
 * Signs in to an attune server. The password comes from the caller (the CLI reads ATTUNE_PASSWORD, never
 * a flag, so it stays out of shell history).
 *
 * @example
 * const s = await signIn("https://prn.example.org", "coordinator@example.org", process.env.ATTUNE_PASSWORD!);
 * await s.post("/api/instruments/wai-sr/licensed-text", { file, attestation });
 */
export async function signIn(server: string, email: string, password: string): Promise<StaffSession> {
  const base = server.replace(/\/+$/, "");
  const client = new AttuneClient({ baseUrl: base });
  const reach = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new InputError(`cannot reach ${base}: ${(e as Error).message}`);
    }
  };
  try {
    await reach(() => client.signIn(email, password));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new InputError(`sign-in as ${email} at ${base} failed (${e.status}): ${e.issues.join("\n  - ")}`);
  }
  return {
    async post(path, body) {
      const res = await reach(() => client.send("POST", path, body));
      return { status: res.status, body: res.body };
    },
  };
}

/**
 * The diagnostics of an OperationOutcome, one per line (or the body as text when it is not one).
 *
 * @example
 * outcomeText({ resourceType: "OperationOutcome", issue: [{ diagnostics: "a" }, { diagnostics: "b" }] }); // "a\n  - b"
 */
export function outcomeText(body: unknown): string {
  if ((body as { resourceType?: string } | null)?.resourceType !== "OperationOutcome")
    return typeof body === "string" ? body : JSON.stringify(body);
  const [first, ...rest] = outcomeIssues(body);
  return [first ?? "", ...rest.map((d) => `  - ${d}`)].join("\n");
}
