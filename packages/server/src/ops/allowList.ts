// Which client addresses may read /metrics: exact addresses and IPv4/IPv6 CIDR ranges (default loopback).
// A request that came through a reverse proxy is judged by the address the proxy saw (the last
// X-Forwarded-For entry, which the proxy itself appended), so forwarding /metrics by mistake does not
// open it to the internet.
import { BlockList, isIP } from "node:net";
import type { Context } from "hono";
import type { AppEnv } from "../context.ts";

/**
 * A matcher for a list like ["127.0.0.1", "::1", "10.0.0.0/8"]; throws naming a bad entry.
 *
 * @example
 * addressAllowed(["127.0.0.1", "10.0.0.0/8"])("10.1.2.3"); // true
 */
export function addressAllowed(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split("/");
    const family = isIP(addr ?? "");
    if (!family) throw new Error(`"${e}" is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(addr!, type);
    else {
      const n = Number(bits);
      if (!Number.isInteger(n) || n < 0 || n > (family === 4 ? 32 : 128))
        throw new Error(`"${e}": /${bits} is not a prefix length`);
      list.addSubnet(addr!, n, type);
    }
  }
  return (address) => {
    const a = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
  };
}

/** The address to judge: the proxy's view when the request was forwarded, else the socket's peer. */
export function clientAddress(c: Context<AppEnv>): string {
  const xff = c.req.header("x-forwarded-for");
  if (xff) return xff.split(",").at(-1)!.trim();
  return c.env?.incoming?.socket?.remoteAddress ?? "";
}
