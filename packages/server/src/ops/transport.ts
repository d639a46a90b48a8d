// Behind HTTPS the public URL says so: an `https://` --public-url turns on Secure cookies and HSTS, so an
// operator who puts attune behind a TLS proxy gets both without a second setting to forget.
import type { MiddlewareHandler } from "hono";
import type { AppConfig } from "../context.ts";

/** HSTS lifetime: one year (the browsers' preload minimum); subdomains are the organisation's business. */
export const HSTS = "max-age=31536000";

/**
 * The config with `secureCookies` on when the public URL is https (an explicit true stays true).
 *
 * @example
 * withTransportSecurity({ ...DEFAULT_CONFIG, publicBaseUrl: "https://prn.example.org" }).secureCookies; // true
 */
export function withTransportSecurity(config: AppConfig): AppConfig {
  return { ...config, secureCookies: config.secureCookies || isHttps(config.publicBaseUrl) };
}

export function isHttps(url: string): boolean {
  return /^https:\/\//i.test(url);
}

/**
 * Adds Strict-Transport-Security to every answer when the public URL is https.
 *
 * @example
 * app.use("*", hsts(config));
 */
export function hsts(config: AppConfig): MiddlewareHandler {
  const on = isHttps(config.publicBaseUrl);
  return async (c, next) => {
    await next();
    if (on) c.header("strict-transport-security", HSTS);
  };
}
