// The client's request paths are checked by `npm run typecheck` (this file is in the root tsconfig): a path
// must be one of @attune/api's routes (parameters and a query filled in), and one of the request's method
// when the method is known. Each `@ts-expect-error` is a deliberate typo: if the check stopped catching it,
// tsc would fail on the unused directive. The table itself is checked against the server in
// client.int.test.ts.
import { expect, expectTypeOf, it } from "vitest";
import { API_ROUTES, type ApiMethod, type ApiPath } from "@attune/api";
import { AttuneClient } from "@attune/api/client";
import { api } from "../../web/src/api.ts";

/** A client whose fetch answers every request with its own method and address. */
const echo = () =>
  new AttuneClient({
    baseUrl: "http://prn.test",
    fetch: async (input, init) =>
      new Response(JSON.stringify({ method: init.method, url: input }), {
        headers: { "content-type": "application/json" },
      }),
  });

it("accepts the API's paths with their parameters and a query filled in", async () => {
  const id = "run 1";
  const client = echo();
  const paths: ApiPath<"GET">[] = [
    "/api/auth/me",
    `/api/runs/${encodeURIComponent(id)}/figures`,
    `/api/runs/${encodeURIComponent(id)}/figures?lang=fr`,
    `/api/runs/${id}/figures/${2}`,
  ];
  const answers = [];
  for (const p of paths) answers.push(await client.request<{ url: string }>("GET", p));
  expect(answers.map((a) => a.url)).toEqual(paths.map((p) => `http://prn.test${p}`));
  expect((await client.send("DELETE", `/api/episodes/e1/end`)).body).toMatchObject({ method: "DELETE" });
  expectTypeOf<"PUT">().toMatchTypeOf<ApiMethod>();
});

it("refuses, at compile time, a path no route has and a route of another method", async () => {
  const client = echo();
  const id = "r1";
  const typos = [
    // @ts-expect-error "/api/run/" is no route ("/api/runs/…")
    () => client.request("GET", `/api/run/${id}/figures`),
    // @ts-expect-error "/api/auth/mee" is no route
    () => client.send("GET", "/api/auth/mee"),
    // @ts-expect-error the sites route answers GET and POST, not DELETE
    () => client.send("DELETE", "/api/sites"),
    // @ts-expect-error a path must start at the API's root
    () => client.send("GET", "api/auth/me"),
    // @ts-expect-error no route of any method: the pages' own wrapper is checked too (and the
    // coordinator pages' `call`, which has the same signature after its context)
    () => api<{ id: string }>("GET", "/api/studys"),
    // @ts-expect-error the pages' wrapper with the method inferred: no PUT on the runs list
    () => api("PUT", "/api/runs"),
  ];
  // The directives are the test; at run time the typo still reaches the server (which answers 404).
  expect(typos).toHaveLength(6);
  expect((await client.send("GET", "/api/auth/me")).status).toBe(200);
  expect(API_ROUTES).toContain("GET /api/auth/me");
});
