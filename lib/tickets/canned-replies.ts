import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

// Canned replies are the team's own text (no customer data), so they are stored in plain text.

export const ZCannedReply = z.object({
  id: z.string().max(40).optional(),
  title: z.string().trim().min(1, "Give the reply a title").max(100, "Keep the title under 100 characters"),
  body: z.string().trim().min(1, "Write the reply").max(10_000, "Keep the reply under 10,000 characters"),
});

/** Every canned reply, by title (any agent: they insert them into replies). */
export function listCannedReplies() {
  return db().cannedReply.findMany({
    orderBy: { title: "asc" },
    select: { id: true, title: true, body: true, updatedAt: true },
  });
}

/** Creates or updates a canned reply (admins only, audited). */
export async function saveCannedReply(input: { admin: TAgentSession; values: unknown }): Promise<{ id: string }> {
  assertAdmin(input.admin);
  const parsed = ZCannedReply.safeParse(input.values);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const { id, title, body } = parsed.data;
  return db().$transaction(async (tx) => {
    let savedId = id;
    if (id) {
      const updated = await tx.cannedReply.updateMany({ where: { id }, data: { title, body } });
      if (updated.count === 0) throw new AppError("not_found", "There is no such canned reply.");
    } else {
      savedId = newId();
      await tx.cannedReply.create({ data: { id: savedId, title, body, createdById: input.admin.agentId } });
    }
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.admin.agentId,
        action: id ? "canned_reply.updated" : "canned_reply.created",
        targetType: "canned_reply",
        targetId: savedId,
      },
      tx,
    );
    return { id: savedId as string };
  });
}

/** Deletes a canned reply (admins only, audited). */
export async function deleteCannedReply(input: { admin: TAgentSession; id: string }): Promise<void> {
  assertAdmin(input.admin);
  await db().$transaction(async (tx) => {
    const deleted = await tx.cannedReply.deleteMany({ where: { id: input.id } });
    if (deleted.count === 0) throw new AppError("not_found", "There is no such canned reply.");
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.admin.agentId,
        action: "canned_reply.deleted",
        targetType: "canned_reply",
        targetId: input.id,
      },
      tx,
    );
  });
}
