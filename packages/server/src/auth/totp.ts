// Time-based one-time passwords (RFC 6238) through the otpauth library: secrets, the otpauth:// URI an
// authenticator app scans, and verification that accepts the current time step and one step either side
// (clock drift, a code typed as it changed) and answers the step it matched, so the caller can refuse a
// second use of that code (db claimTotpStep). Recovery codes are made here too.
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/** The parameters every authenticator app understands (RFC 6238 defaults). */
export interface TotpParams {
  algorithm: "SHA1" | "SHA256" | "SHA512";
  digits: number;
  period: number;
}
export const TOTP_DEFAULTS: TotpParams = { algorithm: "SHA1", digits: 6, period: 30 };

/**
 * A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps show it.
 *
 * @example
 * newTotpSecret(); // "JBSWY3DPEHPK3PXP…" (32 characters)
 */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The otpauth:// URI for an authenticator app (shown as a QR code).
 *
 * @example
 * totpUri("JBSWY3DPEHPK3PXP", "ana@clinic.org", "attune"); // "otpauth://totp/attune:ana%40clinic.org?…"
 */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secretBase32),
    ...TOTP_DEFAULTS,
  }).toString();
}

/**
 * Checks a code against a secret at a time: the matched time step (current ±1), or null. The code must be
 * exactly `digits` digits (spaces are allowed and ignored).
 *
 * @example
 * verifyTotp(secret, "123 456", { now: Date.now() }); // e.g. 59_123_456, or null
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  opts: { now: number; params?: Partial<TotpParams> },
): number | null {
  const p = { ...TOTP_DEFAULTS, ...opts.params };
  const token = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${p.digits}}$`).test(token)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), ...p });
  const delta = totp.validate({ token, timestamp: opts.now, window: 1 });
  if (delta === null) return null;
  return totp.counter({ timestamp: opts.now }) + delta;
}

/**
 * The code of a secret at a time (for tests and for showing what a device should read).
 *
 * @example
 * totpCode(secret, Date.now()); // "492039"
 */
export function totpCode(secretBase32: string, now: number, params?: Partial<TotpParams>): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), ...TOTP_DEFAULTS, ...params }).generate({
    timestamp: now,
  });
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read off paper

/**
 * Ten single-use recovery codes, `xxxxx-xxxxx` (about 49 bits each).
 *
 * @example
 * newRecoveryCodes(); // ["k7q2m-x9c4d", …]
 */
export function newRecoveryCodes(count = 10): string[] {
  const one = () =>
    Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return Array.from({ length: count }, () => `${one()}-${one()}`);
}

/**
 * A recovery code as typed (any case, spaces, with or without the dash) in its stored form.
 *
 * @example
 * normaliseRecoveryCode(" K7Q2M X9C4D "); // "k7q2m-x9c4d"
 */
export function normaliseRecoveryCode(typed: string): string {
  const s = typed.toLowerCase().replace(/[^a-z0-9]/g, "");
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
}
