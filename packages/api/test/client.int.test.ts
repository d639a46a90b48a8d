// The one client against a real server over HTTP, from Node (no cookie jar: the client keeps the
// session cookie itself): sign-in, the CSRF header on changes, every refusal as one ApiError carrying
// the OperationOutcome's diagnostics, and an injected fetch that sees every call.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBootstrap, startServer, type RunningServer } from "@attune/server";
import { ApiError, AttuneClient, outcomeIssues } from "@attune/api/client";
import { API_ROUTES, type Me, type Site } from "@attune/api";

const EMAIL = "coordinator@test.dev";
const PASSWORD = "a test password of some length";

describe("@attune/api/client", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "attune-api-client-"));
    server = await startServer({ databaseUrl: join(dir, "attune.sqlite"), port: 0, webDir: "" });
    await ensureBootstrap(server.store, { network: "Test network", email: EMAIL, password: PASSWORD });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("turns a refused sign-in into an ApiError with the server's status and diagnostic", async () => {
    const client = new AttuneClient({ baseUrl: `${server.url}/` });
    const err = await client.signIn(EMAIL, "not the password").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).message).toMatch(/password|sign/i);
    expect((err as ApiError).issues[0]).toBe((err as ApiError).message);
  });

  it("signs in from Node, keeps the cookie and the CSRF token, and sends the token on changes only", async () => {
    const seen: { method: string; url: string; csrf: string | null; cookie: string | null }[] = [];
    const client = new AttuneClient({
      baseUrl: server.url,
      fetch: (url, init) => {
        const h = new Headers(init.headers);
        seen.push({
          method: init.method ?? "GET",
          url,
          csrf: h.get("x-csrf-token"),
          cookie: h.get("cookie"),
        });
        return fetch(url, init);
      },
    });
    const me: Me = await client.signIn(EMAIL, PASSWORD);
    expect(me.role).toBe("coordinator");
    expect(me.csrfToken.length).toBeGreaterThan(10);
    expect((await client.request<Me>("GET", "/api/auth/me")).id).toBe(me.id);
    const site = await client.request<Site>("POST", "/api/sites", { name: "North clinic" });
    expect(site.name).toBe("North clinic");
    expect(seen.map((s) => `${s.method} ${s.url.slice(server.url.length)}`)).toEqual([
      "POST /api/auth/login",
      "GET /api/auth/me",
      "POST /api/sites",
    ]);
    expect(seen[1]).toMatchObject({ csrf: null, cookie: expect.stringMatching(/=/) });
    expect(seen[2]).toMatchObject({ csrf: me.csrfToken });
  });

  it("reports a change without the CSRF token and a body failing its schema as ApiErrors naming the problem", async () => {
    const client = new AttuneClient({ baseUrl: server.url });
    await client.signIn(EMAIL, PASSWORD);
    const noToken = await client
      .request("POST", "/api/sites", { name: "South" }, { csrf: null })
      .catch((e: unknown) => e);
    expect(noToken).toBeInstanceOf(ApiError);
    expect((noToken as ApiError).status).toBe(403);
    const bad = await client.request("POST", "/api/sites", { name: "" }).catch((e: unknown) => e);
    expect((bad as ApiError).status).toBe(400);
    expect((bad as ApiError).message).toContain("body.name");
    const raw = await client.send("POST", "/api/sites", { name: "" });
    expect(raw.ok).toBe(false);
    expect(outcomeIssues(raw.body)).toEqual((bad as ApiError).issues);
  });

  it("calls only routes the server mounts: the route table is the server's documented API", async () => {
    // The server documents every /api route it registers (the authorization test checks that), apart
    // from the document itself.
    const doc = await new AttuneClient({ baseUrl: server.url }).request<{
      paths: Record<string, Record<string, unknown>>;
    }>("GET", "/api/openapi.json");
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = new Set([...documented, "GET /api/openapi.json"]);
    const table = new Set<string>(API_ROUTES);
    // A new route goes into packages/api/src/routes.ts; these lists say which line to add or remove.
    expect(
      [...served].filter((r) => !table.has(r)),
      "routes missing from API_ROUTES",
    ).toEqual([]);
    expect(
      [...table].filter((r) => !served.has(r)),
      "API_ROUTES the server does not mount",
    ).toEqual([]);
    expect(API_ROUTES.length).toBe(table.size);
  });
});
