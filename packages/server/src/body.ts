// Reads every request body once, bounded in size, checks it is UTF-8 and (for JSON) well-formed,
// and hands the parsed value to the validators — so such errors are 4xx that name the problem.
import type { MiddlewareHandler } from "hono";
import { jsonDepth, MAX_JSON_DEPTH } from "@attune/core";
import { ApiError } from "./errors.ts";
import type { AppEnv, Ctx } from "./context.ts";

const NO_BODY = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);

export function bodyReader(ctx: Ctx): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (NO_BODY.has(c.req.method)) return next();
    const limit = c.req.path.startsWith("/api/import") ? ctx.config.maxImportBytes : ctx.config.maxBodyBytes;
    const declared = Number(c.req.header("content-length"));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    // Under @hono/node-server read the Node stream itself: cheaper than building a web Request body.
    const incoming = c.env?.incoming;
    const bytes = incoming ? await readNodeLimited(incoming, limit) : await readLimited(c.req.raw, limit);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ApiError("invalid", `the request body is not valid UTF-8 (at byte ${firstBadUtf8(bytes)})`);
    }
    const type = c.req.header("content-type") ?? "";
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache["text"] = Promise.resolve(text);
    if (/^application\/([a-z.+-]*\+)?json/i.test(type)) {
      if (text.trim() === "")
        throw new ApiError("invalid", "the request body is empty; a JSON document is expected");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new ApiError("invalid", `malformed JSON in the request body: ${(e as Error).message}`);
      }
      // A deeply nested document would make recursive validators overflow the stack (a 500).
      if (jsonDepth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
        throw new ApiError("invalid", `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
      cache["json"] = Promise.resolve(parsed);
    }
    await next();
  };
}

function tooLarge(limit: number): ApiError {
  return new ApiError("too-large", `the request body is larger than ${limit} bytes`);
}

async function readNodeLimited(stream: AsyncIterable<Buffer>, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

async function readLimited(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const ch of chunks) {
    out.set(ch, off);
    off += ch.byteLength;
  }
  return out;
}

/** Offset of the first byte that breaks UTF-8 (for the error message). */
export function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    const n =
      x < 0x80 ? 0 : x >= 0xc2 && x < 0xe0 ? 1 : x >= 0xe0 && x < 0xf0 ? 2 : x >= 0xf0 && x < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}
