import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encrypt, encryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TAccountDetailsInput } from "@/lib/accounts/schemas";
import { readProfile } from "@/lib/accounts/read-profile";

/**
 * `updateAccountDetails(buyer, input, meta)` — saves the buyer's name, postal address and phone
 * (E.164), encrypted; the input was validated and normalised by `ZAccountDetails`. Orders keep the
 * billing details they were placed with; this profile is what support uses from now on. The audit
 * event (shown in the buyer's history) names the fields that changed, never their values.
 */
export async function updateAccountDetails(
  buyer: TBuyerSession,
  input: TAccountDetailsInput,
  meta: TRequestMeta,
): Promise<{ changed: string[] }> {
  const { customerId } = buyer;
  return db().$transaction(async (tx) => {
    const row = await tx.customer.findUnique({
      where: { id: customerId },
      select: { nameEnc: true, phoneEnc: true, addressEnc: true, erasedAt: true },
    });
    if (!row || row.erasedAt) throw new AppError("not_found", "Account not found.", { key: "accountNotFound" });
    const current = readProfile(row);
    const changed: string[] = [];
    if (current.name !== input.name) changed.push("name");
    if (current.phone !== input.phone) changed.push("phone");
    if (JSON.stringify(current.address) !== JSON.stringify(input.address)) changed.push("address");
    if (changed.length === 0) return { changed };
    await tx.customer.update({
      where: { id: customerId },
      data: {
        nameEnc: encrypt(redactCardNumbers(input.name).text, ENC.customerName),
        phoneEnc: encryptOptional(input.phone, ENC.customerPhone),
        addressEnc: encryptOptional(input.address ? JSON.stringify(input.address) : null, ENC.customerAddress),
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
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { fields: changed },
      },
      tx,
    );
    return { changed };
  });
}
