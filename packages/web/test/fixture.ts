// The browser tests' one set-up: a real server on a fresh data directory serving the built UI (with a real
// SMTP server for its e-mail when asked), seeded with the simulated demo network, the small fixed one or
// the file's own data, headless Chromium, pages signed in as someone (in French when asked), and downloads
// saved in the directory; after the file, everything closed and the directory removed. Declared at a test
// file's top level; without Chromium (and outside CI) it registers nothing, as the file's
// `describe.skipIf(!browserRunnable)` skips its tests.
import { afterAll, beforeAll, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { DEMO_PASSWORD, seedDemo, seedSimulatedDemo, startServer, type RunningServer } from "@attune/server";
import { startTestSmtp, type TestSmtp } from "@attune/server/testing/smtp";
import { browserRunnable, DESKTOP, launchBrowser, signIn, WEB_DIST } from "./browser.ts";

/** The password of every account `seedSimulatedDemo` and `seedDemo` make. */
export { DEMO_PASSWORD };

/** The simulated demo network (`seedSimulatedDemo`). */
export type Demo = Awaited<ReturnType<typeof seedSimulatedDemo>>;
/** The small fixed network (`seedDemo`): one study, 4 therapists T1–T4, a researcher, a coder, 8 patients. */
export type SmallDemo = Awaited<ReturnType<typeof seedDemo>>;
/** What both demo seeders return: the network and its accounts. */
type SeededNetwork = Pick<Demo, "networkId" | "users">;
type ServerConfig = NonNullable<Parameters<typeof startServer>[0]["config"]>;

export interface WebFixtureOptions<S> {
  /** Names the temporary data directory (`attune-<name>-…`). */
  name: string;
  /** Fills the database once the server listens (a demo network, a bootstrapped coordinator, …). */
  seed: (server: RunningServer, dir: string) => Promise<S>;
  /** The server's configuration (SMTP, idle period, request log, …). */
  config?: ServerConfig;
  /** Listen on a known free port rather than port 0: pages that write their own address into links. */
  knownPort?: boolean;
  /** Keep the database in this folder of the temporary directory (the rest is for downloads). */
  dataSubdir?: string;
  /**
   * Send the server's e-mail to a real SMTP server on 127.0.0.1 (`smtp` reads what arrived), from
   * prn@clinic.test, retrying a refused message quickly.
   */
  smtp?: boolean;
  /** false: no Chromium of its own (a second server in a file whose first fixture has the browser). */
  browser?: boolean;
}

export interface SignInOptions {
  /** Options of the page's own browser context; DESKTOP and en-GB unless given. */
  context?: BrowserContextOptions;
  /** Switch to French on the sign-in page and again once signed in (the account's language wins there). */
  french?: boolean;
  /** Wait for the signed-in nav (default); false for a sign-in that stops at a second step. */
  waitForNav?: boolean;
  /** Called on the new page before it signs in: listeners that must see the sign-in too (page errors). */
  beforeSignIn?: (page: Page) => void;
}

export interface WebFixture<S> {
  /** The running server (its URL, its store). */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The temporary directory (the data directory, or its parent with `dataSubdir`). */
  readonly dir: string;
  /** What `seed` returned. */
  readonly seeded: S;
  /** The SMTP server the e-mail goes to (with the `smtp` option). */
  readonly smtp: TestSmtp;
  /** A new page, in a context of its own, signed in with `email` and `password`. */
  signedIn(email: string, password: string, options?: SignInOptions): Promise<Page>;
  /**
   * Clicks the link named `name` on `page`, saves what it downloads as `to` in the temporary directory and
   * returns its text (the page's context needs `acceptDownloads`).
   */
  download(page: Page, name: RegExp, to: string): Promise<string>;
}

/** A demo-network fixture: `demo` is the seeded network; `as(role)` signs in as its first user of the role. */
export interface DemoFixture<N extends SeededNetwork = Demo> extends WebFixture<N> {
  readonly demo: N;
  /** The demo network's first user of `role`. */
  user(role: string): N["users"][number];
  as(role: string, options?: SignInOptions): Promise<Page>;
}

/**
 * A free TCP port on 127.0.0.1 (closed again before it is returned).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * Starts a server and Chromium before the file's tests and closes both after them.
 *
 * @example
 * const web = webFixture({ name: "coder", seed: (s) => ensureBootstrap(s.store, boot) });
 * it("…", async () => {
 *   const page = await web.signedIn(EMAIL, PASSWORD);
 * });
 */
export function webFixture<S>(options: WebFixtureOptions<S>): WebFixture<S> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dir: string | undefined;
  let seeded: { value: S } | undefined;
  let smtp: TestSmtp | undefined;
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the web fixture's ${what} is used before beforeAll ran`);
    return v;
  };
  if (browserRunnable) {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `attune-${options.name}-`));
      if (options.smtp) smtp = await startTestSmtp();
      const mail: ServerConfig = smtp
        ? {
            smtp: { host: "127.0.0.1", port: smtp.port, security: "none", from: "prn@clinic.test" },
            messageRetry: { attempts: 3, baseDelayMs: 100 },
          }
        : {};
      const config = { ...mail, ...options.config };
      server = await startServer({
        dataDir: options.dataSubdir ? join(dir, options.dataSubdir) : dir,
        port: options.knownPort ? await freePort() : 0,
        webDir: WEB_DIST,
        ...(options.config || smtp ? { config } : {}),
      });
      seeded = { value: await options.seed(server, dir) };
      if (options.browser !== false) browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
  }
  const fixture: WebFixture<S> = {
    get server() {
      return ready(server, "server");
    },
    get browser() {
      return ready(browser, "browser");
    },
    get dir() {
      return ready(dir, "directory");
    },
    get seeded() {
      return ready(seeded, "seed").value;
    },
    get smtp() {
      return ready(smtp, "SMTP server (the smtp option)");
    },
    async signedIn(email, password, o = {}) {
      const page = await fixture.browser.newPage({ viewport: DESKTOP, locale: "en-GB", ...o.context });
      o.beforeSignIn?.(page);
      if (o.french) await signInFrench(page, fixture.server.url, email, password);
      else await signIn(page, fixture.server.url, email, password);
      if (o.waitForNav !== false) await page.getByRole("navigation").waitFor();
      return page;
    },
    async download(page, name, to) {
      const [dl] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name }).click(),
      ]);
      const path = join(fixture.dir, to);
      await dl.saveAs(path);
      return readFileSync(path, "utf8");
    },
  };
  return fixture;
}

export type DemoFixtureOptions<N extends SeededNetwork = Demo> = Omit<
  WebFixtureOptions<N>,
  "name" | "seed"
> & {
  /** More data once the demo network is seeded (a second outcome form's schedule, an import, …). */
  thenSeed?: (server: RunningServer, demo: N) => Promise<unknown>;
};

/**
 * The usual fixture: a simulated demo network (`seedSimulatedDemo` with `demo`'s sizes).
 *
 * @example
 * const web = demoFixture("web-help", { therapists: 6 });
 * const page = await web.as("therapist", { french: true });
 */
export function demoFixture(
  name: string,
  demo: Parameters<typeof seedSimulatedDemo>[1] = {},
  options: DemoFixtureOptions = {},
): DemoFixture {
  return networkFixture(name, (server) => seedSimulatedDemo(server.store, demo), options);
}

/**
 * The small fixed network of `seedDemo` (users C1, R1, K1, T1–T4 @demo.attune.dev): for tests that bring
 * their own data, imported in `thenSeed`.
 *
 * @example
 * const web = smallDemoFixture("research", {
 *   thenSeed: async (server, demo) => importPrn(await coordinatorSession(server.url, demo), csv),
 * });
 * const page = await web.as("researcher");
 */
export function smallDemoFixture(
  name: string,
  options: DemoFixtureOptions<SmallDemo> = {},
): DemoFixture<SmallDemo> {
  return networkFixture(name, (server) => seedDemo(server.store), options);
}

/** A web fixture whose seed is a network with accounts, and `as(role)` signing in as its users. */
function networkFixture<N extends SeededNetwork>(
  name: string,
  seedNetwork: (server: RunningServer) => Promise<N>,
  options: DemoFixtureOptions<N>,
): DemoFixture<N> {
  const { thenSeed, ...rest } = options;
  const web = webFixture({
    ...rest,
    name,
    seed: async (server) => {
      const seeded = await seedNetwork(server);
      await thenSeed?.(server, seeded);
      return seeded;
    },
  });
  const user = (role: string) => {
    const found = web.seeded.users.find((u) => u.role === role);
    if (!found) throw new Error(`the demo network has no ${role}`);
    return found;
  };
  // The web fixture's own getters (server, browser, …) through the prototype; the demo's parts on top.
  return Object.create(web, {
    demo: { get: () => web.seeded },
    user: { value: user },
    as: { value: (role: string, o?: SignInOptions) => web.signedIn(user(role).email, DEMO_PASSWORD, o) },
  }) as DemoFixture<N>;
}

/** Signs in with the header switch on French first, then sets French again once in (see SignInOptions). */
async function signInFrench(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("navigation").waitFor();
  await page.getByRole("button", { name: "Français" }).click();
  await expect.poll(() => page.evaluate("document.documentElement.lang"), { timeout: 10_000 }).toBe("fr");
}
