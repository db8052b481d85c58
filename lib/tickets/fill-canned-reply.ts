/** The placeholders a canned reply may use, and what they stand for. */
export const CANNED_PLACEHOLDERS = {
  name: "the customer's name, or “there” when unknown",
  order_number: "the ticket's order number, or “your order”",
  ticket_ref: "the ticket reference, e.g. KD-7F3K9Q",
} as const;

/**
 * Fills `{{name}}`, `{{order_number}}` and `{{ticket_ref}}` in a canned reply for one ticket;
 * unknown placeholders are left as they are so the agent sees them before sending.
 */
export function fillCannedReply(
  body: string,
  values: { name: string | null; orderNumber: string | null; ticketRef: string },
): string {
  const map: Record<string, string> = {
    name: values.name?.trim() || "there",
    order_number: values.orderNumber ?? "your order",
    ticket_ref: values.ticketRef,
  };
  return body.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) => map[key] ?? whole);
}
