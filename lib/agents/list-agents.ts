import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";

/** `listAgents(admin)`: every agent and admin with role, status, second factor and last sign-in (admins only). */
export async function listAgents(admin: TAgentSession) {
  assertAdmin(admin);
  const agents = await db().agent.findMany({
    orderBy: [{ disabledAt: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      role: true,
      emailEnc: true,
      disabledAt: true,
      lastLoginAt: true,
      createdAt: true,
      totpEnabledAt: true,
      _count: { select: { passkeys: true } },
    },
  });
  return agents.map(({ emailEnc, _count, ...agent }) => ({
    ...agent,
    email: decrypt(emailEnc, ENC.agentEmail),
    passkeys: _count.passkeys,
    /** An authenticator app or at least one passkey. */
    hasSecondFactor: agent.totpEnabledAt !== null || _count.passkeys > 0,
  }));
}
