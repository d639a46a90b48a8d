// Test support: a real SMTP server (npm smtp-server) on 127.0.0.1 and a free port, keeping every
// message it receives parsed (mailparser), and a real HTTP server standing in for an SMS provider.
// The tests read what actually arrived over the wire.
import { createServer as createHttpServer, type Server } from "node:http";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The raw message as received. */
  raw: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next `n` messages with a temporary error (451), to exercise retries. */
  refuseNext(n: number): void;
  /** Resolves with the first message to `to` (matching `subject`) that arrives, within `timeoutMs`. */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 (any free port, no TLS, no authentication needed).
 *
 * @example
 * const smtp = await startTestSmtp();
 * const mail = await smtp.waitFor("ann@example.org", /questionnaire/);
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse--;
          const e = new Error("try again later") as Error & { responseCode: number };
          e.responseCode = 451;
          return callback(e);
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((m) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: m.subject ?? "",
              text: m.text ?? "",
              html: typeof m.html === "string" ? m.html : "",
              raw: raw.toString("utf8"),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    mails,
    refuseNext: (n) => {
      refuse = n;
    },
    async waitFor(to, subject, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = mails.find((x) => x.to.includes(to) && (!subject || subject.test(x.subject)));
        if (m) return m;
        if (Date.now() > end) throw new Error(`no e-mail to ${to} arrived within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestSmsProvider {
  url: string;
  /** Every request received: the bearer token sent and the JSON body. */
  received: { authorization: string | undefined; body: { to?: string; from?: string; text?: string } }[];
  /** Answer the next `n` requests with this status (e.g. 503). */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

/**
 * Starts a node:http server that accepts SMS as the HTTP provider shape expects (POST JSON, bearer).
 *
 * @example
 * const sms = await startTestSmsProvider();
 * // config: { sms: { url: sms.url, token: "t0ken" } }
 */
export async function startTestSmsProvider(): Promise<TestSmsProvider> {
  const received: TestSmsProvider["received"] = [];
  let failing = 0;
  let failStatus = 503;
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failing > 0) {
        failing--;
        res.writeHead(failStatus, { "content-type": "application/json" }).end('{"error":"unavailable"}');
        return;
      }
      received.push({
        authorization: req.headers.authorization,
        body: JSON.parse(
          Buffer.concat(chunks).toString("utf8"),
        ) as TestSmsProvider["received"][number]["body"],
      });
      res.writeHead(202, { "content-type": "application/json" }).end('{"id":"sms-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    received,
    failNext: (n, status) => {
      failing = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
