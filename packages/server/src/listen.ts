// Starts the HTTP server on a port (used by main.ts and `attune serve`).
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { defaultLedgerPath, openStore, resolveDatabaseUrl, type Store } from "@attune/db";
import { createApp } from "./app.ts";
import type { AppConfig } from "./context.ts";
import { builtinCatalog } from "./instruments/builtin.ts";
import { defaultWebDir } from "./web.ts";
import { resolveSecretKey } from "./ops/secretKey.ts";

export interface RunningServer {
  url: string;
  /** Whether the browser UI is served. */
  web: boolean;
  store: Store;
  close(): Promise<void>;
}

export async function startServer(opts: {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL connections per process [10]. */
  poolSize?: number;
  host?: string;
  port?: number;
  config?: Partial<AppConfig>;
  /** The built UI to serve [packages/web/dist when it exists]. */
  webDir?: string;
}): Promise<RunningServer> {
  const url = resolveDatabaseUrl({
    ...(opts.databaseUrl ? { url: opts.databaseUrl } : {}),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
  const store = await openStore({ url, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
  const host = opts.host ?? "127.0.0.1";
  const webDir = opts.webDir ?? defaultWebDir();
  const secretKey =
    opts.config?.secretKey ??
    resolveSecretKey({
      databaseUrl: url,
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(process.env["ATTUNE_SECRET_KEY"] ? { configured: process.env["ATTUNE_SECRET_KEY"] } : {}),
    });
  // Listen first, so that with port 0 the links the server writes carry the port it was given;
  // requests before the app is ready get 503.
  type Fetch = ReturnType<typeof createApp>["app"]["fetch"];
  let handle: Fetch = () => new Response("starting", { status: 503 });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: (req, env) => handle(req, env as Parameters<Fetch>[1]),
        hostname: host,
        port: opts.port ?? 8080,
      },
      () => resolve(s),
    );
  });
  const addr = server.address() as AddressInfo;
  const { app, ready, close } = createApp({
    store,
    instruments: builtinCatalog(),
    ...(webDir ? { webDir } : {}),
    config: {
      publicBaseUrl: `http://${host}:${addr.port}`,
      erasureLedger: defaultLedgerPath(url),
      requestLog: (line) => process.stdout.write(`${line}\n`),
      ...opts.config,
      secretKey,
    },
  });
  try {
    await ready;
  } catch (e) {
    // A store that cannot be prepared (e.g. a refused migration) must not leave the port open.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    throw e;
  }
  handle = app.fetch;
  return {
    url: `http://${host}:${addr.port}`,
    web: !!webDir,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void close()
            .then(() => store.close())
            .then(resolve);
        });
      }),
  };
}
