// Test support: one data-layer suite, parameterised by dialect. SQLite uses a fresh temp file;
// PostgreSQL a fresh database on the server named by ATTUNE_TEST_PG_URL (scripts/ci/postgres.sh).
// In CI (CI=true) a missing ATTUNE_TEST_PG_URL makes PostgreSQL tests fail; locally they are skipped.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, it } from "vitest";
import { openStore, type DialectName, type Store } from "./open.ts";
import { newId } from "./ids.ts";

export interface TestDialect {
  name: DialectName;
  /** False only locally without ATTUNE_TEST_PG_URL; then `skipReason` says why. */
  available: boolean;
  skipReason?: string;
  /** A fresh, migrated, empty database and its URL; `dispose` removes it. */
  create(): Promise<{ url: string; dispose(): Promise<void> }>;
}

export function inCi(): boolean {
  const v = process.env["CI"];
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

const sqlite: TestDialect = {
  name: "sqlite",
  available: true,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "attune-test-"));
    const url = join(dir, "attune.sqlite");
    return { url, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

function postgres(): TestDialect {
  const admin = process.env["ATTUNE_TEST_PG_URL"];
  if (!admin) {
    if (inCi())
      return {
        name: "postgres",
        available: true,
        create: () =>
          Promise.reject(
            new Error(
              "ATTUNE_TEST_PG_URL is not set: CI requires PostgreSQL (start it with scripts/ci/postgres.sh)",
            ),
          ),
      };
    return {
      name: "postgres",
      available: false,
      skipReason:
        'PostgreSQL tests skipped: ATTUNE_TEST_PG_URL is not set (eval "$(scripts/ci/postgres.sh)")',
      create: () => Promise.reject(new Error("ATTUNE_TEST_PG_URL is not set")),
    };
  }
  return {
    name: "postgres",
    available: true,
    async create() {
      const name = `attune_t_${newId()}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      const u = new URL(admin);
      u.pathname = `/${name}`;
      return {
        url: u.toString(),
        async dispose() {
          const c = new pg.Client({ connectionString: admin });
          await c.connect();
          try {
            await c.query(`drop database if exists "${name}" with (force)`);
          } finally {
            await c.end();
          }
        },
      };
    },
  };
}

export function testDialects(): TestDialect[] {
  return [sqlite, postgres()];
}

/**
 * `describe` once per dialect. Locally without PostgreSQL that dialect's block is skipped with a
 * message; in CI without it, one test fails outright (a failing beforeAll would only mark the
 * tests skipped, which must not pass).
 */
export function describeEachDialect(title: string, body: (d: TestDialect) => void): void {
  for (const d of testDialects()) {
    if (!d.available) {
      console.warn(d.skipReason);
      describe.skip(`${title} [${d.name}] (${d.skipReason ?? "unavailable"})`, () => {
        it("needs PostgreSQL", () => {});
      });
      continue;
    }
    if (d.name === "postgres" && !process.env["ATTUNE_TEST_PG_URL"]) {
      describe(`${title} [${d.name}]`, () => {
        it("has a PostgreSQL server (ATTUNE_TEST_PG_URL)", () => {
          throw new Error("ATTUNE_TEST_PG_URL is not set: CI requires PostgreSQL (scripts/ci/postgres.sh)");
        });
      });
      continue;
    }
    describe(`${title} [${d.name}]`, () => body(d));
  }
}

/** Opens a fresh migrated store of the dialect; close it with `dispose`. */
export async function openTestStore(
  d: TestDialect,
): Promise<{ store: Store; url: string; dispose(): Promise<void> }> {
  const { url, dispose } = await d.create();
  const store = await openStore({ url });
  return {
    store,
    url,
    async dispose() {
      await store.close();
      await dispose();
    },
  };
}
