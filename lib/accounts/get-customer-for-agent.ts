import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { readProfile } from "@/lib/accounts/read-profile";

/**
 * A customer as an agent sees them: current profile, orders, counts of tickets and refunds, recent
 * account events and pending e-mail changes. Any agent may look; the view is audited.
 */
export async function getCustomerForAgent(input: { agent: TAgentSession; customerId: string }) {
  if (!z.string().min(1).max(64).safeParse(input.customerId).success)
    throw new AppError("not_found", "Customer not found.");
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
    actorId: input.agent.agentId,
    action: "customer.viewed",
    targetType: "customer",
    targetId: customer.id,
    customerId: customer.id,
    metadata: { via: "customer_page" },
  });
  const erased = customer.erasedAt !== null;
  return {
    id: customer.id,
    email: erased ? null : decrypt(customer.emailEnc, ENC.customerEmail),
    ...(erased ? { name: null, phone: null, address: null } : readProfile(customer)),
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
