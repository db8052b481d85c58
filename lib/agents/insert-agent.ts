import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** The agent row a create use case returns. */
export interface TCreatedAgent {
  id: string;
  name: string;
  role: "admin" | "agent";
}

/**
 * Shared by the create use cases (admin, CLI, first-run setup), which decide who may create whom:
 * inserts the agent inside `tx` and audits it. Refuses a second account for the same address.
 */
export async function insertAgent(
  tx: TTx,
  input: { email: string; name: string; role: "admin" | "agent"; passwordHash: string },
  createdBy: { agentId: string } | null,
  meta: TRequestMeta,
): Promise<TCreatedAgent> {
  const emailHash = emailIndex(input.email);
  if (await tx.agent.findUnique({ where: { emailHash }, select: { id: true } })) {
    throw new AppError("conflict", "An agent with this e-mail address already exists.", {
      fieldErrors: { email: ["Already in use"] },
    });
  }
  const agent = await tx.agent.create({
    data: {
      id: newId(),
      emailHash,
      emailEnc: encrypt(input.email, ENC.agentEmail),
      name: input.name,
      role: input.role,
      passwordHash: input.passwordHash,
    },
    select: { id: true, name: true, role: true },
  });
  await recordAuditEvent(
    {
      actorType: createdBy ? "agent" : "system",
      actorId: createdBy?.agentId ?? null,
      action: "agent.created",
      targetType: "agent",
      targetId: agent.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { role: input.role },
    },
    tx,
  );
  return agent;
}
