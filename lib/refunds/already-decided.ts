import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Thrown inside a decision's transaction when its conditional update found the request changed. */
export class RefundChangedMeanwhile extends Error {
  constructor() {
    super("refund request changed meanwhile");
  }
}

/**
 * The error an agent sees when someone else decided (or first-approved) the request in the
 * meantime: who did what, read after the losing transaction rolled back.
 */
export async function alreadyDecidedError(refundId: string): Promise<AppError> {
  const request = await db().refundRequest.findUnique({
    where: { id: refundId },
    select: { status: true, decidedBy: { select: { name: true } }, decidedById: true, firstApprovedById: true },
  });
  if (!request) return new AppError("not_found", "There is no such refund request.");
  if (request.status === "pending" && request.firstApprovedById) {
    const first = await db().agent.findUnique({ where: { id: request.firstApprovedById }, select: { name: true } });
    return new AppError(
      "conflict",
      `This refund was just approved by ${first?.name ?? "another agent"} and now waits for a second admin. Reload the page.`,
    );
  }
  if (request.status === "pending")
    return new AppError("conflict", "This refund request changed in the meantime. Reload the page and try again.");
  const who =
    request.decidedBy?.name ??
    (request.decidedById ? "another agent" : request.status === "cancelled" ? "the buyer" : "the store");
  return new AppError("conflict", `This refund request was already ${request.status} by ${who}.`);
}
