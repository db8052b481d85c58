import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

const ZQuery = z.object({
  email: z
    .string({ error: "Enter an e-mail address" })
    .trim()
    .min(3, "Enter an e-mail address")
    .max(254, "That address is too long")
    .pipe(z.email("Enter a valid e-mail address")),
});

/**
 * An agent looks a customer up by their current e-mail address, or by the address an order was
 * placed with (blind index). Audited: the search, never the text searched for.
 */
export async function findCustomerByEmail(input: {
  agent: TAgentSession;
  email: unknown;
}): Promise<{ customerId: string | null }> {
  const parsed = ZQuery.safeParse({ email: input.email });
  if (!parsed.success)
    throw new AppError("invalid_input", "Enter a valid e-mail address.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const emailHash = emailIndex(parsed.data.email);
  const customer =
    (await db().customer.findUnique({ where: { emailHash }, select: { id: true } })) ??
    (await db()
      .order.findFirst({ where: { emailHash }, orderBy: { placedAt: "desc" }, select: { id: true, customerId: true } })
      .then((o) => (o ? { id: o.customerId } : null)));
  await recordAuditEvent({
    actorType: "agent",
    actorId: input.agent.agentId,
    action: "customers.searched",
    metadata: { found: customer !== null },
  });
  return { customerId: customer?.id ?? null };
}
