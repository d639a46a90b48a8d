// The server's own key (ATTUNE_SECRET_KEY, or a key file beside the data; see ops/secretKey.ts) and what is
// derived from it: sealing TOTP secrets (AES-256-GCM), so that a copy of the database alone does not give
// anyone the codes; keyed hashes of recovery codes; and signatures of device cookies (auth/deviceCookie.ts).
// Each use gets its own subkey (HKDF-SHA-256), so one never serves as another.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

export class SecretBox {
  private readonly sealKey: Buffer;
  private readonly codeKey: Buffer;
  private readonly deviceKey: Buffer;

  /**
   * @example
   * const box = new SecretBox(randomBytes(32)); // the key: 32 or more random bytes
   */
  constructor(key: Buffer) {
    if (key.length < 32) throw new Error("the server key must be at least 32 bytes");
    const sub = (info: string) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), info, 32));
    this.sealKey = sub("attune totp secret");
    this.codeKey = sub("attune recovery code");
    this.deviceKey = sub("attune device cookie");
  }

  /**
   * Encrypts a short secret: `v1.<iv>.<tag>.<ciphertext>` (base64url); the user id is bound in as
   * associated data, so a sealed secret copied to another account does not open.
   *
   * @example
   * const sealed = box.seal("JBSWY3DPEHPK3PXP", user.id);
   */
  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", this.sealKey, iv);
    c.setAAD(Buffer.from(boundTo));
    const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
    return ["v1", iv, c.getAuthTag(), ct]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  /**
   * Decrypts what seal made for the same account; throws if it was made with another key or changed.
   *
   * @example
   * box.open(sealed, user.id); // "JBSWY3DPEHPK3PXP"
   */
  open(sealed: string, boundTo: string): string {
    const [v, iv, tag, ct] = sealed.split(".");
    if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("not a sealed secret");
    const d = createDecipheriv("aes-256-gcm", this.sealKey, Buffer.from(iv, "base64url"));
    d.setAAD(Buffer.from(boundTo));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
  }

  /**
   * The stored form of a recovery code (keyed, so the table alone does not allow guessing offline).
   *
   * @example
   * box.codeHash("k7q2m-x9c4d");
   */
  codeHash(code: string): string {
    return createHmac("sha256", this.codeKey).update(code).digest("base64url");
  }

  /**
   * Signs a short text (device cookies).
   *
   * @example
   * const mac = box.sign(`${userId}.${issued}`);
   */
  sign(text: string): string {
    return createHmac("sha256", this.deviceKey).update(text).digest("base64url");
  }

  /**
   * Checks a signature made by sign, in constant time.
   *
   * @example
   * box.verify(text, mac); // true or false
   */
  verify(text: string, mac: string): boolean {
    const want = Buffer.from(this.sign(text));
    const got = Buffer.from(mac);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
