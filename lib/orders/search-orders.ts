import "server-only";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { orderNumberKey } from "@/lib/orders/order-number";
import { ZOrderSearch, type TOrderSearchInput } from "@/lib/orders/schemas";
import { AGENT_ORDER_SELECT, toAgentOrderSummary, type TAgentOrderSummary } from "@/lib/orders/agent-order-dto";

export type TSearchKind = "number" | "email" | "license_key" | "none";

const MAX_RESULTS = 50;

/**
 * `searchOrders(actor, { query }, meta)`: finds orders for an agent by order number (as typed: with or
 * without "#", spaces or capitals), buyer
 * e-mail (blind index, the order's or the customer's current address) or licence key (blind
 * index), newest first. Any agent may search; the search and each customer whose data is shown are
 * audited (SPEC), with the agent's IP and browser — the kind of query, never its text.
 */
export async function searchOrders(
  actor: TAgentSession,
  input: TOrderSearchInput,
  meta: TRequestMeta,
): Promise<{ kind: TSearchKind; orders: TAgentOrderSummary[] }> {
  // The query comes from the page's URL (a GET form), not through an action wrapper.
  const { query } = parseOrThrow(ZOrderSearch, input, "Enter what to search for.");
  const find = (where: object) =>
    db().order.findMany({ where, orderBy: { placedAt: "desc" }, take: MAX_RESULTS, select: AGENT_ORDER_SELECT });

  let kind: TSearchKind = "none";
  let orders: Awaited<ReturnType<typeof find>> = [];
  if (query.includes("@")) {
    const emailHash = emailIndex(query);
    // Two indexed columns (Order.emailHash, Order.customerId) instead of an OR across a join, which
    // both databases answer by reading every order.
    const customer = await db().customer.findUnique({ where: { emailHash }, select: { id: true } });
    orders = await find(customer ? { OR: [{ emailHash }, { customerId: customer.id }] } : { emailHash });
    kind = "email";
  } else {
    // As the agent types it: "#1002", "1002", "inv 77" and "INV77" find the same orders.
    const numberKey = orderNumberKey(query);
    orders = numberKey ? await find({ numberKey }) : [];
    if (orders.length > 0) kind = "number";
    else {
      // From the key (indexed keyHash) to its orders, not a nested EXISTS evaluated for every order.
      const keys = await db().licenseKey.findMany({
        where: { keyHash: licenseKeyIndex(query) },
        select: { orderItem: { select: { orderId: true } } },
        take: MAX_RESULTS,
      });
      const orderIds = [...new Set(keys.map((k) => k.orderItem.orderId))];
      orders = orderIds.length > 0 ? await find({ id: { in: orderIds } }) : [];
      if (orders.length > 0) kind = "license_key";
    }
  }

  const base = { actorType: "agent" as const, actorId: actor.agentId, ip: meta.ip, userAgent: meta.userAgent };
  await recordAuditEvent({ ...base, action: "orders.searched", metadata: { kind, results: orders.length } });
  for (const customerId of new Set(orders.map((o) => o.customerId))) {
    await recordAuditEvent({
      ...base,
      action: "customer.viewed",
      targetType: "customer",
      targetId: customerId,
      customerId,
      metadata: { via: "order_search", kind },
    });
  }
  return { kind, orders: orders.map(toAgentOrderSummary) };
}
