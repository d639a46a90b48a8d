// The contract between server and pages is checked by `npm run typecheck` (this file is in the root
// tsconfig): a server handler must answer what @attune/api's schema says, and a page compiled against
// the inferred type cannot read a field the schema does not have. Each `@ts-expect-error` below is a
// deliberate mismatch: if the check stopped catching it, tsc would fail on the unused directive.
import { expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { Me, StudyOut, type CompletionOut, type MySessionOut, type RunOut } from "@attune/api";
import type { Completion, Study } from "../../web/src/coordinator/types.ts";
import type { RunRecord } from "../../web/src/researcher/types.ts";
import type { CodingSession } from "../../web/src/coder/types.ts";
import { newApi } from "../../server/src/hono.ts";
import { apiRoute, json, PUBLIC } from "../../server/src/route.ts";

it("gives the pages the server's own types, not copies", () => {
  expectTypeOf<Study>().toEqualTypeOf<z.infer<typeof StudyOut>>();
  expectTypeOf<Completion>().toEqualTypeOf<CompletionOut>();
  expectTypeOf<RunRecord>().toEqualTypeOf<RunOut>();
  expectTypeOf<CodingSession>().toEqualTypeOf<MySessionOut>();
});

it("refuses, at compile time, a page that reads a field the server does not send", () => {
  const armCodes = (s: Study) => s.arms.map((a) => a.code);
  // @ts-expect-error `armCodes` is no field of StudyOut: a page written against another shape fails typecheck
  const stale = (s: Study) => s.armCodes as string[];
  // The server renames `arms` to `groups`: the page's type no longer accepts what it sends.
  const _Renamed = StudyOut.omit({ arms: true }).extend({ groups: StudyOut.shape.arms });
  const renamed: z.infer<typeof _Renamed> = {
    id: "s1",
    name: "S",
    allocation: "therapist",
    archivedAt: null,
    groups: [],
    schedule: [],
  };
  // @ts-expect-error a StudyOut without `arms` is not the Study the pages read
  const asPage: Study = renamed;
  expect([typeof armCodes, typeof stale, asPage.id]).toEqual(["function", "function", "s1"]);
});

it("refuses, at compile time, a server handler whose answer does not match its schema", async () => {
  const app = newApi();
  const route = (path: string) => apiRoute(PUBLIC, { method: "get", path, responses: { 200: json(Me) } });
  const me = {
    id: "u1",
    networkId: "n1",
    role: "coordinator" as const,
    displayName: "A",
    csrfToken: "t".repeat(32),
    language: null,
  };
  app.openapi(route("/me"), (c) => c.json(me, 200));
  const { csrfToken: _dropped, ...withoutToken } = me;
  // @ts-expect-error the answer lacks `csrfToken`, which Me requires
  app.openapi(route("/stale"), (c) => c.json(withoutToken, 200));
  // The complete answer is what the schema (and so the page's type) says, at run time too.
  const res = await app.request("/me");
  expect(res.status).toBe(200);
  expect(Me.parse(await res.json())).toEqual(me);
});
