import "server-only";
import type { TTx } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";

export type TRefundMailKind = "received" | "approved" | "denied";

const CONTENT: Record<TRefundMailKind, { subject: string; heading: string; text: string }> = {
  received: {
    subject: "We received your refund request",
    heading: "Refund request received",
    text: "We received your refund request for order {n}. A member of our team will look at it soon; you can follow it or cancel it on the order page.",
  },
  approved: {
    subject: "Your refund request was approved",
    heading: "Refund approved",
    text: "Your refund request for order {n} was approved. The money goes back the way you paid; the order page shows the details.",
  },
  denied: {
    subject: "About your refund request",
    heading: "Refund request declined",
    text: "We could not approve your refund request for order {n}. The order page shows why and how to reach us.",
  },
};

/**
 * Queues a short refund notification in the caller's transaction: the order number and a link to
 * the order page, nothing else (no items, amounts, keys or notes in the mail).
 */
export async function enqueueRefundMail(
  tx: TTx,
  input: { kind: TRefundMailKind; to: string; orderNumber: string },
): Promise<void> {
  const content = CONTENT[input.kind];
  const url = `${env().appUrl}/orders/${encodeURIComponent(input.orderNumber)}`;
  const { html, text } = renderMail({
    heading: content.heading,
    paragraphs: [content.text.replace("{n}", input.orderNumber)],
    action: { label: "Open the order", url },
    after: ["Sign in with the e-mail address you bought with if the page asks."],
  });
  await enqueueMail(tx, { kind: `refund.${input.kind}`, to: input.to, subject: content.subject, html, text });
}
