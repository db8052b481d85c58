import "server-only";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { insertAgent, type TCreatedAgent } from "@/lib/agents/insert-agent";
import type { TNewAgentInput } from "@/lib/agents/schemas";

/**
 * `createAgent(admin, input, meta)`: an admin adds an agent or admin with an argon2id password
 * (checks the role itself; audited with the admin as actor). Refuses a second account for the
 * same address. The operator CLI uses `createAgentFromCli` instead.
 */
export async function createAgent(
  admin: TAgentSession,
  input: TNewAgentInput,
  meta: TRequestMeta,
): Promise<TCreatedAgent> {
  assertAdmin(admin);
  // Hashed before the transaction: argon2id takes a while and must not hold a write lock.
  const passwordHash = await hashPassword(input.password);
  return db().$transaction((tx) => insertAgent(tx, { ...input, passwordHash }, { agentId: admin.agentId }, meta));
}
