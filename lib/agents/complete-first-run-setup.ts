import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { insertAgent, type TCreatedAgent } from "@/lib/agents/insert-agent";
import type { TFirstRunSetupInput } from "@/lib/agents/schemas";

/**
 * `completeFirstRunSetup(input, meta)` (public: the one-time link is the credential): creates the
 * first admin. The token is burned in the same transaction, so two submissions cannot create two
 * admins.
 */
export async function completeFirstRunSetup(input: TFirstRunSetupInput, meta: TRequestMeta): Promise<TCreatedAgent> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const burned = await tx.verificationToken.updateMany({
      where: { tokenHash: hashToken(input.token), purpose: "agent_setup", usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (burned.count !== 1 || (await tx.agent.findFirst({ where: { role: "admin" }, select: { id: true } }))) {
      throw new AppError(
        "forbidden",
        "This setup link has expired or was already used. Restart Keydesk for a new one.",
      );
    }
    return insertAgent(tx, { email: input.email, name: input.name, role: "admin", passwordHash }, null, meta);
  });
}
