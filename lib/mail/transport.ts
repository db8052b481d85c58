import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import SMTPPool from "nodemailer/lib/smtp-pool";
import type StreamTransport from "nodemailer/lib/stream-transport";
import { env } from "@/lib/env";
import type { TOutboxMail } from "@/lib/mail/schemas";
import { MAX_DELIVERY_MS, OUTBOX_CONCURRENCY } from "@/lib/outbox/message";

/** How a mail left Keydesk: through SMTP, or into the dev mailbox (`DATA_DIR/mail`). */
export type TMailTransportName = "smtp" | "dev";

// Every SMTP step is bounded, so one send always ends well within the worker's claim lease.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000, dnsTimeout: 15_000 };
/** The longest a single `sendOutboxMail` can take before it fails (the worker's lease is longer). */
export const MAX_SEND_MS = MAX_DELIVERY_MS;
/** SMTP connections kept open per process (the worker sends this many mails at once). */
export const SMTP_POOL_SIZE = OUTBOX_CONCURRENCY;

let smtp: { url: string; transporter: Transporter<SMTPPool.SentMessageInfo> } | undefined;
let dev: Transporter<StreamTransport.SentMessageInfo> | undefined;

function smtpTransporter(url: string) {
  if (smtp?.url !== url) {
    smtp?.transporter.close();
    // A pool reuses connections (and their TLS sessions) across mails; settings in the URL's query
    // string (e.g. ?requireTLS=true) override these defaults.
    // (Built directly: createTransport({ url, … }) would drop every option but the URL.)
    const pool = new SMTPPool({ url, pool: true, maxConnections: SMTP_POOL_SIZE, maxMessages: 100, ...SMTP_TIMEOUTS });
    smtp = { url, transporter: nodemailer.createTransport(pool) };
  }
  return smtp.transporter;
}

/** Closes the pooled SMTP connections (the next send opens new ones). */
export function closeMailTransport(): void {
  smtp?.transporter.close();
  smtp = undefined;
}

/** The Message-ID of an outbox row: stable across retries, so receivers can drop a duplicate. */
export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@keydesk>`;
}

/** The folder of the dev mailbox's `.eml` files. */
export function devMailDir(): string {
  return path.join(env().dataDir, "mail");
}

/** MAIL_FROM, or its address under the mail's own display name (the vendor's brand). */
function senderOf(mail: TOutboxMail): SendMailOptions["from"] {
  const configured = env().mailFrom;
  if (!mail.fromName) return configured;
  const parsed = addressparser(configured, { flatten: true })[0];
  return parsed?.address ? { name: mail.fromName, address: parsed.address } : configured;
}

function composeOptions(outboxId: string, mail: TOutboxMail): SendMailOptions {
  return {
    from: senderOf(mail),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: messageIdOf(outboxId),
    // Transports must not follow file paths or URLs found in a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

async function writeDevMail(outboxId: string, mail: TOutboxMail): Promise<void> {
  dev ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await dev.sendMail(composeOptions(outboxId, mail));
  const dir = devMailDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
  // With `buffer: true` the stream transport hands back the whole message as a Buffer.
  if (!Buffer.isBuffer(info.message)) throw new Error("The dev mailbox expected the message as a buffer");
  const raw = info.message;
  await fs.writeFile(path.join(dir, `${outboxId}.eml`), raw, { mode: 0o600 });
}

/**
 * Sends one outbox mail: over `SMTP_URL` when it is set, otherwise into the dev mailbox (a `.eml`
 * file in `DATA_DIR/mail`). Throws when the mail was not accepted.
 */
export async function sendOutboxMail(outboxId: string, mail: TOutboxMail): Promise<TMailTransportName> {
  const url = env().smtpUrl;
  if (!url) {
    await writeDevMail(outboxId, mail);
    return "dev";
  }
  const info = await smtpTransporter(url).sendMail(composeOptions(outboxId, mail));
  if (info.accepted.length === 0) throw new Error(`SMTP server accepted no recipient: ${info.response}`);
  return "smtp";
}
