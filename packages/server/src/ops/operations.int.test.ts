// The operations layer on each dialect: Secure cookies and HSTS from an https public URL, the JSON request
// log (route patterns, never paths or personal data), /metrics and who may read it, /healthz's schema check.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@attune/db/testing";
import { openHarness, PASSWORD, validSubmission, type Harness } from "../testing/harness.ts";
import { HSTS } from "./transport.ts";
import { addressAllowed } from "./allowList.ts";

describeEachDialect("operations", (dialect) => {
  let h: Harness;
  let plain: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await openHarness(dialect, {
      publicBaseUrl: "https://prn.example.org",
      requestLog: (l) => lines.push(l),
      metricsAllow: ["127.0.0.1", "10.0.0.0/8"],
    });
    plain = await openHarness(dialect, { publicBaseUrl: "http://localhost:8080" });
  });
  afterAll(async () => {
    await h?.close();
    await plain?.close();
  });

  it("an https public URL gives Secure cookies and HSTS; plain http gives neither", async () => {
    const login = await h.anonymous.request("POST", "/api/auth/login", {
      email: h.a.emails.therapist,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    expect(login.headers.get("strict-transport-security")).toBe(HSTS);
    expect((await h.anonymous.request("GET", "/healthz")).headers.get("strict-transport-security")).toBe(
      HSTS,
    );
    const l2 = await plain.anonymous.request("POST", "/api/auth/login", {
      email: plain.a.emails.therapist,
      password: PASSWORD,
    });
    expect(l2.status).toBe(200);
    expect(l2.headers.get("set-cookie")).not.toMatch(/Secure/i);
    expect(l2.headers.get("strict-transport-security")).toBeNull();
  });

  it("logs one JSON line per request with the route pattern and no personal data", async () => {
    lines.length = 0;
    const token = h.a.tokens.link;
    const sub = await h.patient(token).request("POST", `/api/r/${token}/submit`, validSubmission(2), {
      "x-forwarded-for": "198.51.100.23",
      "user-agent": "PatientPhone/1.0",
    });
    expect(sub.status).toBe(200);
    const coordinator = await h.signIn(h.a.emails.coordinator);
    const contact = await coordinator.request("GET", `/api/patients/${h.a.ids.patient}/contact`, undefined, {
      "x-request-id": "trace-abc.123",
    });
    expect(contact.headers.get("x-request-id")).toBe("trace-abc.123");
    await h.anonymous.request("GET", "/no/such/page?email=someone@example.org");
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed)
      expect(Object.keys(p).sort()).toEqual([
        "durationMs",
        "level",
        "method",
        "msg",
        "requestId",
        "route",
        "status",
        "time",
      ]);
    const submit = parsed.find((p) => p["route"] === "/api/r/:token/submit");
    expect(submit).toMatchObject({ method: "POST", status: 200, level: "info", msg: "request" });
    expect(typeof submit!["durationMs"]).toBe("number");
    expect(parsed.find((p) => p["requestId"] === "trace-abc.123")).toMatchObject({
      route: "/api/patients/:id/contact",
    });
    expect(parsed.find((p) => p["status"] === 404)?.["route"]).toBe("(unmatched)");
    const all = lines.join("\n");
    for (const secret of [
      token,
      h.a.emails.coordinator,
      PASSWORD,
      h.a.ids.patient,
      "198.51.100.23",
      "PatientPhone",
      "someone@example.org",
    ])
      expect(all).not.toContain(secret);
  });

  it("serves Prometheus metrics to allowed addresses only", async () => {
    const get = (xff?: string) =>
      h.anonymous.request("GET", "/metrics", undefined, xff ? { "x-forwarded-for": xff } : {});
    expect((await get()).status).toBe(403); // no address known
    expect((await get("203.0.113.9")).status).toBe(403);
    expect((await get("127.0.0.1, 203.0.113.9")).status).toBe(403); // the proxy appended the real client last
    expect((await get("10.2.3.4")).status).toBe(200);
    const res = await get("127.0.0.1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /attune_http_requests_total\{method="POST",route="\/api\/r\/:token\/submit",status="200"\} 1\n/,
    );
    expect(text).toMatch(
      /attune_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz"\} \d+/,
    );
    expect(text).toMatch(/attune_patient_submissions_total\{outcome="accepted"\} 1\n/);
    expect(text).toMatch(/attune_responses_stored_total\{rater="patient"\} 2\n/);
    expect(text).toMatch(/attune_analysis_queue_jobs 0\n/);
    expect(text).toMatch(/attune_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/attune_process_resident_memory_bytes \d+/);
  });

  it("/healthz reports the database and a schema that is not this attune's", async () => {
    const ok = await h.anonymous.request("GET", "/healthz");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      status: string;
      db: { reachable: boolean };
      schema: { current: boolean; pending: string[] };
    };
    expect(body).toMatchObject({
      status: "ok",
      db: { reachable: true },
      schema: { current: true, pending: [] },
    });
    await sql`insert into kysely_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(
      h.store.db,
    );
    try {
      const bad = await h.anonymous.request("GET", "/healthz");
      expect(bad.status).toBe(503);
      expect(await bad.json()).toMatchObject({
        status: "unavailable",
        schema: { current: false, unknown: ["999_future"] },
      });
    } finally {
      await sql`delete from kysely_migration where name = '999_future'`.execute(h.store.db);
    }
  });
});

describe("metrics allow-list", () => {
  it("matches addresses and ranges, IPv4-mapped IPv6 too, and names a bad entry", () => {
    const ok = addressAllowed(["127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"]);
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.255.0.1", "fd12::1"].map(ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["127.0.0.2", "11.0.0.1", "", "fe80::1", "localhost"].map(ok)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(() => addressAllowed(["10.0.0.0/33"])).toThrow('"10.0.0.0/33": /33 is not a prefix length');
    expect(() => addressAllowed(["intranet"])).toThrow('"intranet" is not an IP address or CIDR range');
  });
});
