// A minimal client of the attune API for commands that act on a running server: sign in as staff
// (cookie + CSRF token, as the browser does), then send JSON. Errors come back as OperationOutcomes.
import { InputError } from "@attune/stats";

export interface StaffSession {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
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
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    try {
      return await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new InputError(`cannot reach ${base}: ${(e as Error).message}`);
    }
  };
  const login = await call("/api/auth/login", { email, password });
  if (login.status !== 200)
    throw new InputError(
      `sign-in as ${email} at ${base} failed (${login.status}): ${outcomeText(await json(login))}`,
    );
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    async post(path, body) {
      const res = await call(path, body, { cookie, "x-csrf-token": csrfToken });
      return { status: res.status, body: await json(res) };
    },
  };
}

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The diagnostics of an OperationOutcome, one per line (or the body as text when it is not one).
 *
 * @example
 * outcomeText({ resourceType: "OperationOutcome", issue: [{ diagnostics: "a" }, { diagnostics: "b" }] }); // "a\n  - b"
 */
export function outcomeText(body: unknown): string {
  const o = body as { resourceType?: string; issue?: { diagnostics?: string }[] } | null;
  if (o?.resourceType !== "OperationOutcome" || !o.issue)
    return typeof body === "string" ? body : JSON.stringify(body);
  const [first, ...rest] = o.issue.map((i) => i.diagnostics ?? "");
  return [first ?? "", ...rest.map((d) => `  - ${d}`)].join("\n");
}
