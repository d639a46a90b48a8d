// First run: the server process and `attune serve` create the network and its coordinator from the admin
// settings (one code path, ops/start.ts), say so once, and the coordinator can sign in; a second start on
// the same database creates nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, REPO, SERVER_BUNDLE } from "../testing/process.ts";

const EMAIL = "first.coordinator@prn.example.org";
const PASSWORD = "a long first password";
const dirs: string[] = [];

/** Starts a command, reads its stdout until the listening line, signs in, stops it; returns the output. */
async function firstStart(
  args: string[],
  env: Record<string, string>,
): Promise<{ out: string; login: number }> {
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 30 s: ${out} ${err}`)), 30_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  return { out, login: res.status };
}

describe.each([
  ["the server process", [SERVER_BUNDLE]],
  ["attune serve", [join(REPO, "packages/cli/dist/attune.js"), "serve"]],
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
