import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { readCannedReplies, type TCannedReply } from "@/lib/tickets/read-canned-replies";
import type { TAgentSession } from "@/lib/auth/types";

/**
 * `listCannedReplies(admin)` — the canned replies as the admin page manages them, by title. Admins
 * only, checked here (agents read them filled in, inside `getTicketWorkspace`).
 */
export async function listCannedReplies(actor: TAgentSession): Promise<TCannedReply[]> {
  assertAdmin(actor);
  return readCannedReplies();
}
