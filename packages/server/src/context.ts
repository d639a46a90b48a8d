// What every handler sees: the dependencies (closed over), the principal, and the app's env type.
import type { IncomingMessage } from "node:http";
import type { AuthSession, PatientLink, Role, Store, User } from "@attune/db";
import type { InstrumentCatalog } from "./instruments/catalog.ts";
import type { RateLimiter } from "./auth/rateLimit.ts";
import type { SecretBox } from "./auth/secretBox.ts";
import type { ResponseEvents } from "./dashboard/events.ts";
import type { AnalysisWorkers } from "./analysis/pool.ts";
import type { Messenger } from "./messaging/messenger.ts";
import type { RetryConfig, SmsConfig, SmtpConfig } from "./messaging/config.ts";
import type { SmsProvider } from "./messaging/transports.ts";

export interface AppConfig {
  /** Set the Secure flag on cookies (on behind HTTPS; off for plain-HTTP localhost). */
  secureCookies: boolean;
  sessionTtlMs: number;
  /** Default lifetime of a patient link. */
  linkTtlMs: number;
  /** Largest JSON body accepted (bytes). */
  maxBodyBytes: number;
  /** Largest import body accepted (bytes). */
  maxImportBytes: number;
  /** Base URL used in patient links and FHIR fullUrls, e.g. https://prn.example.org */
  publicBaseUrl: string;
  /**
   * Sign-in failures allowed per window: per client address, per (address, account), and per account from
   * all addresses together (only clients without the account's device cookie count there; auth/limits.ts).
   */
  loginLimit: { perAddress: number; perAccount: number; perAccountWide: number; windowMs: number };
  /**
   * The erasure ledger file (docs/deploy.md): each erasure is also written there, outside the database,
   * so a restore of an older backup erases the patient again. Undefined = no ledger (tests, embedded use).
   */
  erasureLedger?: string;
  /** Where the JSON request log goes (one line per request, no personal data); undefined = nowhere. */
  requestLog?: (line: string) => void;
  /** Addresses and CIDR ranges that may read /metrics (default loopback only). */
  metricsAllow?: string[];
  /**
   * The server's key (≥ 32 bytes): seals TOTP secrets, keys recovery-code hashes, signs device cookies.
   * startServer reads it from ATTUNE_SECRET_KEY or a key file beside the data (ops/secretKey.ts); when
   * undefined (tests, embedded use) a random key lives as long as the process.
   */
  secretKey?: Buffer;
  /** A staff session ends after this long without a request (idle sign-out). */
  sessionIdleMs: number;
  /** E-mail through SMTP (docs/web.md); none = links are copied by hand. */
  smtp?: SmtpConfig;
  /** SMS through the HTTP provider shape (docs/web.md). */
  sms?: SmsConfig;
  /** Another SMS provider implementation (wins over `sms`). */
  smsProvider?: SmsProvider;
  /** Delivery attempts and the wait between them. */
  messageRetry: RetryConfig;
}

export const DEFAULT_CONFIG: AppConfig = {
  secureCookies: false,
  sessionTtlMs: 8 * 3600_000,
  linkTtlMs: 7 * 24 * 3600_000,
  maxBodyBytes: 256 * 1024,
  maxImportBytes: 32 * 1024 * 1024,
  publicBaseUrl: "http://localhost:8080",
  loginLimit: { perAddress: 20, perAccount: 5, perAccountWide: 10, windowMs: 15 * 60_000 },
  sessionIdleMs: 30 * 60_000,
  messageRetry: { attempts: 4, baseDelayMs: 30_000 },
};

export interface AppDeps {
  store: Store;
  instruments: InstrumentCatalog;
  config?: Partial<AppConfig>;
  /** Directory of the built browser UI (packages/web/dist) to serve beside the API; none = API only. */
  webDir?: string;
}

export interface Ctx {
  store: Store;
  instruments: InstrumentCatalog;
  config: AppConfig;
  /** Sign-in failures per client address, per (address, account), and per account from untrusted devices. */
  limits: { address: RateLimiter; account: RateLimiter; accountWide: RateLimiter };
  /** The server key's uses (auth/secretBox.ts). */
  box: SecretBox;
  /** Stored responses, announced to the dashboard's event streams. */
  events: ResponseEvents;
  /** Fits runs' models on a worker thread, off the event loop. */
  analysis: AnalysisWorkers;
  /** E-mail and SMS: the send log and the background outbox. */
  messenger: Messenger;
}

export type Actor = Role | "patient";
export const ACTORS: readonly Actor[] = ["coordinator", "therapist", "researcher", "coder", "patient"];

export type Principal =
  /** `signedOut`: why a session cookie no longer counts (idle sign-out), said in the 401. */
  | { kind: "anonymous"; signedOut?: string }
  | { kind: "user"; user: User; session: AuthSession }
  /** Half signed in: the password was right, a second factor (or enrolment in one) is due. */
  | { kind: "pending"; user: User; session: AuthSession; stage: "second-factor" | "enrol" }
  | { kind: "link"; link: PatientLink };

export type AppEnv = {
  Bindings: { incoming?: IncomingMessage };
  Variables: { principal: Principal };
};
