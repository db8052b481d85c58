import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TCustomerSearchInput } from "@/lib/accounts/schemas";

/**
 * `findCustomerByEmail(agent, input, meta)` — any agent looks a customer up by their current
 * e-mail address, or by the address an order was placed with (blind index). Audited: the search,
 * never the text searched for.
 */
export async function findCustomerByEmail(
  agent: TAgentSession,
  input: TCustomerSearchInput,
  meta: TRequestMeta,
): Promise<{ customerId: string | null }> {
  const emailHash = emailIndex(input.email);
  const customer =
    (await db().customer.findUnique({ where: { emailHash }, select: { id: true } })) ??
    (await db()
      .order.findFirst({ where: { emailHash }, orderBy: { placedAt: "desc" }, select: { id: true, customerId: true } })
      .then((o) => (o ? { id: o.customerId } : null)));
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "customers.searched",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { found: customer !== null },
  });
  return { customerId: customer?.id ?? null };
}
