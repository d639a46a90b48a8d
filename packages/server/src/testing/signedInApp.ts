// Test set-up: the API on a store a suite seeded itself (the demo network, an item network), with clients
// that sign in to it like a browser; for suites that need a network other than the harness's two.
import type { Store } from "@attune/db";
import { createApp, type App } from "../app.ts";
import type { AppConfig } from "../context.ts";
import { builtinCatalog } from "../instruments/builtin.ts";
import { PASSWORD, signInClient, type SignedInClient } from "./harness.ts";

export interface SignedInApp extends App {
  /** Signs `email` in (with the fixtures' password unless given); a refused sign-in throws. */
  signIn(email: string, password?: string): Promise<SignedInClient>;
}

/**
 * Starts the API with the built-in forms on `store` and waits until it is ready; `close` stops what it
 * started (the store stays the caller's). A second call on the same store is a fresh process: a fresh
 * calibration cache, or a restart.
 *
 * @example
 * const a = await startApp(store);
 * const coordinator = await a.signIn("c1@demo.attune.dev", DEMO_PASSWORD);
 */
export async function startApp(store: Store, config: Partial<AppConfig> = {}): Promise<SignedInApp> {
  const started = createApp({ store, instruments: builtinCatalog(), config });
  await started.ready;
  const fetcher = (req: Request) => started.app.fetch(req);
  return {
    ...started,
    signIn: (email, password = PASSWORD) => signInClient(fetcher, email, email, undefined, password),
  };
}
