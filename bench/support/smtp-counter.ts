// A light SMTP sink for the benchmark: it accepts every mail on 127.0.0.1, counts it with its arrival
// time and keeps the raw text of mails to addresses it was asked to watch (a buyer's sign-in link).
// test/helpers/smtp-sink.ts parses every mail with mailparser, which on a 2-core machine would take
// CPU from the worker being measured.
import { SMTPServer } from "smtp-server";

export interface TSmtpCounter {
  url: string;
  /** Arrival times (performance.now()) of every mail received so far. */
  arrivals: number[];
  /** Keeps the raw text of mails sent to `address` (lower-case) from now on. */
  watch(address: string): void;
  /** The first kept raw mail to `address` (waits up to `timeoutMs`). */
  waitForMail(address: string, timeoutMs?: number): Promise<string>;
  /** Resolves once `count` mails have arrived in total, or rejects after `timeoutMs`. */
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Decodes quoted-printable soft breaks and escapes enough to read a link out of a raw mail. */
export function unfoldQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpCounter(): Promise<TSmtpCounter> {
  const arrivals: number[] = [];
  const watched = new Map<string, string[]>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    authOptional: true,
    allowInsecureAuth: true,
    closeTimeout: 1_000,
    onData: (stream, session, callback) => {
      const keep = session.envelope.rcptTo.map((r) => watched.get(r.address.toLowerCase())).find(Boolean);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      stream.on("end", () => {
        arrivals.push(performance.now());
        keep?.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("smtp counter: no port"));
    });
  });

  const poll = async (check: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`smtp counter: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    // From now on: a second sign-in waits for its own mail, not the first one's.
    watch: (address) => void watched.set(address.toLowerCase(), []),
    waitForMail: async (address, timeoutMs = 30_000) => {
      const box = watched.get(address.toLowerCase());
      if (!box) throw new Error(`smtp counter: ${address} is not watched`);
      await poll(() => box.length > 0, timeoutMs, `a mail to ${address}`);
      return box[0] ?? "";
    },
    waitForCount: (count, timeoutMs) => poll(() => arrivals.length >= count, timeoutMs, `${count} mails`),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
