// Serves the browser UI (packages/web, built by Vite into packages/web/dist) from the same origin as the
// API: hashed assets as files, every other page path (/, /r/<token>, /patients/<id>, ...) as index.html.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { Api } from "./hono.ts";
import { ApiError } from "./errors.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** packages/web/dist, found from this file in src/ or from a bundle in packages/{server,cli}/dist/. */
export function defaultWebDir(): string | undefined {
  const dir = fileURLToPath(new URL("../../web/dist/", import.meta.url));
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function registerWeb(app: Api, webDir: string): void {
  const root = normalize(webDir);
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/healthz") return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // Malformed percent-encoding (%E0%A4%A, %zz): a bad request, not a server error.
      throw new ApiError("invalid", "the page path has malformed percent-encoding");
    }
    const file = normalize(join(root, decoded));
    const isAsset = file.startsWith(root) && extname(file) !== "" && !file.endsWith(".html");
    const target = isAsset ? file : join(root, "index.html");
    let body: Buffer;
    try {
      body = await readFile(target);
    } catch {
      return next();
    }
    const headers: Record<string, string> = {
      "content-type": TYPES[extname(target)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control":
        isAsset && path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (!isAsset) headers["content-security-policy"] = CSP;
    return c.body(new Uint8Array(body), 200, headers);
  });
}
