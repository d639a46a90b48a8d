// The server process and `attune serve` stop on a bad setting with one line and exit code 1.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServer, REPO, SERVER_BUNDLE } from "../testing/process.ts";

const run = promisify(execFile);

async function failure(args: string[], env: Record<string, string>): Promise<string> {
  return run(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, timeout: 20_000 }).then(
    (r) => `started: ${r.stdout}`,
    (e: { code: number; stderr: string }) => `${e.code}: ${e.stderr}`,
  );
}

describe("a bad setting stops the server", () => {
  beforeAll(() => buildServer());

  it("server.js names the environment variable", async () => {
    expect(await failure([SERVER_BUNDLE], { PORT: "eighty" })).toBe(
      '1: attune: configuration: PORT (environment) = "eighty": expected a whole number\n',
    );
  });

  it("attune serve names the flag", async () => {
    expect(
      await failure(
        [join(REPO, "packages/cli/dist/attune.js"), "serve", "--public-url", "prn.example.org"],
        {},
      ),
    ).toBe(
      '1: attune: configuration: --public-url (flag) = "prn.example.org": expected a URL like https://prn.example.org\n',
    );
  });
});
