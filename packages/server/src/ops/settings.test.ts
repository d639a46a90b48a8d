// Settings checked at start: each source (flag, environment, config file) is named when its value is bad.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "./settings.ts";
import { serverOptions } from "./start.ts";

const dir = mkdtempSync(join(tmpdir(), "attune-settings-"));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe("settings", () => {
  it("merges file < environment < flags and types every value", () => {
    const f = file(
      "ok.json",
      JSON.stringify({ port: 9000, publicUrl: "https://prn.example.org/", dbPoolSize: 4 }),
    );
    const s = loadSettings({
      env: {
        ATTUNE_CONFIG: f,
        PORT: "9100",
        ATTUNE_METRICS_ALLOW: "127.0.0.1, 10.0.0.0/8",
        ATTUNE_LOG_REQUESTS: "0",
      },
      flags: { port: "9200" },
    });
    expect(s).toEqual({
      port: 9200,
      publicUrl: "https://prn.example.org",
      dbPoolSize: 4,
      metricsAllow: ["127.0.0.1", "10.0.0.0/8"],
      logRequests: false,
    });
    const o = serverOptions(s);
    expect(o).toMatchObject({
      host: "127.0.0.1",
      port: 9200,
      poolSize: 4,
      config: { publicBaseUrl: "https://prn.example.org" },
    });
  });

  it("stops on a bad value with one line naming the setting and its source", () => {
    const bad = (o: Parameters<typeof loadSettings>[0]) => {
      try {
        loadSettings(o);
        return "accepted";
      } catch (e) {
        expect((e as Error).name).toBe("InputError");
        return (e as Error).message;
      }
    };
    expect(bad({ env: { PORT: "eighty" } })).toBe(
      'configuration: PORT (environment) = "eighty": expected a whole number',
    );
    expect(bad({ env: {}, flags: { port: "70000" } })).toMatch(
      /^configuration: --port \(flag\) = "70000": .*65535/,
    );
    expect(bad({ env: { ATTUNE_PUBLIC_URL: "prn.example.org" } })).toMatch(
      /^configuration: ATTUNE_PUBLIC_URL \(environment\) = "prn.example.org": expected a URL/,
    );
    expect(bad({ env: { ATTUNE_METRICS_ALLOW: "10.0.0.0/40" } })).toBe(
      'configuration: ATTUNE_METRICS_ALLOW (environment) = "10.0.0.0/40": "10.0.0.0/40": /40 is not a prefix length',
    );
    expect(bad({ env: { ATTUNE_SQLITE_SYNC: "off" } })).toMatch(
      /^configuration: ATTUNE_SQLITE_SYNC \(environment\) = "off"/,
    );
    expect(bad({ env: { ATTUNE_ADMIN_EMAIL: "a@b.org", ATTUNE_ADMIN_PASSWORD: "short" } })).toBe(
      "configuration: ATTUNE_ADMIN_PASSWORD (environment) = (hidden): at least 10 characters are needed",
    );
    const f = file("typo.json", JSON.stringify({ databseUrl: "x" }));
    expect(bad({ env: {}, file: f })).toMatch(
      new RegExp(`^configuration: config file ${f}: unknown setting "databseUrl"`),
    );
    const g = file("type.json", JSON.stringify({ port: "http" }));
    expect(bad({ env: {}, file: g })).toBe(
      `configuration: ${g}: port (config file) = "http": expected a whole number`,
    );
    expect(bad({ env: {}, file: join(dir, "missing.json") })).toMatch(/no such file$/);
    expect(bad({ env: {}, file: file("broken.json", "{") })).toMatch(
      /^configuration: config file .*broken\.json: /,
    );
    for (const m of ["eighty", "70000"].map((p) => bad({ env: { PORT: p } }))) expect(m).not.toContain("\n");
  });
});
