import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { createAgent } from "@/lib/agents/create-agent";
import { AppError } from "@/lib/errors";

/**
 * Creates the first admin from a one-time setup link. The token is burned in the same transaction,
 * so two submissions cannot create two admins.
 */
export async function completeFirstRunSetup(input: {
  token: string;
  email: unknown;
  name: unknown;
  password: unknown;
}) {
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
    return createAgent({ email: input.email, name: input.name, password: input.password, role: "admin" }, null, tx);
  });
}
