import "server-only";
import type { TOutboxDeliverer } from "@/lib/outbox/message";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { closeMailTransport, sendOutboxMail } from "@/lib/mail/transport";

/** Outbox deliverer for the "mail" channel: opens the payload and sends it (SMTP or dev mailbox). */
export const MAIL_DELIVERER: TOutboxDeliverer = {
  deliver: (message) => sendOutboxMail(message.id, decryptOutboxMail(message.payloadEnc)),
  close: closeMailTransport,
};
