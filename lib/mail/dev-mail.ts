import "server-only";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { messageIdOf } from "@/lib/mail/transport";

/** A mail kept by the dev mailbox (SMTP_URL unset), decrypted for an admin. */
export interface TDevMail {
  id: string;
  kind: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  createdAt: Date;
  sentAt: Date | null;
}

/** The columns a dev mail is built from (`payloadEnc` must be selected explicitly). */
export const DEV_MAIL_SELECT = { id: true, kind: true, payloadEnc: true, createdAt: true, sentAt: true } as const;

/** Builds the admin view of one dev-mailbox row. */
export function toDevMail(row: {
  id: string;
  kind: string;
  payloadEnc: string;
  createdAt: Date;
  sentAt: Date | null;
}): TDevMail {
  const mail = decryptOutboxMail(row.payloadEnc);
  return {
    id: row.id,
    kind: row.kind,
    messageId: messageIdOf(row.id),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers ?? {},
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
