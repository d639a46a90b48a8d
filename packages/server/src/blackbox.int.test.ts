// Hardening, black-box: a real server process (the production bundle) on a fresh store, reached only
// over HTTP. Every POST/PUT route of /api/openapi.json gets malformed bodies: never a 5xx, and no
// stored row changes. Hostile strings (formula prefixes, newlines, markup, R code) are refused by
// every import, and what staff may type freely comes out of every download inert.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { describeEachDialect } from "@attune/db/testing";
import { openStore, type Store } from "@attune/db";
import { hashPassword } from "./auth/password.ts";
import { buildServer, startServerProcess, type ServerProcess } from "./testing/process.ts";
import {
  makeNetwork,
  PASSWORD,
  signInClient,
  bearerClient,
  type Client,
  type NetworkFixture,
} from "./testing/harness.ts";

const TABLES = [
  "users",
  "sites",
  "studies",
  "arms",
  "allocations",
  "patients",
  "patient_contacts",
  "episodes",
  "therapy_sessions",
  "responses",
  "scores",
  "form_declines",
  "licensed_texts",
];

async function fingerprint(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(store.db);
    parts.push(`${t}=${Number(r.rows[0]?.n)}`);
  }
  return parts.join(" ");
}

const fetcher = (req: Request) => fetch(req);

/** Malformed bodies: wrong JSON types, broken JSON, deep nesting, nulls, hostile strings in every slot. */
const MALFORMED: { body: string; type: string }[] = [
  { body: "null", type: "application/json" },
  { body: "[]", type: "application/json" },
  { body: "42", type: "application/json" },
  { body: "\"=cmd|' /C calc'!A0\"", type: "application/json" },
  { body: "{", type: "application/json" },
  { body: '{"a":', type: "application/json" },
  { body: "[".repeat(2000) + "]".repeat(2000), type: "application/json" },
  {
    body: JSON.stringify({ resourceType: "Bundle", type: "collection", entry: [null] }),
    type: "application/json",
  },
  {
    body: JSON.stringify({
      code: "=1+1\n",
      name: null,
      number: 1.5,
      date: "2025-02-30",
      role: "admin",
      email: 7,
    }),
    type: "application/json",
  },
  {
    body: JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } }),
    type: "application/json",
  },
  { body: "\u0000\u0001", type: "text/csv" },
  { body: "therapist,patient,session\n=cmd(),P1,1\n", type: "text/plain" },
];

describeEachDialect("black box (real server process)", (dialect) => {
  let dbUrl: string;
  let dispose: () => Promise<void>;
  let server: ServerProcess;
  let store: Store;
  let a: NetworkFixture;
  let coordinator: Client;

  beforeAll(async () => {
    buildServer();
    ({ url: dbUrl, dispose } = await dialect.create());
    const seed = await openStore({ url: dbUrl });
    const hash = await hashPassword(PASSWORD);
    a = await makeNetwork(seed, "a", hash);
    await makeNetwork(seed, "b", hash);
    await seed.close();
    server = await startServerProcess(dbUrl);
    store = await openStore({ url: dbUrl, migrate: false });
    coordinator = await signInClient(fetcher, a.emails.coordinator, "coordinator", server.url);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await dispose?.();
  });

  it("never answers a malformed body to any POST/PUT route with a 5xx, and stores nothing", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const ids: Record<string, string> = {
      id: a.ids.patient,
      token: a.tokens.link,
    };
    const patient = bearerClient(fetcher, a.tokens.link, "patient", server.url);
    const tried: string[] = [];
    const before = await fingerprint(store);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of ["post", "put"] as const) {
        const op = ops[method];
        // Routes without a body ignore what is sent; their own tests cover them. Sign-out would end the sweep.
        if (!op?.requestBody || path === "/api/auth/logout") continue;
        const concrete = path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? a.ids.patient);
        const who = path.startsWith("/api/r/") ? patient : coordinator;
        for (const m of MALFORMED) {
          const res = await who.request(method.toUpperCase(), concrete, m.body, { "content-type": m.type });
          const text = await res.text();
          expect(res.status, `${method} ${path} ${m.body.slice(0, 40)}: ${text.slice(0, 200)}`).toBeLessThan(
            500,
          );
          expect(res.status, `${method} ${path} ${m.body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        }
        tried.push(`${method.toUpperCase()} ${path}`);
      }
    expect(tried.length).toBeGreaterThan(25);
    expect(await fingerprint(store)).toBe(before);
    // Malformed percent-encoding in a page or API path: 4xx.
    for (const p of ["/%E0%A4%A", "/r/%zz", "/api/fhir/Patient/%E0%A4%A"]) {
      const r = await fetch(`${server.url}${p}`);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
    }
  }, 600_000);

  it("refuses hostile codes in every import and keeps free text inert in every download", async () => {
    const hostile = [
      '=HYPERLINK("http://x")',
      "+1+1",
      "-2+3",
      "@SUM(A1)",
      "a\nsystem('id')",
      "<script>x</script>",
      '"); system("id"); #',
    ];
    const before = await fingerprint(store);
    for (const h of hostile) {
      const cell = `"${h.replace(/"/g, '""')}"`;
      const csv = `therapist,patient,session,condition\nT1,${cell},1,0\n${cell},P77,1,0\nT1,P78,1,${cell}\n`;
      const r = await coordinator.request("POST", "/api/import/long-csv", csv, {
        "content-type": "text/csv",
      });
      expect(r.status, h).toBe(400);
      const bundle = {
        resourceType: "Bundle",
        type: "collection",
        entry: [
          {
            resource: {
              resourceType: "Patient",
              id: "p",
              identifier: [{ system: "https://attune.dev/fhir/patient-code", value: h }],
            },
          },
        ],
      };
      const f = await coordinator.request("POST", "/api/import/fhir", JSON.stringify(bundle), {
        "content-type": "application/fhir+json",
      });
      expect(f.status, h).toBe(400);
      for (const body of [{ code: h }, { code: h, siteId: "x" }]) {
        const p = await coordinator.request("POST", "/api/patients", body);
        expect(p.status, h).toBe(400);
      }
      const s = await coordinator.request("POST", "/api/studies", {
        name: "s",
        arms: [{ code: h, name: "x" }],
        schedule: [],
      });
      expect(s.status, h).toBe(400);
    }
    expect(await fingerprint(store)).toBe(before);
    // Free text (site names, staff names) may hold anything; exports carry codes only, neutralised.
    const site = await coordinator.request("POST", "/api/sites", { name: hostile.join(" | ") });
    expect(site.status).toBe(201);
    const csv = await (await coordinator.request("GET", "/api/export/long.csv")).text();
    for (const line of csv.split("\n").slice(1))
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+@\t\r]|^-[^\d.]/);
    const fhir = await coordinator.request("GET", "/api/export/fhir");
    expect(fhir.status).toBe(200);
    expect(await fhir.text()).not.toContain("<script>");
  }, 300_000);
});
