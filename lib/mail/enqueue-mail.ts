import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { laneOf } from "@/lib/outbox/lanes";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { ZMailInput, type TMailInput, type TOutboxMail } from "@/lib/mail/schemas";

/**
 * Queues an e-mail in the outbox inside the caller's transaction, so the change and its mail
 * commit (or roll back) together. The worker delivers it later; returns the outbox row id, which
 * is also the mail's Message-ID (`<id@keydesk>`).
 */
export async function enqueueMail(tx: TTx, input: TMailInput): Promise<{ id: string }> {
  const parsed = ZMailInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("invalid_input", "The e-mail could not be queued.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const { kind, ...mail } = parsed.data;
  const payload: TOutboxMail = mail;
  const id = newId();
  await tx.outboxMessage.create({
    data: {
      id,
      channel: "mail",
      kind,
      payloadEnc: encrypt(JSON.stringify(payload), ENC.outboxMail),
      maxAttempts: env().mailMaxAttempts,
      lane: laneOf(kind),
      nextAttemptAt: new Date(),
    },
    select: { id: true },
  });
  return { id };
}
