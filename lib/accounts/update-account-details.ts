import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encrypt, encryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { ZAccountDetails } from "@/lib/accounts/schemas";
import { readProfile } from "@/lib/accounts/read-profile";

/**
 * Saves the buyer's name, postal address and phone (E.164), encrypted. Orders keep the billing
 * details they were placed with; this profile is what support uses from now on. The audit event
 * (shown in the buyer's history) names the fields that changed, never their values.
 */
export async function updateAccountDetails(input: {
  buyer: TBuyerSession;
  values: unknown;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ changed: string[] }> {
  const parsed = ZAccountDetails.safeParse(input.values);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const next = parsed.data;
  const { customerId } = input.buyer;
  return db().$transaction(async (tx) => {
    const row = await tx.customer.findUnique({
      where: { id: customerId },
      select: { nameEnc: true, phoneEnc: true, addressEnc: true, erasedAt: true },
    });
    if (!row || row.erasedAt) throw new AppError("not_found", "Account not found.");
    const current = readProfile(row);
    const changed: string[] = [];
    if (current.name !== next.name) changed.push("name");
    if (current.phone !== next.phone) changed.push("phone");
    if (JSON.stringify(current.address) !== JSON.stringify(next.address)) changed.push("address");
    if (changed.length === 0) return { changed };
    await tx.customer.update({
      where: { id: customerId },
      data: {
        nameEnc: encrypt(next.name, ENC.customerName),
        phoneEnc: encryptOptional(next.phone, ENC.customerPhone),
        addressEnc: encryptOptional(next.address ? JSON.stringify(next.address) : null, ENC.customerAddress),
      },
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.details_updated",
        targetType: "customer",
        targetId: customerId,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: { fields: changed },
      },
      tx,
    );
    return { changed };
  });
}
