import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TAgentEmailChangeInput } from "@/lib/accounts/schemas";
import { ADDRESS_TAKEN_MESSAGE } from "@/lib/accounts/move-customer-email";
import { AGENT_CONFIRM_LINK_MS, createLink } from "@/lib/accounts/email-change-links";
import { queueConfirmMail } from "@/lib/accounts/email-change-mails";

/**
 * `requestEmailChangeByAgent(admin, input, meta)` — an admin corrects a buyer's purchase address
 * (a typo at checkout), after verifying the buyer and noting how (e.g. the ticket reference). Admins
 * only: a plain agent could otherwise move any buyer to an address they control and confirm it
 * themselves. The buyer still confirms from the new address — so a typo cannot hand the orders to
 * a stranger —, the old address is always told (with an undo link when it has signed in before,
 * see `confirmEmailChange`), and the change is audited with the note.
 */
export async function requestEmailChangeByAgent(
  agent: TAgentSession,
  input: TAgentEmailChangeInput,
  meta: TRequestMeta,
): Promise<{ to: string }> {
  assertAdmin(agent);
  const { email: to, note } = input;
  const customer = await db().customer.findUnique({
    where: { id: input.customerId },
    select: { id: true, emailEnc: true, erasedAt: true },
  });
  if (!customer || customer.erasedAt) throw new AppError("not_found", "Customer not found.");
  const from = decrypt(customer.emailEnc, ENC.customerEmail);
  if (emailIndex(from) === emailIndex(to))
    throw new AppError("invalid_input", "That is the current address.", {
      fieldErrors: { email: ["This is the current address"] },
    });
  const taken = await db().customer.findUnique({ where: { emailHash: emailIndex(to) }, select: { id: true } });
  if (taken)
    throw new AppError("conflict", ADDRESS_TAKEN_MESSAGE, {
      fieldErrors: { email: ["This address belongs to another customer; merge the accounts instead"] },
    });
  await db().$transaction(async (tx) => {
    const payload = { customerId: customer.id, from, to, sessionId: null, agentId: agent.agentId };
    const link = await createLink(tx, "email_change", to, payload, AGENT_CONFIRM_LINK_MS);
    await queueConfirmMail(tx, {
      to,
      token: link.token,
      ttlMs: AGENT_CONFIRM_LINK_MS,
      byAgent: true,
      customerId: customer.id,
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        customerId: customer.id,
        action: "account.email_change_requested",
        targetType: "customer",
        targetId: customer.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        // The agent's own note of how the buyer was verified (e.g. "ticket T-1042, order number and last four").
        // Encrypted: free text that may name the person (audit metadata is otherwise ids only).
        metadata: {
          by: "agent",
          linkId: link.id,
          verification: encrypt(redactCardNumbers(note).text, ENC.auditVerificationNote),
        },
      },
      tx,
    );
  });
  return { to };
}
