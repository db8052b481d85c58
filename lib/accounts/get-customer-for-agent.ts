import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { isAdmin } from "@/lib/auth/assert-admin";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { ZCustomerRef, type TCustomerRefInput, type TPostalAddress } from "@/lib/accounts/schemas";
import { countryName } from "@/lib/accounts/countries";
import { readProfile } from "@/lib/accounts/read-profile";

/**
 * `getCustomerForAgent(agent, input, meta)` — the page-level read of `/agent/customers/[id]`: a
 * customer as an agent sees them (current profile, orders, counts of tickets and refunds, recent
 * account events, the latest erasure request). Any agent may look — and every look is audited, the
 * one write this read makes on purpose (who saw whose personal data).
 */
export async function getCustomerForAgent(agent: TAgentSession, input: TCustomerRefInput, meta: TRequestMeta) {
  // The id comes from the URL as typed: anything that is not an id is simply not a customer.
  if (!ZCustomerRef.safeParse(input).success) throw new AppError("not_found", "Customer not found.");
  const customer = await db().customer.findUnique({
    where: { id: input.customerId },
    select: {
      id: true,
      emailEnc: true,
      nameEnc: true,
      phoneEnc: true,
      addressEnc: true,
      newsletter: true,
      erasedAt: true,
      createdAt: true,
      orders: {
        orderBy: { placedAt: "desc" },
        take: 100,
        select: {
          id: true,
          number: true,
          source: true,
          placedAt: true,
          status: true,
          currency: true,
          totalAmount: true,
        },
      },
      _count: { select: { tickets: true, refunds: true, sessions: true } },
      erasures: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true } },
    },
  });
  if (!customer) throw new AppError("not_found", "Customer not found.");
  const history = await db().auditEvent.findMany({
    where: { customerId: customer.id, action: { startsWith: "account." } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, at: true, action: true, actorType: true },
  });
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: "customer.viewed",
    targetType: "customer",
    targetId: customer.id,
    customerId: customer.id,
    metadata: { via: "customer_page" },
  });
  const erased = customer.erasedAt !== null;
  const profile = erased ? { name: null, phone: null, address: null } : readProfile(customer);
  return {
    id: customer.id,
    email: erased ? null : decrypt(customer.emailEnc, ENC.customerEmail),
    ...profile,
    addressText: profile.address ? addressText(profile.address) : null,
    /** Only admins may move a customer to another address (requestEmailChangeByAgent checks again). */
    canCorrectEmail: isAdmin(agent) && !erased,
    /** Admins get a link to this customer's events in the audit log (`/agent/audit?customer=`). */
    canReadAuditLog: isAdmin(agent),
    newsletter: customer.newsletter,
    erasedAt: customer.erasedAt,
    createdAt: customer.createdAt,
    orders: customer.orders,
    counts: customer._count,
    erasure: customer.erasures[0] ?? null,
    history,
  };
}

export type TAgentCustomer = Awaited<ReturnType<typeof getCustomerForAgent>>;

/** An address on one line, as the console shows it: "1 Main St, 10115 Berlin, Germany". */
function addressText(a: TPostalAddress): string {
  return [a.line1, a.line2, [a.postalCode, a.city].join(" "), a.region, a.country ? countryName(a.country) : null]
    .filter(Boolean)
    .join(", ");
}
