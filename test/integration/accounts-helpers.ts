// Mail helpers of the account and privacy integration tests (actors and errors: test/helpers/actors.ts).
import { db } from "@/lib/db";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";

/** Every queued mail (decrypted), optionally only those of one kind, oldest first. */
export async function mails(kind?: string) {
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail", ...(kind ? { kind } : {}) },
    omit: { payloadEnc: false },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, ...decryptOutboxMail(r.payloadEnc) }));
}

/** The token of the first link to `path` in a mail's text. */
export function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([\\w%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in mail`);
  return decodeURIComponent(match[1]);
}
