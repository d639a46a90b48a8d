// TOTP through attune's wrapper: the RFC 6238 appendix B test vectors (SHA-1, SHA-256, SHA-512, 8 digits),
// the ±1 step window, malformed codes, and recovery codes.
import { describe, expect, it } from "vitest";
import {
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpCode,
  totpUri,
  verifyTotp,
} from "./totp.ts";

/** RFC 4648 base32 of ASCII text, written here so the test does not lean on the library it checks. */
function base32(text: string): string {
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const b of Buffer.from(text, "latin1")) bits += b.toString(2).padStart(8, "0");
  let out = "";
  for (let i = 0; i < bits.length; i += 5) out += A[parseInt(bits.slice(i, i + 5).padEnd(5, "0"), 2)];
  return out;
}

// RFC 6238 appendix B: seeds are the ASCII digits repeated to 20, 32 and 64 bytes.
const SEEDS = {
  SHA1: "12345678901234567890",
  SHA256: "12345678901234567890123456789012",
  SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
} as const;
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("verifyTotp (RFC 6238)", () => {
  for (const [t, sha1, sha256, sha512] of VECTORS) {
    for (const [algorithm, code] of [
      ["SHA1", sha1],
      ["SHA256", sha256],
      ["SHA512", sha512],
    ] as const) {
      it(`${algorithm} at T=${t} accepts ${code} at its own step`, () => {
        const params = { algorithm, digits: 8, period: 30 };
        const step = verifyTotp(base32(SEEDS[algorithm]), code, { now: t * 1000, params });
        expect(step).toBe(Math.floor(t / 30));
        expect(totpCode(base32(SEEDS[algorithm]), t * 1000, params)).toBe(code);
      });
    }
  }

  it("accepts one step either side and answers the step the code belongs to, not two", () => {
    const params = { digits: 8 };
    const secret = base32(SEEDS.SHA1);
    const at = 1111111111 * 1000; // step 37037037
    expect(verifyTotp(secret, "14050471", { now: at + 30_000, params })).toBe(37037037);
    expect(verifyTotp(secret, "14050471", { now: at - 30_000, params })).toBe(37037037);
    expect(verifyTotp(secret, "14050471", { now: at + 60_000, params })).toBeNull();
    expect(verifyTotp(secret, "14050471", { now: at - 60_000, params })).toBeNull();
  });

  it("refuses codes of the wrong length or with letters, and a wrong code", () => {
    const secret = newTotpSecret();
    const now = Date.parse("2026-12-05T12:00:00Z");
    const good = totpCode(secret, now);
    expect(verifyTotp(secret, good, { now })).toBe(Math.floor(now / 30_000));
    expect(verifyTotp(secret, `${good.slice(0, 3)} ${good.slice(3)}`, { now })).toBe(
      Math.floor(now / 30_000),
    );
    expect(verifyTotp(secret, good.slice(1), { now })).toBeNull();
    expect(verifyTotp(secret, `${good}0`, { now })).toBeNull();
    expect(verifyTotp(secret, "12a456", { now })).toBeNull();
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, "0");
    // the wrong code may, once in ~300k, be the code of a neighbouring step: then it is that step
    const step = verifyTotp(secret, wrong, { now });
    if (step !== null) expect(Math.abs(step - Math.floor(now / 30_000))).toBe(1);
  });

  it("writes an otpauth URI an authenticator app reads", () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "ana@clinic.org", "attune");
    const u = new URL(uri);
    expect(u.protocol).toBe("otpauth:");
    expect(decodeURIComponent(u.pathname)).toContain("attune:ana@clinic.org");
    expect(u.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(u.searchParams.get("digits")).toBe("6");
    expect(u.searchParams.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("are ten distinct xxxxx-xxxxx codes and normalise as typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const c = codes[0] ?? "";
    expect(normaliseRecoveryCode(` ${c.toUpperCase().replace("-", " ")} `)).toBe(c);
    expect(normaliseRecoveryCode(c.replace("-", ""))).toBe(c);
  });
});
