import "server-only";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TAgentSession } from "@/lib/auth/types";
import { checkPowSolution, parsePowField } from "@/lib/pow/verify-pow-solution";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { stageAttachment, uploader, type TStageInput } from "@/lib/tickets/attachments/stage-attachment";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";

/** Who uploads: an agent, a buyer or a guest's ticket session, or a stranger with a proof of work. */
export type TUploader =
  | { kind: "agent"; agent: TAgentSession }
  | { kind: "customer"; access: TTicketAccess }
  | { kind: "guest"; pow: string | null };

/** Customers' uploads per client IP (5 files per message, a few attempts). */
export const UPLOAD_LIMIT_PER_IP: TLimit = { name: "ticket-upload:ip", max: 40, windowSeconds: 3600 };

/**
 * `uploadAttachment(uploader, input, meta)` — POST /support-attachments: one file of a ticket form,
 * streamed to a staged file (see stage-attachment.ts). Who may upload is decided before a byte is
 * read: agents; buyers and guests' ticket sessions; a stranger only with a solved, unexpired proof
 * of work of our own (checked, not used up: the ticket form uses it). Customers are rate-limited
 * per IP. Returns the receipt the form sends.
 */
export async function uploadAttachment(actor: TUploader, input: TStageInput, meta: TRequestMeta): Promise<string> {
  const owner = ownerOf(actor);
  if (actor.kind !== "agent") await enforceRateLimit(UPLOAD_LIMIT_PER_IP, meta.ip ?? "unknown");
  return stageAttachment(owner, input);
}

function ownerOf(actor: TUploader): string {
  if (actor.kind === "agent") return uploader.agent(actor.agent.agentId);
  if (actor.kind === "customer") {
    return actor.access.kind === "buyer"
      ? uploader.buyer(actor.access.buyer.customerId)
      : uploader.ticket(actor.access.ticketId);
  }
  const solution = parsePowField(actor.pow);
  if (!actor.pow || !solution || checkPowSolution(solution)) {
    throw new AppError("unauthorized", "Wait until the spam check says “ready”, then attach the file again.", {
      fieldErrors: { pow: ["The spam check is not finished yet."] },
      key: "powUploadNotReady",
      fieldKeys: { pow: "powNotFinished" },
    });
  }
  return uploader.pow(solution.challenge);
}
