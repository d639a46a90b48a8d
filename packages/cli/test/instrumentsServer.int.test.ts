// `attune instruments import --server`: the built command signs in to a running attune server and
// stores made-up licensed wording for the coordinator's network (placeholder text, never real wording).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBootstrap, startServer, type RunningServer } from "@attune/server";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const EMAIL = "coordinator@test.dev";
const PASSWORD = "a test password of some length";

const fakeFile = (drop = 0) => ({
  instrument: "wai-sr",
  language: "en",
  items: Array.from({ length: 12 - drop }, (_, i) => ({
    linkId: `wai-sr-${i + 1}`,
    text: `Test wording item ${i + 1}`,
  })),
  answerOptions: { frequency: [1, 2, 3, 4, 5].map((value) => ({ value, display: `Test label ${value}` })) },
});

describe("attune instruments import --server", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "attune-cli-server-"));
    server = await startServer({ databaseUrl: join(dir, "attune.sqlite"), port: 0, webDir: "" });
    await ensureBootstrap(server.store, { network: "Test network", email: EMAIL, password: PASSWORD });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function attune(args: string[], env: Record<string, string> = {}) {
    try {
      const r = await promisify(execFile)(process.execPath, [BIN, ...args], {
        encoding: "utf8",
        env: { ...process.env, ATTUNE_EMAIL: "", ATTUNE_PASSWORD: "", ...env },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it("stores the wording for the network, and refuses a mismatching file naming the mismatch", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(fakeFile()));
    const args = ["instruments", "import", good, "--server", server.url, "--email", EMAIL];
    const noAttest = await attune(args, { ATTUNE_PASSWORD: PASSWORD });
    expect(noAttest.code).toBe(1);
    expect(noAttest.stderr).toContain("--server needs --attest");
    const noPassword = await attune([...args, "--attest", "fake licence no. 0 (test)"]);
    expect(noPassword.stderr).toContain("ATTUNE_PASSWORD");

    const ok = await attune([...args, "--attest", "fake licence no. 0 (test)"], {
      ATTUNE_PASSWORD: PASSWORD,
    });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      "imported 12 items of wai-sr (en); your network's form now has en (revision 1)",
    );
    const row = await server.store.db.selectFrom("licensed_texts").selectAll().executeTakeFirstOrThrow();
    expect(row.attestation).toBe("fake licence no. 0 (test)");

    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...fakeFile(1), language: "fr" }));
    const refused = await attune(
      [
        "instruments",
        "import",
        bad,
        "--server",
        server.url,
        "--email",
        EMAIL,
        "--attest",
        "fake licence no. 0 (test)",
      ],
      { ATTUNE_PASSWORD: PASSWORD },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("was not imported (400)");
    expect(refused.stderr).toContain('item "wai-sr-12" of wai-sr has no text in the file');

    const wrongPassword = await attune([...args, "--attest", "fake licence no. 0 (test)"], {
      ATTUNE_PASSWORD: "not the password",
    });
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toContain(`sign-in as ${EMAIL}`);
  });
  it("writes links with the port it was given when started on port 0", async () => {
    expect(server.url).not.toMatch(/:0$/);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const bundle = (await (
      await fetch(`${server.url}/api/fhir/Questionnaire`, { headers: { cookie } })
    ).json()) as { entry?: { fullUrl: string }[] };
    expect(bundle.entry?.length).toBeGreaterThan(0);
    for (const e of bundle.entry ?? []) expect(e.fullUrl.startsWith(`${server.url}/api/fhir/`)).toBe(true);
  });
});
