// From checked settings to a running server: the options startServer takes, and the first-run bootstrap.
import type { AppConfig } from "../context.ts";
import { startServer, type RunningServer } from "../listen.ts";
import { ensureBootstrap } from "../seed.ts";
import type { Settings } from "./settings.ts";

/**
 * The e-mail and SMS part of the config (none when the settings name no SMTP host or SMS URL).
 *
 * @example
 * messagingConfig({ smtpHost: "smtp.example.org", mailFrom: "prn@example.org" }).smtp?.port; // 587
 */
export function messagingConfig(s: Settings): Pick<Partial<AppConfig>, "smtp" | "sms"> {
  const security = s.smtpSecurity ?? "starttls";
  return {
    ...(s.smtpHost && s.mailFrom
      ? {
          smtp: {
            host: s.smtpHost,
            port: s.smtpPort ?? (security === "tls" ? 465 : 587),
            security,
            ...(s.smtpUser ? { user: s.smtpUser } : {}),
            ...(s.smtpPassword ? { password: s.smtpPassword } : {}),
            from: s.mailFrom,
          },
        }
      : {}),
    ...(s.smsUrl && s.smsToken
      ? { sms: { url: s.smsUrl, token: s.smsToken, ...(s.smsFrom ? { from: s.smsFrom } : {}) } }
      : {}),
  };
}

export interface ServerOptions {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  config: Partial<AppConfig>;
}

/**
 * The startServer options a set of settings asks for.
 *
 * @example
 * await startServer(serverOptions(loadSettings({ env: process.env })));
 */
export function serverOptions(s: Settings): ServerOptions {
  // open.ts reads the SQLite sync mode from the environment; a config-file value reaches it the same way.
  if (s.sqliteSync) process.env["ATTUNE_SQLITE_SYNC"] = s.sqliteSync;
  const host = s.host ?? "127.0.0.1";
  const port = s.port ?? 8080;
  const config: Partial<AppConfig> = {
    ...(s.publicUrl ? { publicBaseUrl: s.publicUrl } : {}),
    ...(s.secureCookies !== undefined ? { secureCookies: s.secureCookies } : {}),
    ...(s.metricsAllow ? { metricsAllow: s.metricsAllow } : {}),
    ...(s.erasureLedger ? { erasureLedger: s.erasureLedger } : {}),
    ...(s.logRequests === false ? { requestLog: () => {} } : {}),
    ...(s.sessionTtlHours ? { sessionTtlMs: s.sessionTtlHours * 3600_000 } : {}),
    ...(s.linkTtlDays ? { linkTtlMs: s.linkTtlDays * 24 * 3600_000 } : {}),
    ...(s.secretKey ? { secretKey: Buffer.from(s.secretKey, "utf8") } : {}),
    ...(s.sessionIdleMinutes ? { sessionIdleMs: s.sessionIdleMinutes * 60_000 } : {}),
    ...messagingConfig(s),
  };
  return {
    host,
    port,
    ...(s.databaseUrl ? { databaseUrl: s.databaseUrl } : {}),
    ...(s.dataDir ? { dataDir: s.dataDir } : {}),
    ...(s.dbPoolSize ? { poolSize: s.dbPoolSize } : {}),
    config,
  };
}

/**
 * Starts the server a set of settings asks for and, on a first run with an admin e-mail and password,
 * creates the network and its coordinator; returns the server and the lines that tell the operator what
 * happened (the server process and `attune serve` print the same).
 *
 * @example
 * const { server, lines } = await startFromSettings(loadSettings({ env: process.env }));
 * for (const l of lines) process.stdout.write(`${l}\n`);
 */
export async function startFromSettings(s: Settings): Promise<{ server: RunningServer; lines: string[] }> {
  const server = await startServer(serverOptions(s));
  const lines: string[] = [];
  if (s.adminEmail && s.adminPassword) {
    const b = await ensureBootstrap(server.store, {
      network: s.networkName ?? "attune network",
      email: s.adminEmail,
      password: s.adminPassword,
    });
    if (b.created) lines.push(`created network ${b.networkId} with coordinator ${s.adminEmail}`);
  }
  lines.push(`attune server listening on ${server.url} (${server.store.dialect}: ${server.store.location})`);
  return { server, lines };
}
