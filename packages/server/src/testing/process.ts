// Runs the real server process (the esbuild bundle, as production does) for crash and load tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const SERVER_BUNDLE = join(REPO, "packages/server/dist/server.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist") continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the bundles (scripts/build.mjs) when they are older than the sources, so the test runs the
 * current code. Test files run in parallel: a lock directory keeps two of them from rebuilding (and
 * one from running a half-written bundle) at the same time.
 */
export function buildServer(): void {
  const lock = join(
    tmpdir(),
    `attune-build-lock-${createHash("sha256").update(REPO).digest("hex").slice(0, 12)}`,
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      sleep(100);
    }
  }
  try {
    const stale =
      !existsSync(SERVER_BUNDLE) ||
      !existsSync(join(REPO, "packages/cli/dist/attune.js")) ||
      Math.min(statSync(SERVER_BUNDLE).mtimeMs, statSync(join(REPO, "packages/cli/dist/attune.js")).mtimeMs) <
        newestSource(join(REPO, "packages"));
    if (stale)
      execFileSync(process.execPath, [join(REPO, "scripts/build.mjs")], { cwd: REPO, stdio: "inherit" });
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`build did not produce ${SERVER_BUNDLE}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: REPO,
    env: { ...process.env, ATTUNE_DATABASE_URL: databaseUrl, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s: ${out} ${err}`)), 20_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
  return {
    url,
    child,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
