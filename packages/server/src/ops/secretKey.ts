// Where the server key comes from: ATTUNE_SECRET_KEY (any text of 32 or more characters, e.g.
// `openssl rand -base64 32`; several API processes on different hosts must share it), or else a key file
// `secret.key` beside the data (the SQLite file's directory, or ATTUNE_DATA_DIR for PostgreSQL), made with
// mode 0600 on first start. Kept out of the database on purpose: a copy of the database (or a backup)
// alone does not open the TOTP secrets sealed with it. Losing the key means staff re-enrol their second
// factor (a coordinator turns it off for them by disabling and re-inviting; docs/platform.md).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isPostgresUrl } from "@attune/db";

/**
 * The server key: the configured text's bytes, or the key file's (created when missing).
 *
 * @example
 * resolveSecretKey({ configured: process.env.ATTUNE_SECRET_KEY, databaseUrl: ".attune-data/attune.sqlite" });
 */
export function resolveSecretKey(o: { configured?: string; databaseUrl: string; dataDir?: string }): Buffer {
  if (o.configured) return Buffer.from(o.configured, "utf8");
  const dir = isPostgresUrl(o.databaseUrl)
    ? (o.dataDir ?? process.env["ATTUNE_DATA_DIR"] ?? ".attune-data")
    : dirname(o.databaseUrl.replace(/^sqlite:/i, ""));
  const file = join(dir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // "wx": never overwrite a key another process wrote a moment ago
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const text = readFileSync(file, "utf8").trim();
  if (text.length < 32) throw new Error(`the key file ${file} holds fewer than 32 characters`);
  return Buffer.from(text, "utf8");
}
