import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TCannedReplyInput } from "@/lib/tickets/agent-schemas";

/** `saveCannedReply(admin, input, meta)` — creates (no id) or updates a canned reply; admins only, audited. */
export async function saveCannedReply(
  admin: TAgentSession,
  input: TCannedReplyInput,
  meta: TRequestMeta,
): Promise<{ id: string }> {
  assertAdmin(admin);
  const { id } = input;
  const title = redactCardNumbers(input.title).text;
  const body = redactCardNumbers(input.body).text;
  return db().$transaction(async (tx) => {
    let savedId = id;
    if (id) {
      const updated = await tx.cannedReply.updateMany({ where: { id }, data: { title, body } });
      if (updated.count === 0) throw new AppError("not_found", "There is no such canned reply.");
    } else {
      savedId = newId();
      await tx.cannedReply.create({ data: { id: savedId, title, body, createdById: admin.agentId } });
    }
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: id ? "canned_reply.updated" : "canned_reply.created",
        targetType: "canned_reply",
        targetId: savedId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { id: savedId as string };
  });
}
