import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt, encryptOptional } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import type { TOrderPayload } from "@/lib/orders/schemas";

type TCustomerInput = TOrderPayload["customer"];

/** The address as stored (encrypted JSON) on the customer and on the order's billing snapshot. */
export function addressJson(address: TCustomerInput["address"]): string | null {
  if (!address) return null;
  const { line1, line2, city, region, postalCode, country } = address;
  return JSON.stringify({ line1, line2: line2 ?? null, city, region: region ?? null, postalCode, country });
}

/** A new customer's columns from an order's details (all personal data encrypted). */
export function newCustomerColumns(emailHash: string, input: TCustomerInput, placedAt: Date) {
  return {
    id: newId(),
    emailHash,
    emailEnc: encrypt(input.email, ENC.customerEmail),
    nameEnc: encrypt(input.name, ENC.customerName),
    phoneEnc: encryptOptional(input.phone, ENC.customerPhone),
    addressEnc: encryptOptional(addressJson(input.address), ENC.customerAddress),
    newsletter: input.newsletter ?? false,
    newsletterAt: input.newsletter === undefined ? null : placedAt,
  };
}

/**
 * The customer for an order's e-mail address (blind index), created with the order's details when
 * new. An existing profile is only filled in where empty: the buyer's own edits win over old orders.
 * The newsletter choice applies when this order is newer than the last recorded choice.
 */
export async function findOrCreateCustomer(
  tx: TTx,
  input: TCustomerInput,
  placedAt: Date,
): Promise<{ id: string; created: boolean }> {
  const emailHash = emailIndex(input.email);
  const existing = await tx.customer.findUnique({
    where: { emailHash },
    select: { id: true, nameEnc: true, phoneEnc: true, addressEnc: true, newsletter: true, newsletterAt: true },
  });
  const address = addressJson(input.address);
  if (!existing) {
    const data = newCustomerColumns(emailHash, input, placedAt);
    await tx.customer.create({ data });
    return { id: data.id, created: true };
  }
  const data: {
    nameEnc?: string;
    phoneEnc?: string | null;
    addressEnc?: string | null;
    newsletter?: boolean;
    newsletterAt?: Date;
  } = {};
  if (!existing.nameEnc) data.nameEnc = encrypt(input.name, ENC.customerName);
  if (!existing.phoneEnc && input.phone) data.phoneEnc = encrypt(input.phone, ENC.customerPhone);
  if (!existing.addressEnc && address) data.addressEnc = encrypt(address, ENC.customerAddress);
  const newerChoice = !existing.newsletterAt || existing.newsletterAt < placedAt;
  if (input.newsletter !== undefined && newerChoice && input.newsletter !== existing.newsletter) {
    data.newsletter = input.newsletter;
    data.newsletterAt = placedAt;
  }
  if (Object.keys(data).length > 0) await tx.customer.update({ where: { id: existing.id }, data });
  return { id: existing.id, created: false };
}
