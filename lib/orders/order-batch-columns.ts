import "server-only";
import type { TColumnType } from "@/lib/db/bulk-insert";

// The columns `ingestOrderBatch` writes with bulkInsert, per table (every one, defaults included:
// bulkInsert leaves nothing to the database's defaults).
export const CUSTOMER_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  emailHash: "text",
  emailEnc: "text",
  nameEnc: "text",
  phoneEnc: "text",
  addressEnc: "text",
  newsletter: "bool",
  newsletterAt: "date",
  createdAt: "date",
  updatedAt: "date",
};
export const ORDER_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  source: "text",
  externalId: "text",
  number: "text",
  numberKey: "text",
  placedAt: "date",
  currency: "text",
  status: { enum: "OrderStatus" },
  totalAmount: "int",
  customerId: "text",
  emailHash: "text",
  emailEnc: "text",
  billingNameEnc: "text",
  billingPhoneEnc: "text",
  billingAddrEnc: "text",
  createdAt: "date",
  updatedAt: "date",
};
export const ITEM_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  orderId: "text",
  productId: "text",
  position: "int",
  sku: "text",
  name: "text",
  quantity: "int",
  unitAmount: "int",
  status: { enum: "ItemStatus" },
};
export const KEY_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  orderItemId: "text",
  keyHash: "text",
  keyEnc: "text",
  position: "int",
  status: { enum: "LicenseKeyStatus" },
  revokedAt: "date",
  revokedReason: "text",
  createdAt: "date",
};
export const AUDIT_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  at: "date",
  actorType: { enum: "ActorType" },
  actorId: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  customerId: "text",
  ipEnc: "text",
  userAgent: "text",
  metadata: "json",
};
