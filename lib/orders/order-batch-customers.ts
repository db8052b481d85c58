import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import type { TOrderPayload } from "@/lib/orders/schemas";
import { addressJson, newCustomerColumns } from "@/lib/orders/find-or-create-customer";

// A batch's customers, held in memory while its orders are built: `findOrCreateCustomer`'s rules
// applied in file order, so that the batch's statements give what storing the orders one by one would.

export interface TCustomerState {
  id: string;
  /** Columns of a customer created by this batch (written with createMany). */
  create?: {
    id: string;
    emailHash: string;
    emailEnc: string;
    nameEnc: string;
    phoneEnc: string | null;
    addressEnc: string | null;
    newsletter: boolean;
    newsletterAt: Date | null;
  };
  /** Changes to a stored customer (filled-in fields, a newer newsletter choice). */
  update: { nameEnc?: string; phoneEnc?: string; addressEnc?: string; newsletter?: boolean; newsletterAt?: Date };
  hasName: boolean;
  hasPhone: boolean;
  hasAddress: boolean;
  newsletter: boolean;
  newsletterAt: Date | null;
}

/** The stored customers among `emailHashes`, by blind index, as the batch's starting state. */
export async function customerStates(tx: TTx, emailHashes: string[]): Promise<Map<string, TCustomerState>> {
  const rows = await tx.customer.findMany({
    where: { emailHash: { in: emailHashes } },
    select: {
      id: true,
      emailHash: true,
      nameEnc: true,
      phoneEnc: true,
      addressEnc: true,
      newsletter: true,
      newsletterAt: true,
    },
  });
  return new Map(
    rows.map((row) => [
      row.emailHash,
      {
        id: row.id,
        update: {},
        hasName: Boolean(row.nameEnc),
        hasPhone: Boolean(row.phoneEnc),
        hasAddress: Boolean(row.addressEnc),
        newsletter: row.newsletter,
        newsletterAt: row.newsletterAt,
      },
    ]),
  );
}

/** `findOrCreateCustomer` on the batch's in-memory view of its customers. */
export function applyCustomer(
  customers: Map<string, TCustomerState>,
  emailHash: string,
  input: TOrderPayload["customer"],
  placedAt: Date,
): TCustomerState {
  const address = addressJson(input.address);
  const current = customers.get(emailHash);
  if (!current) {
    const create = newCustomerColumns(emailHash, input, placedAt);
    const id = create.id;
    const state: TCustomerState = {
      id,
      create,
      update: {},
      hasName: true,
      hasPhone: create.phoneEnc !== null,
      hasAddress: create.addressEnc !== null,
      newsletter: create.newsletter,
      newsletterAt: create.newsletterAt,
    };
    customers.set(emailHash, state);
    return state;
  }
  const target: Partial<Omit<NonNullable<TCustomerState["create"]>, "id">> = current.create ?? current.update;
  if (!current.hasName) {
    target.nameEnc = encrypt(input.name, ENC.customerName);
    current.hasName = true;
  }
  if (!current.hasPhone && input.phone) {
    target.phoneEnc = encrypt(input.phone, ENC.customerPhone);
    current.hasPhone = true;
  }
  if (!current.hasAddress && address) {
    target.addressEnc = encrypt(address, ENC.customerAddress);
    current.hasAddress = true;
  }
  const newerChoice = !current.newsletterAt || current.newsletterAt < placedAt;
  if (input.newsletter !== undefined && newerChoice && input.newsletter !== current.newsletter) {
    target.newsletter = current.newsletter = input.newsletter;
    target.newsletterAt = current.newsletterAt = placedAt;
  }
  return current;
}
