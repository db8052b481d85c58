import "server-only";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { TSystemActor } from "@/lib/auth/assert-operator";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { insertAgent, type TCreatedAgent } from "@/lib/agents/insert-agent";
import type { TNewAgentInput } from "@/lib/agents/schemas";

/**
 * `createAgentFromCli(system, input, meta)`: the operator CLI (`keydesk agent:create`) adds an agent
 * or admin. Whoever can run the CLI already holds the server's secrets, so the system actor may
 * create admins; the audit event names no agent. Refuses a second account for the same address.
 */
export async function createAgentFromCli(
  system: TSystemActor,
  input: TNewAgentInput,
  meta: TRequestMeta,
): Promise<TCreatedAgent> {
  if (system.type !== "system") throw new Error("createAgentFromCli is for the system actor only");
  const passwordHash = await hashPassword(input.password);
  return db().$transaction((tx) => insertAgent(tx, { ...input, passwordHash }, null, meta));
}
