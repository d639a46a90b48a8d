// A cookie-keeping HTTP client for the account tests (two-factor sign-in sets several cookies).
export type Fetcher = (req: Request) => Promise<Response> | Response;

/**
 * A browser: keeps every cookie it is given (session and device cookies), sends the CSRF token it last
 * received, against the app in process or a real server (`base`).
 *
 * @example
 * const b = browser((req) => fetch(req), server.url);
 * await b.call("POST", "/api/auth/login", { email, password });
 */
export function browser(fetcher: Fetcher, base = "http://attune.test") {
  const jar = new Map<string, string>();
  let csrf = "";
  const b = {
    jar,
    async call(method: string, path: string, body?: unknown): Promise<Response> {
      const headers: Record<string, string> = {};
      if (jar.size) headers["cookie"] = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      if (csrf) headers["x-csrf-token"] = csrf;
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetcher(
        new Request(`${base}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
      );
      for (const sc of res.headers.getSetCookie()) {
        const [pair] = sc.split(";");
        const i = pair!.indexOf("=");
        const v = pair!.slice(i + 1);
        if (v === "" || /max-age=0/i.test(sc)) jar.delete(pair!.slice(0, i));
        else jar.set(pair!.slice(0, i), v);
      }
      const clone = res.clone();
      try {
        const j = (await clone.json()) as { csrfToken?: string; me?: { csrfToken?: string } };
        if (j.csrfToken) csrf = j.csrfToken;
        else if (j.me?.csrfToken) csrf = j.me.csrfToken;
      } catch {
        /* not JSON */
      }
      return res;
    },
  };
  return b;
}
