// The set-up's own HTTP requests as a signed-in user (session cookie and CSRF token, as the UI sends them):
// the real import, and a coordinator's actions that a browser test does not click through.
import { expect } from "vitest";
import { DEMO_PASSWORD } from "@attune/server";

export interface ApiSession {
  /** Sends `body` (of content type `type`) to `path` with `method`. */
  send(method: string, path: string, body: string, type: string): Promise<Response>;
}

/**
 * Signs in over HTTP as `email` (the login must succeed) and returns that session.
 *
 * @example
 * const coordinator = await apiSession(server.url, "c1@demo.attune.dev", DEMO_PASSWORD);
 * await coordinator.send("POST", "/api/studies", JSON.stringify(study), "application/json");
 */
export async function apiSession(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status, `signing in as ${email}`).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    send: (method, path, body, type) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, "x-csrf-token": csrfToken, "content-type": type },
        body,
      }),
  };
}

/**
 * The demo network's first coordinator, signed in over HTTP.
 *
 * @example
 * const coordinator = await coordinatorSession(server.url, demo);
 */
export function coordinatorSession(
  baseUrl: string,
  demo: { users: readonly { email: string; role: string }[] },
): Promise<ApiSession> {
  const coordinator = demo.users.find((u) => u.role === "coordinator");
  if (!coordinator) throw new Error("the demo network has no coordinator");
  return apiSession(baseUrl, coordinator.email, DEMO_PASSWORD);
}

/**
 * Imports a long CSV into the study "prn" (the real import, as a coordinator); the import must succeed.
 *
 * @example
 * await importPrn(await coordinatorSession(server.url, demo), prnToCsv(simulatePrn({ seed: 3 }).rows));
 */
export async function importPrn(coordinator: ApiSession, csv: string): Promise<void> {
  const imp = await coordinator.send("POST", "/api/import/long-csv?study=prn", csv, "text/csv");
  expect(imp.status, await imp.clone().text()).toBe(200);
}
