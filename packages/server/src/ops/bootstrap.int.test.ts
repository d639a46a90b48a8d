// First run: the server process and `attune serve` create the network and its coordinator from the admin
// settings (one code path, ops/start.ts), say so once, and the coordinator can sign in; a second start on
// the same database creates nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, CLI_BUNDLE, SERVER_BUNDLE, startServerProcess } from "../testing/process.ts";

const EMAIL = "first.coordinator@prn.example.org";
const PASSWORD = "a long first password";
const dirs: string[] = [];

/** Starts a command until its listening line, signs in, stops it; returns what it printed. */
async function firstStart(
  command: string[],
  env: Record<string, string>,
): Promise<{ out: string; login: number }> {
  const server = await startServerProcess(undefined, env, command);
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  await server.stop();
  return { out: server.lines().join("\n"), login: res.status };
}

describe.each([
  ["the server process", [SERVER_BUNDLE]],
  ["attune serve", [CLI_BUNDLE, "serve"]],
])("first run of %s with admin settings", (_name, args) => {
  beforeAll(() => buildServer());
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("creates the network and coordinator once; the coordinator signs in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "attune-bootstrap-"));
    dirs.push(dir);
    const env = {
      ATTUNE_DATA_DIR: dir,
      ATTUNE_ADMIN_EMAIL: EMAIL,
      ATTUNE_ADMIN_PASSWORD: PASSWORD,
      ATTUNE_NETWORK_NAME: "Lyon PRN",
    };
    const first = await firstStart(args, env);
    expect(first.out).toMatch(new RegExp(`^created network \\S+ with coordinator ${EMAIL}$`, "m"));
    expect(first.out).toMatch(/^attune server listening on http:\/\/127\.0\.0\.1:\d+ \(sqlite: /m);
    expect(first.login).toBe(200);
    const second = await firstStart(args, env);
    expect(second.out).not.toContain("created network");
    expect(second.login).toBe(200);
  }, 120_000);
});
