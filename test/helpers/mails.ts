// Mail the use cases queued in the outbox, read back decrypted (integration tests).
import { db } from "@/lib/db";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";

/** Every queued mail (decrypted), oldest first; only those of one `kind` and/or to one address when given. */
export async function queuedMails(filter: { kind?: string; to?: string } = {}) {
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail", ...(filter.kind ? { kind: filter.kind } : {}) },
    omit: { payloadEnc: false },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, ...decryptOutboxMail(r.payloadEnc) }))
    .filter((m) => !filter.to || m.to === filter.to);
}

/** The token of the first link to `path` in a mail's text. */
export function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([\\w%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in mail`);
  return decodeURIComponent(match[1]);
}
