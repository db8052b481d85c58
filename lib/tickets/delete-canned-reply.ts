import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TCannedReplyIdInput } from "@/lib/tickets/agent-schemas";

/** `deleteCannedReply(admin, { id }, meta)` — deletes a canned reply; admins only, audited. */
export async function deleteCannedReply(
  admin: TAgentSession,
  input: TCannedReplyIdInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(admin);
  await db().$transaction(async (tx) => {
    const deleted = await tx.cannedReply.deleteMany({ where: { id: input.id } });
    if (deleted.count === 0) throw new AppError("not_found", "There is no such canned reply.");
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: "canned_reply.deleted",
        targetType: "canned_reply",
        targetId: input.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
