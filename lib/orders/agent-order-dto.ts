import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";

/** The fields an agent sees of an order in lists (select this, then map with `toAgentOrderSummary`). */
export const AGENT_ORDER_SELECT = {
  id: true,
  number: true,
  source: true,
  externalId: true,
  placedAt: true,
  status: true,
  currency: true,
  totalAmount: true,
  customerId: true,
  emailEnc: true,
  billingNameEnc: true,
  items: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      sku: true,
      name: true,
      quantity: true,
      unitAmount: true,
      status: true,
      // The key ids, counted here: Prisma's `_count` of a relation reads the whole LicenseKey table
      // (a GROUP BY over every key), while this is one indexed read per page of items.
      keys: { select: { id: true } },
    },
  },
} as const;

interface TSelectedOrder {
  id: string;
  number: string;
  source: string;
  externalId: string;
  placedAt: Date;
  status: string;
  currency: string;
  totalAmount: number;
  customerId: string;
  emailEnc: string;
  billingNameEnc: string | null;
  items: {
    id: string;
    position: number;
    sku: string;
    name: string;
    quantity: number;
    unitAmount: number;
    status: string;
    keys: { id: string }[];
  }[];
}

export interface TAgentOrderSummary {
  id: string;
  number: string;
  source: string;
  externalId: string;
  placedAt: Date;
  status: string;
  currency: string;
  totalAmount: number;
  customerId: string;
  buyer: { email: string; name: string | null };
  items: {
    id: string;
    position: number;
    sku: string;
    name: string;
    quantity: number;
    unitAmount: number;
    status: string;
    keyCount: number;
  }[];
}

/** Decrypts the buyer's e-mail and name of the order (its billing snapshot) for an agent. */
export function toAgentOrderSummary(order: TSelectedOrder): TAgentOrderSummary {
  // Fields are picked one by one so nothing else of the row (e.g. other ciphertexts) leaks into the DTO.
  const { id, number, source, externalId, placedAt, status, currency, totalAmount, customerId } = order;
  return {
    id,
    number,
    source,
    externalId,
    placedAt,
    status,
    currency,
    totalAmount,
    customerId,
    buyer: {
      email: decrypt(order.emailEnc, ENC.orderEmail),
      name: decryptOptional(order.billingNameEnc, ENC.orderBillingName),
    },
    items: order.items.map((i) => ({
      id: i.id,
      position: i.position,
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitAmount: i.unitAmount,
      status: i.status,
      keyCount: i.keys.length,
    })),
  };
}

/** A licence key as agents see it in lists: only the last five characters, dashes kept. */
export function maskLicenseKey(value: string): string {
  const visibleFrom = value.length - 5;
  return [...value].map((ch, i) => (i >= visibleFrom || !/[\p{L}\p{N}]/u.test(ch) ? ch : "•")).join("");
}
