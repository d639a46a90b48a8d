// Runs the real server process (the esbuild bundle, as production does) for crash and load tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const SERVER_BUNDLE = join(REPO, "packages/server/dist/server.js");
/** The CLI bundle (`attune serve` starts the same server). */
export const CLI_BUNDLE = join(REPO, "packages/cli/dist/attune.js");

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
      !existsSync(CLI_BUNDLE) ||
      Math.min(statSync(SERVER_BUNDLE).mtimeMs, statSync(CLI_BUNDLE).mtimeMs) <
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
  /** The lines the process has printed on stdout so far (the start-up messages, the listening line). */
  lines(): string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a server command (by default the server bundle; `attune serve` with its arguments works the
 * same) on a free port, waits for its listening line and returns its address and what it printed.
 * Without a database URL the command chooses its database itself (ATTUNE_DATA_DIR or its default).
 *
 * @example
 * const server = await startServerProcess(undefined, { ATTUNE_DATA_DIR: dir }, [CLI_BUNDLE, "serve"]);
 * server.lines(); // ["created network … with coordinator …", "attune server listening on http://…"]
 * await server.stop();
 */
export async function startServerProcess(
  databaseUrl: string | undefined,
  env: Record<string, string> = {},
  command: readonly string[] = [SERVER_BUNDLE],
): Promise<ServerProcess> {
  const database: Record<string, string> =
    databaseUrl === undefined ? {} : { ATTUNE_DATABASE_URL: databaseUrl };
  const child = spawn(process.execPath, command, {
    cwd: REPO,
    env: { ...process.env, ...database, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  // 30 s: under the shared test machine's load a first start (migrations, bootstrap) can take 20.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${out} ${err}`)), 30_000);
    child.stdout!.on("data", () => {
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
    lines: () => out.split("\n").filter((line) => line !== ""),
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
