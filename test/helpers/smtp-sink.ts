// A real SMTP server for tests: it accepts every mail on 127.0.0.1 and keeps it, parsed.
//
//   const sink = await startSmtpSink();            // random free port (or { port: 2525 })
//   process.env.SMTP_URL = sink.url;               // "smtp://127.0.0.1:<port>"
//   …make Keydesk send mail…
//   const mail = await sink.waitFor((m) => m.to.includes("ada@example.com"));
//   mail.subject, mail.fromName, mail.text, mail.html, mail.headers["list-unsubscribe"], mail.messageId
//   await sink.waitForCount(10);                   // at least 10 mails received
//   await sink.stop();                             // "SMTP down": new connections are refused
//   await sink.start();                            // back up on the same port, messages kept
//   sink.clear();                                  // forget what was received
//
// Plain SMTP only (STARTTLS is not offered); any AUTH user/password is accepted and recorded.
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";

/** One received mail, parsed. Header names in `headers` are lower-case; values are the raw header text. */
export interface TSinkMessage {
  /** Message-ID header including the angle brackets, e.g. "<abc@keydesk>". */
  messageId: string;
  from: string;
  /** The From display name, decoded ("Kundensupport"); "" when there is none. */
  fromName: string;
  /** Addresses from the To header. */
  to: string[];
  /** Addresses from the SMTP envelope (RCPT TO). */
  envelopeTo: string[];
  subject: string;
  text: string;
  /** The HTML part, or "" when the mail has none. */
  html: string;
  headers: Record<string, string>;
  /** The AUTH user, when the client logged in. */
  authUser: string | null;
  receivedAt: Date;
}

export interface TSmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` — put it in SMTP_URL. */
  readonly url: string;
  /** Every mail received so far, in arrival order (also across stop/start). */
  readonly messages: TSinkMessage[];
  /** Resolves with the first received mail matching `predicate` (waits for it up to `timeoutMs`). */
  waitFor(predicate: (message: TSinkMessage) => boolean, timeoutMs?: number): Promise<TSinkMessage>;
  /** Resolves once at least `count` mails were received (waits up to `timeoutMs`). */
  waitForCount(count: number, timeoutMs?: number): Promise<TSinkMessage[]>;
  /** Takes the server down: refuses new connections, lets a mail in transfer finish, cuts the rest. */
  stop(): Promise<void>;
  /** Starts listening again on the same port. */
  start(): Promise<void>;
  /** Forgets the received mails. */
  clear(): void;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((a) => a.address ?? "")).filter(Boolean);
}

async function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`smtp-sink: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts an SMTP sink on 127.0.0.1 (a random free port unless `port` is given). */
export async function startSmtpSink(options: { port?: number } = {}): Promise<TSmtpSink> {
  const host = "127.0.0.1";
  const messages: TSinkMessage[] = [];
  let port = options.port ?? 0;
  let server: SMTPServer | undefined;
  let inFlight = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = new SMTPServer({
        logger: false,
        disabledCommands: ["STARTTLS"],
        disableReverseLookup: true,
        authOptional: true,
        allowInsecureAuth: true,
        closeTimeout: 2_000,
        onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? "anonymous" }),
        onData: (stream, session, callback) => {
          inFlight++;
          simpleParser(stream)
            .then(
              (parsed) => {
                messages.push({
                  messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, "")}>` : "",
                  from: addresses(parsed.from)[0] ?? "",
                  fromName: parsed.from?.value[0]?.name ?? "",
                  to: addresses(parsed.to),
                  envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                  subject: parsed.subject ?? "",
                  text: parsed.text ?? "",
                  html: typeof parsed.html === "string" ? parsed.html : "",
                  headers: Object.fromEntries(
                    parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()]),
                  ),
                  authUser: typeof session.user === "string" ? session.user : null,
                  receivedAt: new Date(),
                });
                callback();
              },
              (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
            )
            .finally(() => inFlight--);
        },
      });
      next.on("error", () => undefined);
      const onError = (error: Error) => reject(error);
      next.server.once("error", onError);
      next.listen(port, host, () => {
        next.server.off("error", onError);
        const address = next.server.address();
        if (address && typeof address === "object") port = address.port;
        server = next;
        resolve();
      });
    });

  await listen();

  return {
    host,
    get port() {
      return port;
    },
    get url() {
      return `smtp://${host}:${port}`;
    },
    messages,
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => messages.find(predicate), timeoutMs, "a matching mail"),
    waitForCount: (count, timeoutMs = 10_000) =>
      waitUntil(
        () => (messages.length >= count ? messages : undefined),
        timeoutMs,
        `${count} mails (have ${messages.length})`,
      ),
    stop: async () => {
      const current = server;
      server = undefined;
      if (!current) return;
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      // New connections are refused from here on. A mail whose DATA is being received may finish
      // (so a sender never sees an error for a mail that was kept); then every open connection,
      // pooled idle ones included, is cut, as when a real server goes down.
      await waitUntil(() => (inFlight === 0 ? true : undefined), 5_000, "mail in flight").catch(() => undefined);
      for (const connection of current.connections) {
        connection.send(421, "Service shutting down");
        connection.close();
      }
      await closed;
    },
    start: async () => {
      if (!server) await listen();
    },
    clear: () => {
      messages.length = 0;
    },
  };
}
