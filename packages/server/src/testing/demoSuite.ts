// Test set-up: a fresh store of one dialect holding the simulated demo network (what the dashboard's
// suites read), and its users signed in by role.
import type { Store } from "@attune/db";
import { openTestStore, type TestDialect } from "@attune/db/testing";
import { DEMO_PASSWORD, seedSimulatedDemo, type DemoNetwork } from "../demoNetwork.ts";
import type { SeededUser } from "../seed.ts";
import type { SignedInClient } from "./harness.ts";
import type { SignedInApp } from "./signedInApp.ts";

export interface DemoStore {
  store: Store;
  /** The database's URL, for a second store on it (a second API process). */
  url: string;
  demo: DemoNetwork;
  /** Closes the store and removes its database. */
  dispose(): Promise<void>;
}

/**
 * Opens a fresh migrated store of the dialect and seeds the simulated demo network on it (`opts` as
 * `seedSimulatedDemo` takes them).
 *
 * @example
 * const { store, demo, dispose } = await openDemoStore(dialect, { therapists: 12 });
 */
export async function openDemoStore(
  d: TestDialect,
  opts?: Parameters<typeof seedSimulatedDemo>[1],
): Promise<DemoStore> {
  const { store, url, dispose } = await openTestStore(d);
  try {
    return { store, url, demo: await seedSimulatedDemo(store, opts), dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/**
 * Signs in the demo network's (first) user of `role` with the demo password.
 *
 * @example
 * const therapist = await signInDemo(app, demo, "therapist");
 */
export function signInDemo(
  app: SignedInApp,
  demo: DemoNetwork,
  role: SeededUser["role"],
): Promise<SignedInClient> {
  const user = demo.users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo network has no ${role}`);
  return app.signIn(user.email, DEMO_PASSWORD);
}
