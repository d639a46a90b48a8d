// The one client of the attune API, for the browser and for Node alike (after medplum's MedplumClient):
// JSON in and out, the staff CSRF header on changes, the session cookie kept by hand where there is no
// cookie jar (Node), an injectable fetch and base URL, and every refusal as one error type, ApiError,
// carrying the OperationOutcome's diagnostics. No runtime import: it adds a few hundred bytes to a page.
import type { Me, OperationOutcome } from "./index.ts";
import type { ApiMethod, ApiPath } from "./routes.ts";

/**
 * A refused request: `status`, `message` (the OperationOutcome's first diagnostic, or "status text"),
 * `details` (every further diagnostic: "row 3, column …: …") and `issues` (all of them, in order).
 *
 * @example
 * try { await client.request("POST", "/api/sites", { name: "" }); }
 * catch (e) { if (e instanceof ApiError && e.status === 400) show(e.message, e.details); }
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
  /** Every diagnostic of the refusal, the summary first. */
  get issues(): string[] {
    return [this.message, ...this.details];
  }
}

/** Methods that change nothing, so carry no CSRF token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** What `send` returns: the status, the parsed body (JSON, else the text, else null) and the headers. */
export interface ApiResponse {
  status: number;
  statusText: string;
  ok: boolean;
  body: unknown;
  headers: Headers;
}

export interface ClientOptions {
  /** Prefix of every path: "" in the browser (same origin), "https://prn.example.org" from Node. */
  baseUrl?: string;
  /** The fetch to call (a test's `app.fetch`, a proxy's); default: the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export interface SendOptions {
  /** Media type of the body (e.g. "text/csv" for a string); default: JSON (a string: text/plain). */
  contentType?: string;
  headers?: Record<string, string>;
  /** The CSRF token for this call, instead of the one the client keeps (see `setCsrf`). */
  csrf?: string | null;
}

/**
 * The diagnostics of an OperationOutcome, in order; [] for any other body.
 *
 * @example
 * outcomeIssues({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "invalid", diagnostics: "a" }] }); // ["a"]
 */
export function outcomeIssues(body: unknown): string[] {
  const o = body as Partial<OperationOutcome> | null;
  if (o?.resourceType !== "OperationOutcome" || !Array.isArray(o.issue)) return [];
  return o.issue.map((i) => i.diagnostics ?? "").filter((d) => d !== "");
}

/**
 * A client of one attune server. In the browser the session cookie travels by itself; from Node,
 * `signIn` keeps it and sends it back, so a CLI command and a page make the same calls.
 *
 * @example
 * const client = new AttuneClient({ baseUrl: "https://prn.example.org" });
 * const me = await client.signIn("coordinator@example.org", password);
 * const sites = await client.request<Site[]>("GET", "/api/sites");
 */
export class AttuneClient {
  private csrf: string | null = null;
  private cookie: string | null = null;
  private readonly base: string;
  private readonly fetcher: (input: string, init: RequestInit) => Promise<Response>;

  constructor(options: ClientOptions = {}) {
    this.base = (options.baseUrl ?? "").replace(/\/+$/, "");
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The CSRF token sent with every change (POST, PUT, PATCH, DELETE); null to stop sending one. */
  setCsrf(token: string | null): void {
    this.csrf = token;
  }

  /**
   * One request; answers whatever the server says (a refusal too). Only an unreachable server throws.
   *
   * @example
   * const r = await client.send("POST", "/api/instruments/wai-sr/licensed-text", body);
   * if (!r.ok) console.error(outcomeIssues(r.body).join("\n"));
   */
  async send<M extends ApiMethod>(
    method: M,
    path: ApiPath<M>,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined)
      headers["content-type"] =
        options.contentType ?? (typeof body === "string" ? "text/plain" : "application/json");
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (!SAFE_METHODS.has(method) && csrf) headers["x-csrf-token"] = csrf;
    if (this.cookie) headers.cookie = this.cookie;
    const res = await this.fetcher(`${this.base}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      credentials: "same-origin",
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text === "" ? null : text;
    try {
      if (text !== "") parsed = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text (a CSV download, a proxy's error page)
    }
    return { status: res.status, statusText: res.statusText, ok: res.ok, body: parsed, headers: res.headers };
  }

  /**
   * One request whose answer is `T`; a refusal throws ApiError with the server's diagnostics.
   *
   * @example
   * const study = await client.request<StudyOut>("POST", "/api/studies", { name: "S", arms: [], schedule: [] });
   */
  async request<T, M extends ApiMethod = ApiMethod>(
    method: M,
    path: ApiPath<M>,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<T> {
    const res = await this.send(method, path, body, options);
    if (!res.ok) throw errorOf(res);
    return res.body as T;
  }

  /**
   * Signs in as staff: keeps the CSRF token (and, outside a browser, the session cookie) for later calls.
   *
   * @example
   * const me = await client.signIn("coordinator@example.org", process.env.ATTUNE_PASSWORD!);
   */
  async signIn(email: string, password: string): Promise<Me> {
    const res = await this.send("POST", "/api/auth/login", { email, password });
    if (!res.ok) throw errorOf(res);
    const cookie = res.headers.get("set-cookie");
    if (cookie) this.cookie = cookie.split(";")[0] ?? null;
    const me = res.body as Me;
    this.setCsrf(me.csrfToken);
    return me;
  }
}

/** The ApiError a refused response stands for. */
function errorOf(res: ApiResponse): ApiError {
  const issues = outcomeIssues(res.body);
  return new ApiError(res.status, issues[0] ?? `${res.status} ${res.statusText}`.trim(), issues.slice(1));
}
