import "server-only";
import { db } from "@/lib/db";

export interface TCannedReply {
  id: string;
  title: string;
  body: string;
  updatedAt: Date;
}

/**
 * Every canned reply, by title — the query behind the admin list and the ticket workspace (where
 * any agent inserts them). Internal to lib: pages call `listCannedReplies` or `getTicketWorkspace`,
 * which check the actor.
 */
export function readCannedReplies(): Promise<TCannedReply[]> {
  return db().cannedReply.findMany({
    orderBy: { title: "asc" },
    select: { id: true, title: true, body: true, updatedAt: true },
  });
}
