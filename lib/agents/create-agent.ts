import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { ZNewAgent } from "@/lib/agents/schemas";

/**
 * Creates an agent or admin with an argon2id password. `createdBy` is the admin doing it, or null
 * for the operator CLI and first-run setup. Refuses a second account for the same address.
 */
export async function createAgent(input: unknown, createdBy: { agentId: string } | null, tx?: TTx) {
  const parsed = ZNewAgent.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Some fields are missing or invalid.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const { email, name, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const run = async (t: TTx) => {
    const emailHash = emailIndex(email);
    if (await t.agent.findUnique({ where: { emailHash }, select: { id: true } })) {
      throw new AppError("conflict", "An agent with this e-mail address already exists.", {
        fieldErrors: { email: ["Already in use"] },
      });
    }
    const agent = await t.agent.create({
      data: { id: newId(), emailHash, emailEnc: encrypt(email, ENC.agentEmail), name, role, passwordHash },
      select: { id: true, name: true, role: true },
    });
    await recordAuditEvent(
      {
        actorType: createdBy ? "agent" : "system",
        actorId: createdBy?.agentId ?? null,
        action: "agent.created",
        targetType: "agent",
        targetId: agent.id,
        metadata: { role },
      },
      t,
    );
    return agent;
  };
  return tx ? run(tx) : db().$transaction(run);
}
