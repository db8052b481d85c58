import "server-only";
import type { TTx } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { customerMailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import { refundMail, type TRefundMailKind } from "@/lib/mail/templates/refund";

/**
 * Queues a short refund notification in the caller's transaction, in the customer's language:
 * the order number and a link to the order page, nothing else (no items, amounts, keys or notes).
 */
export async function enqueueRefundMail(
  tx: TTx,
  input: { kind: TRefundMailKind; to: string; orderNumber: string; customerId: string; requestLocale?: string },
): Promise<void> {
  const orderUrl = `${env().appUrl}/orders/${encodeURIComponent(input.orderNumber)}`;
  const locale = await customerMailLocale(tx, input.customerId, input.requestLocale);
  const props = { kind: input.kind, orderNumber: input.orderNumber, orderUrl };
  const mail = await renderSlottedMailIn(tx, locale, "refund", refundMail, props, ["orderNumber", "orderUrl"]);
  await enqueueMail(tx, { kind: `refund.${input.kind}`, to: input.to, ...mail });
}
