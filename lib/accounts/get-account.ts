import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { readProfile } from "@/lib/accounts/read-profile";

/** `getAccount(buyer)` — the signed-in buyer's profile (decrypted), newsletter choice and pending erasure request. */
export async function getAccount(buyer: TBuyerSession) {
  const customer = await db().customer.findUnique({
    where: { id: buyer.customerId },
    select: {
      nameEnc: true,
      phoneEnc: true,
      addressEnc: true,
      newsletter: true,
      newsletterAt: true,
      createdAt: true,
      erasures: { where: { status: "pending" }, select: { id: true, createdAt: true }, take: 1 },
    },
  });
  if (!customer) throw new AppError("not_found", "Account not found.", { key: "accountNotFound" });
  return {
    email: buyer.email,
    ...readProfile(customer),
    newsletter: customer.newsletter,
    newsletterAt: customer.newsletterAt,
    createdAt: customer.createdAt,
    pendingErasure: customer.erasures[0] ?? null,
  };
}

export type TAccount = Awaited<ReturnType<typeof getAccount>>;
