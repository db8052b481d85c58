import "server-only";
import { z } from "zod";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import type { TTx } from "@/lib/db";
import type { TStoreCustomer } from "@/lib/stores/types";

// Customer details a provider sends apart from its orders (Paddle's customer.* events), kept per
// store and provider customer id so an order that lacks the e-mail address can be completed —
// whichever of the two arrives first.

const ZStoredCustomer = z.object({
  ref: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  address: z
    .object({
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      region: z.string().optional(),
      postalCode: z.string(),
      country: z.string(),
    })
    .optional(),
});

/** What the store told us earlier about customer `ref`, or null. */
export async function storedStoreCustomer(tx: TTx, storeId: string, ref: string): Promise<TStoreCustomer | null> {
  const row = await tx.storeCustomer.findUnique({
    where: { storeId_ref: { storeId, ref } },
    select: { detailsEnc: true },
  });
  if (!row) return null;
  return ZStoredCustomer.parse(JSON.parse(decrypt(row.detailsEnc, ENC.storeCustomerDetails)));
}

/** Fields the order itself carries win; the missing ones come from an earlier customer event. */
export async function completeStoreCustomer(
  tx: TTx,
  storeId: string,
  customer: TStoreCustomer,
): Promise<TStoreCustomer> {
  if (!customer.ref) return customer;
  const stored = await storedStoreCustomer(tx, storeId, customer.ref);
  return stored ? { ...stored, ...definedOnly(customer) } : customer;
}

/** Keeps (merges) a customer's details; true when something new was learnt. */
export async function rememberStoreCustomer(
  tx: TTx,
  storeId: string,
  customer: TStoreCustomer & { ref: string },
): Promise<boolean> {
  const stored = await storedStoreCustomer(tx, storeId, customer.ref);
  const merged = { ...(stored ?? {}), ...definedOnly(customer) };
  if (stored && JSON.stringify(merged) === JSON.stringify({ ...stored })) return false;
  const detailsEnc = encrypt(JSON.stringify(merged), ENC.storeCustomerDetails);
  const emailHash = merged.email ? emailIndex(merged.email) : null;
  await tx.storeCustomer.upsert({
    where: { storeId_ref: { storeId, ref: customer.ref } },
    create: { storeId, ref: customer.ref, detailsEnc, emailHash },
    update: { detailsEnc, emailHash },
  });
  return true;
}

function definedOnly(customer: TStoreCustomer): TStoreCustomer {
  return Object.fromEntries(Object.entries(customer).filter(([, v]) => v !== undefined && v !== ""));
}
