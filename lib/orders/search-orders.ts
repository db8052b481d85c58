import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import { AGENT_ORDER_SELECT, toAgentOrderSummary, type TAgentOrderSummary } from "@/lib/orders/agent-order-dto";

export const ZOrderSearch = z.object({
  query: z
    .string({ error: "Enter an order number, e-mail address or licence key" })
    .trim()
    .min(1, "Enter an order number, e-mail address or licence key")
    .max(200, "Must be at most 200 characters"),
});

export type TSearchKind = "number" | "email" | "license_key" | "none";

const MAX_RESULTS = 50;

/**
 * Finds orders for an agent by exact order number, buyer e-mail (blind index, the order's or the
 * customer's current address) or licence key (blind index), newest first. Any agent may search;
 * the search and each customer whose data is shown are audited — the kind of query, never its text.
 */
export async function searchOrders(args: {
  agent: TAgentSession;
  query: string;
}): Promise<{ kind: TSearchKind; orders: TAgentOrderSummary[] }> {
  const parsed = ZOrderSearch.safeParse({ query: args.query });
  if (!parsed.success)
    throw new AppError("invalid_input", "Enter what to search for.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const query = parsed.data.query;
  const find = (where: object) =>
    db().order.findMany({ where, orderBy: { placedAt: "desc" }, take: MAX_RESULTS, select: AGENT_ORDER_SELECT });

  let kind: TSearchKind = "none";
  let orders: Awaited<ReturnType<typeof find>> = [];
  if (query.includes("@")) {
    const emailHash = emailIndex(query);
    orders = await find({ OR: [{ emailHash }, { customer: { emailHash } }] });
    kind = "email";
  } else {
    orders = await find({ number: query.replace(/^#/, "") });
    if (orders.length > 0) kind = "number";
    else {
      orders = await find({ items: { some: { keys: { some: { keyHash: licenseKeyIndex(query) } } } } });
      if (orders.length > 0) kind = "license_key";
    }
  }

  const base = { actorType: "agent" as const, actorId: args.agent.agentId };
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
