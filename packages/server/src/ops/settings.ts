// The server's settings, checked once at start: one zod schema per setting, read from command-line
// flags, the environment and an optional JSON config file (in that order of precedence, then the
// defaults). A bad value stops the server with one line naming the setting, where it came from and why.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { addressAllowed } from "./allowList.ts";

type Source = "flag" | "environment" | "config file";

interface Setting<T> {
  /** The environment variable. */
  env: string;
  /** The `attune serve` flag (none: environment or file only). */
  flag?: string;
  /** Parses a value as given (strings from flags and environment; JSON values from the file). */
  schema: z.ZodType<T>;
  help: string;
}

const bool = z.preprocess(
  (v) => (v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : v),
  z.boolean({ error: "expected 1 or 0 (true or false)" }),
);
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z
      .number({ error: "expected a whole number" })
      .int("expected a whole number")
      .min(min, `expected at least ${min}`)
      .max(max, `expected at most ${max}`),
  );
const httpUrl = z
  .string()
  .url("expected a URL like https://prn.example.org")
  .refine((u) => /^https?:\/\//i.test(u), "expected an http:// or https:// URL")
  .transform((u) => u.replace(/\/+$/, ""));
const addressList = z
  .union([
    z.array(z.string()),
    z.string().transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ])
  .superRefine((list, ctx) => {
    try {
      addressAllowed(list);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  });

/** Every setting: environment variable, flag, schema, and the line docs/deploy.md shows for it. */
export const SETTINGS = {
  host: { env: "HOST", flag: "--host", schema: z.string().min(1), help: "address to listen on [127.0.0.1]" },
  port: {
    env: "PORT",
    flag: "--port",
    schema: int(0, 65535),
    help: "port to listen on, 0 = any free port [8080]",
  },
  databaseUrl: {
    env: "ATTUNE_DATABASE_URL",
    flag: "--database",
    schema: z.string().min(1),
    help: "postgres://user:password@host:5432/db, or a SQLite file [DATA_DIR/attune.sqlite]",
  },
  dataDir: {
    env: "ATTUNE_DATA_DIR",
    flag: "--data-dir",
    schema: z.string().min(1),
    help: "directory of the SQLite file and the erasure ledger [.attune-data]",
  },
  publicUrl: {
    env: "ATTUNE_PUBLIC_URL",
    flag: "--public-url",
    schema: httpUrl,
    help: "the URL people use; https:// turns on Secure cookies and HSTS [http://HOST:PORT]",
  },
  secureCookies: {
    env: "ATTUNE_SECURE_COOKIES",
    schema: bool,
    help: "1 = Secure cookies even without an https public URL [0]",
  },
  metricsAllow: {
    env: "ATTUNE_METRICS_ALLOW",
    schema: addressList,
    help: "addresses/CIDR ranges that may read /metrics, comma-separated [127.0.0.1,::1]",
  },
  erasureLedger: {
    env: "ATTUNE_ERASURE_LEDGER",
    schema: z.string().min(1),
    help: "file where each erasure is also recorded, kept with the backups [DATA_DIR/erasures.jsonl]",
  },
  secretKey: {
    env: "ATTUNE_SECRET_KEY",
    schema: z.string().min(32, "at least 32 characters are needed (e.g. openssl rand -base64 32)"),
    help: "the server key that seals two-factor secrets; share it between API hosts [DATA_DIR/secret.key]",
  },
  logRequests: { env: "ATTUNE_LOG_REQUESTS", schema: bool, help: "one JSON line per request on stdout [1]" },
  dbPoolSize: {
    env: "ATTUNE_DB_POOL_SIZE",
    schema: int(1, 1000),
    help: "PostgreSQL connections per process [10]",
  },
  sqliteSync: {
    env: "ATTUNE_SQLITE_SYNC",
    schema: z.enum(["normal", "full"]),
    help: "full = a commit survives power loss too, at some write speed [normal]",
  },
  sessionTtlHours: {
    env: "ATTUNE_SESSION_TTL_HOURS",
    schema: int(1, 24 * 30),
    help: "staff sign-in lifetime in hours [8]",
  },
  linkTtlDays: {
    env: "ATTUNE_LINK_TTL_DAYS",
    schema: int(1, 365),
    help: "patient link lifetime in days [7]",
  },
  sessionIdleMinutes: {
    env: "ATTUNE_SESSION_IDLE_MINUTES",
    schema: int(1, 24 * 60),
    help: "staff are signed out after this many minutes without activity [30]",
  },
  smtpHost: {
    env: "ATTUNE_SMTP_HOST",
    flag: "--smtp-host",
    schema: z.string().min(1),
    help: "SMTP server for e-mail (links, reminders, invitations, password resets) [none: copy links by hand]",
  },
  smtpPort: {
    env: "ATTUNE_SMTP_PORT",
    flag: "--smtp-port",
    schema: int(1, 65535),
    help: "SMTP port [587; 465 with tls]",
  },
  smtpSecurity: {
    env: "ATTUNE_SMTP_SECURITY",
    schema: z.enum(["starttls", "tls", "none"], { error: "expected starttls, tls or none" }),
    help: "starttls = upgrade required, tls = implicit TLS, none = a relay on this machine only [starttls]",
  },
  smtpUser: { env: "ATTUNE_SMTP_USER", schema: z.string().min(1), help: "SMTP user name [none]" },
  smtpPassword: { env: "ATTUNE_SMTP_PASSWORD", schema: z.string().min(1), help: "SMTP password [none]" },
  mailFrom: {
    env: "ATTUNE_MAIL_FROM",
    flag: "--mail-from",
    schema: z
      .string()
      .min(3)
      .regex(/@/, 'expected an address like prn@clinic.example or "Name" <prn@clinic.example>'),
    help: "From address of the e-mails (required with ATTUNE_SMTP_HOST)",
  },
  smsUrl: {
    env: "ATTUNE_SMS_URL",
    schema: httpUrl,
    help: "HTTP SMS provider endpoint: POST JSON {to, from, text} with a bearer token [none]",
  },
  smsToken: { env: "ATTUNE_SMS_TOKEN", schema: z.string().min(1), help: "the SMS provider's bearer token" },
  smsFrom: {
    env: "ATTUNE_SMS_FROM",
    schema: z.string().min(1),
    help: "sender name or number of the SMS [none]",
  },
  adminEmail: {
    env: "ATTUNE_ADMIN_EMAIL",
    flag: "--admin-email",
    schema: z.string().email("expected an e-mail address"),
    help: "first run: create the network and its coordinator with this e-mail",
  },
  adminPassword: {
    env: "ATTUNE_ADMIN_PASSWORD",
    flag: "--admin-password",
    schema: z.string().min(10, "at least 10 characters are needed"),
    help: "that coordinator's password (≥ 10 characters)",
  },
  networkName: {
    env: "ATTUNE_NETWORK_NAME",
    schema: z.string().min(1),
    help: "first run: the network's name",
  },
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]?: z.output<(typeof SETTINGS)[K]["schema"]> };

/** A bad setting: the one line the server prints before exiting 1. */
export class SettingsError extends Error {
  override name = "InputError";
}

/**
 * Reads and checks the settings. `flags` are the serve flags given (by setting name); `file` is the
 * config file (ATTUNE_CONFIG or --config), JSON with setting names as keys.
 *
 * @example
 * const s = loadSettings({ env: process.env, flags: { port: "8443" } }); // s.port === 8443
 */
export function loadSettings(o: {
  env: NodeJS.ProcessEnv;
  flags?: Partial<Record<SettingName, string>>;
  file?: string;
}): Settings {
  const out: Record<string, unknown> = {};
  const file = o.file ?? o.env["ATTUNE_CONFIG"];
  if (file) Object.assign(out, fromFile(file));
  for (const [name, s] of Object.entries(SETTINGS) as [SettingName, Setting<unknown>][]) {
    const v = o.env[s.env];
    if (v !== undefined && v !== "") out[name] = parse(name, v, "environment", s.env);
  }
  for (const [name, v] of Object.entries(o.flags ?? {}) as [SettingName, string | undefined][]) {
    if (v === undefined) continue;
    const s = SETTINGS[name] as Setting<unknown>;
    out[name] = parse(name, v, "flag", s.flag ?? name);
  }
  if (out["smtpHost"] !== undefined && out["mailFrom"] === undefined)
    throw new SettingsError(
      "configuration: ATTUNE_SMTP_HOST needs ATTUNE_MAIL_FROM (the From address of the e-mails)",
    );
  if ((out["smsUrl"] === undefined) !== (out["smsToken"] === undefined))
    throw new SettingsError("configuration: ATTUNE_SMS_URL and ATTUNE_SMS_TOKEN go together");
  if ((out["adminEmail"] === undefined) !== (out["adminPassword"] === undefined))
    throw new SettingsError(
      "configuration: ATTUNE_ADMIN_EMAIL and ATTUNE_ADMIN_PASSWORD (or --admin-email/--admin-password) go together",
    );
  return out as Settings;
}

function parse(name: SettingName, value: unknown, source: Source, where: string): unknown {
  const r = (SETTINGS[name].schema as z.ZodType).safeParse(value);
  if (r.success) return r.data;
  const secret: SettingName[] = ["adminPassword", "smtpPassword", "smsToken"];
  const shown = secret.includes(name) ? "(hidden)" : JSON.stringify(value);
  throw new SettingsError(
    `configuration: ${where} (${source}) = ${shown}: ${r.error.issues[0]?.message ?? "invalid"}`,
  );
}

function fromFile(path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const why = (e as { code?: string }).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new SettingsError(`configuration: config file ${path}: ${why}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new SettingsError(`configuration: config file ${path}: expected a JSON object of settings`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in SETTINGS))
      throw new SettingsError(
        `configuration: config file ${path}: unknown setting "${k}" (known: ${Object.keys(SETTINGS).join(", ")})`,
      );
    out[k] = parse(k as SettingName, v, "config file", `${path}: ${k}`);
  }
  return out;
}
