import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TActor, TAdminSession } from "@/lib/auth/types";

/** The system itself as an actor: the operator CLI, the importer, a store's webhook. */
export type TSystemActor = Extract<TActor, { type: "system" }>;

/** Who may run an operator use case: a signed-in admin, or the CLI (whoever runs it holds the server's secrets). */
export type TOperator = TAdminSession | TSystemActor;

/** The actor of `npm run keydesk -- …` commands. */
export const CLI_ACTOR: TSystemActor = { type: "system", label: "cli" };

function isSystem(actor: TOperator): actor is TSystemActor {
  return "type" in actor && actor.type === "system";
}

/**
 * Throws `forbidden` unless the actor is the system or an admin. The system actor has to be passed
 * explicitly, so a caller that forgot its actor fails to type-check instead of skipping the check.
 */
export function assertOperator(actor: TOperator): void {
  if (!isSystem(actor)) assertAdmin(actor);
}

/** The audit event's actor columns for an operator. */
export function operatorAuditActor(actor: TOperator): { actorType: "agent" | "system"; actorId: string | null } {
  return isSystem(actor) ? { actorType: "system", actorId: null } : { actorType: "agent", actorId: actor.agentId };
}
